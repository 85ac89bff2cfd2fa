import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx } from '../../platform/auth/ctx.decorator';
import { RequestContext } from '../../platform/context/request-context';
import { PageArgs } from '../../platform/graphql/connection';
import { PlatformOperatorOr } from '../access.decorators';
import { Role } from '../role';
import { BUYER_ROLES } from './buyer-roles';
import { CostCentre, CostCentreBudget, CostCentreConnection, CostCentreResult, CreateCostCentreInput, SetCostCentreBudgetInput, UpdateCostCentreInput } from './cost-centre.types';
import { CostCentresService } from './cost-centres.service';
import { OrganisationMembers } from './organisation-members';
import { UserSummary } from './user-summary.types';

// The guard lets the roles through; BuyerSetupAccess decides per organisation (members read, ADMINs of it or above it change).
@Resolver(() => CostCentre)
export class CostCentresResolver {
  constructor(
    private readonly service: CostCentresService,
    private readonly members: OrganisationMembers,
  ) {}

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => CostCentreConnection, { description: 'Cost centres of an organisation (the caller’s own by default), by code; its members and the ADMINs above it see them.' })
  costCentres(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('organisationId', { type: () => Int, nullable: true, description: 'The organisation; the caller’s own when left out.' }) organisationId?: number,
    @Args('includeInactive', { defaultValue: false, description: 'Include retired cost centres.' }) includeInactive?: boolean,
  ) {
    return this.service.list(ctx, organisationId ?? undefined, !!includeInactive, page.first, page.after);
  }

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => CostCentre, { description: 'One cost centre (NOT_FOUND for another organisation’s).' })
  costCentre(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.get(ctx, id);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => CostCentreResult, { description: 'Creates a cost centre, with budgets per year if given (the organisation’s ADMIN or the ADMIN of one above it).' })
  createCostCentre(@Ctx() ctx: RequestContext, @Args('input') input: CreateCostCentreInput) {
    return this.service.create(ctx, input);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => CostCentreResult, { description: 'Changes a cost centre’s code, name, owner or active flag.' })
  updateCostCentre(@Ctx() ctx: RequestContext, @Args('input') input: UpdateCostCentreInput) {
    return this.service.update(ctx, input);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => CostCentre, { description: 'Sets a cost centre’s budget for one year (replacing an earlier one for that year).' })
  setCostCentreBudget(@Ctx() ctx: RequestContext, @Args('input') input: SetCostCentreBudgetInput) {
    return this.service.setBudget(ctx, input);
  }

  @ResolveField(() => UserSummary, { nullable: true, description: 'The owner.' })
  owner(@Ctx() ctx: RequestContext, @Parent() c: CostCentre) {
    return this.members.user(ctx, c.ownerUserId);
  }

  @ResolveField(() => [CostCentreBudget], { description: 'Budgets per year, oldest first.' })
  budgets(@Ctx() ctx: RequestContext, @Parent() c: CostCentre) {
    return this.service.budgets(ctx, c.id);
  }
}
