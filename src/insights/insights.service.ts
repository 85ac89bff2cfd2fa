import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { IdentityService } from '../identity/identity.service';
import type { RequestContext } from '../platform/context/request-context';
import { badInput } from '../platform/errors/domain-error';
import { InsightReportsRepository, ReportRow } from './insight-reports.repository';
import { InsightQuery } from './insight-query';
import { InsightsScope } from './insights-scope';
import {
  CeilingUseRow,
  EcoLabelledSpendRow,
  ExceptionRateRow,
  InsightDimension,
  InsightFilter,
  InvoiceStatisticsRow,
  LeakageRow,
  LoyaltyRow,
  OffAgreementLine,
  OrderStatisticsRow,
  PeriodGrouping,
  SpendBasis,
  SpendRow,
  UnspscLevelName,
} from './insights.types';

/** The longest period a report may span: 10 years of months is 120 rows per group. */
const MAX_SPAN_DAYS = 3660;

/** The reports of issue 16 §4 over the caller's scope (InsightsScope), each one aggregate in the database. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly reports: InsightReportsRepository,
    private readonly scope: InsightsScope,
    private readonly identity: IdentityService,
    private readonly agreements: AgreementsService,
  ) {}

  async loyalty(ctx: RequestContext, filter: InsightFilter): Promise<LoyaltyRow[]> {
    return this.named(ctx, await this.reports.loyalty(ctx, await this.query(ctx, filter)));
  }

  async leakage(ctx: RequestContext, filter: InsightFilter): Promise<LeakageRow[]> {
    return this.named(ctx, await this.reports.leakage(ctx, await this.query(ctx, filter)));
  }

  async spend(ctx: RequestContext, filter: InsightFilter): Promise<SpendRow[]> {
    return this.named(ctx, await this.reports.spend(ctx, await this.query(ctx, filter)));
  }

  async ecoLabelledSpend(ctx: RequestContext, filter: InsightFilter): Promise<EcoLabelledSpendRow[]> {
    return this.named(ctx, await this.reports.ecoLabelledSpend(ctx, await this.query(ctx, filter)));
  }

  async offAgreementLines(ctx: RequestContext, filter: InsightFilter, offset: number, limit: number): Promise<OffAgreementLine[]> {
    return this.named(ctx, await this.reports.offAgreementLines(ctx, await this.query(ctx, filter), offset, limit));
  }

  async orders(ctx: RequestContext, filter: InsightFilter): Promise<OrderStatisticsRow[]> {
    return this.named(ctx, await this.reports.orders(ctx, await this.query(ctx, filter)));
  }

  async invoices(ctx: RequestContext, filter: InsightFilter): Promise<InvoiceStatisticsRow[]> {
    return this.named(ctx, await this.reports.invoices(ctx, await this.query(ctx, filter)));
  }

  async exceptionRates(ctx: RequestContext, filter: InsightFilter): Promise<ExceptionRateRow[]> {
    return this.named(ctx, await this.reports.exceptionRates(ctx, await this.query(ctx, filter)));
  }

  /**
   * The value ceiling of each agreement the covered spend was ordered on (or the one filtered
   * for): shared by all its participants (AgreementsService.headroom), beside what the covered
   * organisations ordered on it. One headroom read per agreement: a report names few.
   */
  async ceilingUse(ctx: RequestContext, filter: InsightFilter): Promise<CeilingUseRow[]> {
    const q = await this.query(ctx, filter);
    const ordered = new Map((await this.reports.orderedPerAgreement(ctx, q)).map((r) => [r.agreementId, r.amount]));
    if (q.agreementId !== undefined && !ordered.has(q.agreementId)) ordered.set(q.agreementId, '0');
    const standing = await this.agreements.standing(ctx, [...ordered.keys()]);
    const rows: CeilingUseRow[] = [];
    for (const [agreementId, orderedHere] of ordered) {
      const agreement = standing.get(agreementId);
      if (!agreement) continue;
      const h = await this.agreements.headroom(ctx, agreementId);
      rows.push({
        agreementId,
        reference: agreement.reference,
        currency: agreement.currency,
        ceiling: h.ceiling?.toDecimalString() ?? null,
        committed: h.committed.toDecimalString(),
        invoiced: h.invoiced.toDecimalString(),
        remaining: h.remaining?.toDecimalString() ?? null,
        used: h.ceiling && !h.ceiling.isZero() ? Number(h.committed.amount.div(h.ceiling.amount).toDecimalPlaces(4)) : null,
        orderedHere,
      });
    }
    return rows;
  }

  /** The filter as a query: access decided, defaults filled, the period checked. */
  async query(ctx: RequestContext, f: InsightFilter): Promise<InsightQuery> {
    if (f.from && f.to && f.from > f.to) throw badInput(`from (${f.from}) is after to (${f.to})`, { field: 'from' });
    if (f.from && f.to && (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 > MAX_SPAN_DAYS) throw badInput(`a report spans at most ${MAX_SPAN_DAYS} days`, { field: 'to' });
    const scope = await this.scope.organisations(ctx, f.organisationId ?? undefined);
    return {
      organisationIds: scope.ids,
      subtreeTops: scope.tops,
      from: f.from ?? undefined,
      to: f.to ?? undefined,
      period: f.period ?? PeriodGrouping.MONTH,
      unspscLevel: f.unspscLevel ?? UnspscLevelName.SEGMENT,
      unspscCode: f.unspscCode ?? undefined,
      supplierId: f.supplierId ?? undefined,
      agreementId: f.agreementId ?? undefined,
      basis: f.basis ?? SpendBasis.ORDERED,
      groupBy: [...new Set(f.groupBy ?? [InsightDimension.PERIOD])],
    };
  }

  /** Adds organisation and supplier names to the result rows (one batched lookup for the few ids they hold). */
  private async named<T>(ctx: RequestContext, rows: ReportRow[]): Promise<T[]> {
    const name = async (id: number | null | undefined) => (id == null ? null : ((await this.identity.find(ctx, id))?.name ?? null));
    return Promise.all(
      rows.map(async ({ freeTextSupplier, ...r }) => ({
        ...r,
        organisationName: await name(r.organisationId),
        supplierName: (r.supplierName as string | undefined) ?? (await name(r.supplierId)) ?? freeTextSupplier ?? null,
      })),
    ) as Promise<T[]>;
  }
}
