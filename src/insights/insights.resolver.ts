import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../identity/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { bounded } from './bounded';
import { INSIGHT_ROLES } from './insights-scope';
import { InsightsService } from './insights.service';
import { CeilingUseRow, EcoLabelledSpendRow, ExceptionRateRow, InsightFilter, InvoiceStatisticsRow, LeakageRow, LoyaltyRow, OffAgreementLine, OrderStatisticsRow, SpendRow } from './insights.types';

const filterArg = { name: 'filter', type: () => InsightFilter, nullable: true } as const;
const orEmpty = (f: InsightFilter | null | undefined) => f ?? new InsightFilter();

/** Insights for purchasing units and buyer organisations (PURCHASER, ACCOUNTS_PAYABLE, ADMIN); every report also as CSV/JSON at GET /insights/<report>.csv|json. */
@Resolver()
export class InsightsResolver {
  constructor(private readonly insights: InsightsService) {}

  @Allow(...INSIGHT_ROLES)
  @Query(() => [LoyaltyRow], { description: 'Agreement loyalty and supplier loyalty of the spend, grouped as the filter says.' })
  insightLoyalty(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.loyalty(ctx, orEmpty(filter));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [LeakageRow], { description: 'Off-agreement spend and what the cheapest agreement alternatives would have saved.' })
  insightLeakage(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.leakage(ctx, orEmpty(filter));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [OffAgreementLine], { description: 'The off-agreement lines, newest first: justification and cheapest agreement alternative.' })
  insightOffAgreementLines(
    @Ctx() ctx: RequestContext,
    @Args(filterArg) filter?: InsightFilter,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset = 0,
  ) {
    return this.insights.offAgreementLines(ctx, orEmpty(filter), pageOffset(offset), pageSize(first));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [SpendRow], { description: 'Spend by period, organisation, UNSPSC category, supplier or agreement.' })
  insightSpend(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.spend(ctx, orEmpty(filter));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [EcoLabelledSpendRow], {
    description:
      'Eco-labelled spend (Svanemerket, EU Ecolabel, TCO Certified, … as the item was published when bought) and its share of the spend, grouped as the filter says (e.g. PERIOD, CATEGORY at SEGMENT or FAMILY, SUPPLIER). Free-text lines and invoice lines without an order line are unknown, not unlabelled.',
  })
  insightEcoLabelledSpend(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.ecoLabelledSpend(ctx, orEmpty(filter));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [OrderStatisticsRow], { description: 'Orders per group and their average approval time (ordered basis).' })
  insightOrders(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.orders(ctx, orEmpty(filter));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [InvoiceStatisticsRow], { description: 'Invoices per group: electronic-order share and order-to-invoice lead time (invoiced basis).' })
  insightInvoices(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.invoices(ctx, orEmpty(filter));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [ExceptionRateRow], { description: 'Invoice exception rate by reason, per period of receipt (grouped by PERIOD, ORGANISATION, SUPPLIER only).' })
  insightInvoiceExceptions(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.exceptionRates(ctx, orEmpty(filter));
  }

  @Allow(...INSIGHT_ROLES)
  @Query(() => [CeilingUseRow], { description: 'Value ceiling use of the agreements the covered spend was ordered on.' })
  insightCeilingUse(@Ctx() ctx: RequestContext, @Args(filterArg) filter?: InsightFilter) {
    return this.insights.ceilingUse(ctx, orEmpty(filter));
  }
}

/** At most this many lines a page. */
export const MAX_PAGE = 500;

const pageSize = (first: number) => bounded(first, 1, MAX_PAGE, 'first');
const pageOffset = (offset: number) => bounded(offset, 0, 1_000_000, 'offset');
