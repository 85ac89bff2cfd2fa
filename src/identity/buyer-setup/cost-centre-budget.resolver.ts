import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { Ctx } from '../../platform/auth/ctx.decorator';
import { RequestContext } from '../../platform/context/request-context';
import { CommitmentsService } from './commitments.service';
import type { CostCentreBudgetEntity } from './cost-centre.entity';
import { CostCentreBudget } from './cost-centre.types';

// Reached only through a cost centre the caller may see (CostCentresResolver checks that).
@Resolver(() => CostCentreBudget)
export class CostCentreBudgetResolver {
  constructor(private readonly commitments: CommitmentsService) {}

  @ResolveField(() => Decimal, {
    description:
      'Committed on it for the year by approved orders, excluding VAT: per order the larger of what it committed and what has been invoiced of it (net of credit notes). An invoice approved above its order counts in full; a credit note brings the order back down to its commitment at least; a cancelled order keeps what was invoiced of it.',
  })
  async committed(@Ctx() ctx: RequestContext, @Parent() b: CostCentreBudgetEntity) {
    return (await this.commitments.budgetStatusBatched(ctx, b)).committed;
  }

  @ResolveField(() => Decimal, { description: 'Of the committed amount, what has been invoiced (approved invoices less approved credit notes), excluding VAT; never more than committed.' })
  async invoiced(@Ctx() ctx: RequestContext, @Parent() b: CostCentreBudgetEntity) {
    return (await this.commitments.budgetStatusBatched(ctx, b)).invoiced;
  }

  @ResolveField(() => Decimal, { description: 'What is left to commit: amount − committed; negative when an override, an accepted change or an invoice approved above its order took it over.' })
  async remaining(@Ctx() ctx: RequestContext, @Parent() b: CostCentreBudgetEntity) {
    return (await this.commitments.budgetStatusBatched(ctx, b)).remaining;
  }
}
