import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../../identity/access.decorators';
import { Role } from '../../identity/role';
import { Ctx } from '../../platform/auth/ctx.decorator';
import { RequestContext } from '../../platform/context/request-context';
import { Agreement } from '../agreements.types';
import { PriceClauseService } from './price-clause.service';
import { PriceClause, RecordPriceIndexValueInput, SetAgreementPriceClauseInput } from './price-clause.types';

/** The agreement's price-adjustment clause: set by its purchasing unit, seen by every party (the supplier prices under it). */
@Resolver(() => Agreement)
export class PriceClauseResolver {
  constructor(private readonly clauses: PriceClauseService) {}

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, { description: 'Sets (or replaces) an agreement’s price-adjustment clause (PURCHASER of the purchasing unit that manages it); audited.' })
  setAgreementPriceClause(@Ctx() ctx: RequestContext, @Args('input') input: SetAgreementPriceClauseInput) {
    return this.clauses.set(ctx, input);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, { description: 'Removes an agreement’s price-adjustment clause and its index values (PURCHASER of the purchasing unit that manages it); audited.' })
  removeAgreementPriceClause(@Ctx() ctx: RequestContext, @Args('agreementId', { type: () => Int, description: 'The agreement.' }) agreementId: number) {
    return this.clauses.remove(ctx, agreementId);
  }

  @Allow(Role.PURCHASER)
  @Mutation(() => Agreement, {
    description: 'Records a new value of the index an agreement’s index clause follows (PURCHASER of the purchasing unit that manages it); the same date again replaces the value; audited.',
  })
  recordPriceIndexValue(@Ctx() ctx: RequestContext, @Args('input') input: RecordPriceIndexValueInput) {
    return this.clauses.recordIndexValue(ctx, input);
  }

  @ResolveField(() => PriceClause, {
    nullable: true,
    description:
      'The price-adjustment clause; null: none, so price increases are not limited. Every party sees it: it is a term of the signed agreement, and the supplier prices its catalogue under it.',
  })
  priceClause(@Ctx() ctx: RequestContext, @Parent() a: Agreement) {
    return this.clauses.clause(ctx, a.id);
  }
}
