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

  @ResolveField(() => Decimal, { description: 'Committed on it for the year by approved orders, excluding VAT (invoiced amounts included).' })
  async committed(@Ctx() ctx: RequestContext, @Parent() b: CostCentreBudgetEntity) {
    return (await this.commitments.budgetStatusBatched(ctx, b)).committed;
  }

  @ResolveField(() => Decimal, { description: 'Of the committed amount, what has been invoiced, excluding VAT (0 until invoicing arrives).' })
  async invoiced(@Ctx() ctx: RequestContext, @Parent() b: CostCentreBudgetEntity) {
    return (await this.commitments.budgetStatusBatched(ctx, b)).invoiced;
  }

  @ResolveField(() => Decimal, { description: 'What is left to commit: amount − committed; negative when an override or an accepted change took it over.' })
  async remaining(@Ctx() ctx: RequestContext, @Parent() b: CostCentreBudgetEntity) {
    return (await this.commitments.budgetStatusBatched(ctx, b)).remaining;
  }
}
