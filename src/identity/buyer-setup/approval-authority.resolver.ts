import { Args, ArgsType, Field, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsInt } from 'class-validator';
import { Ctx } from '../../platform/auth/ctx.decorator';
import { RequestContext } from '../../platform/context/request-context';
import { PageArgs } from '../../platform/graphql/connection';
import { PlatformOperatorOr } from '../access.decorators';
import { Role } from '../role';
import { ApprovalAuthorityService } from './approval-authority.service';
import {
  ApprovalAuthority,
  ApprovalAuthorityConnection,
  ApprovalAuthorityResult,
  ApprovalRouteResult,
  ApproverRight,
  AuthorisedApproverView,
  RevokeApproverRightInput,
  SetApproverRightInput,
  SetPersonalLimitInput,
} from './approval-authority.types';
import { BUYER_ROLES } from './buyer-roles';
import { CostCentre } from './cost-centre.types';
import { CostCentresService } from './cost-centres.service';
import { IsNokAmount } from '../../platform/graphql/input-formats';
import { OrganisationMembers } from './organisation-members';
import { UserSummary } from './user-summary.types';

@ArgsType()
class ApprovalRouteArgs {
  @Field(() => Int, { description: 'A cost centre of the caller’s organisation.' }) @IsInt() costCentreId: number;
  @Field({ description: 'The requisition’s amount in NOK excluding VAT, e.g. "12500".' }) @IsNokAmount('amount') amount: string;
}

// The guard lets the roles through; BuyerSetupAccess decides per organisation (members read, ADMINs of it or above it change).
@Resolver(() => ApprovalAuthority)
export class ApprovalAuthorityResolver {
  constructor(
    private readonly authority: ApprovalAuthorityService,
    private readonly members: OrganisationMembers,
  ) {}

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => ApprovalAuthority, { description: 'A user’s personal limit and approver rights in an organisation (the caller’s own by default).' })
  approvalAuthority(
    @Ctx() ctx: RequestContext,
    @Args('userId', { type: () => Int, nullable: true, description: 'The user; the caller when left out.' }) userId?: number,
    @Args('organisationId', { type: () => Int, nullable: true, description: 'The organisation; the caller’s own when left out.' }) organisationId?: number,
  ) {
    return this.authority.authority(ctx, organisationId ?? undefined, userId ?? undefined);
  }

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => ApprovalAuthorityConnection, { description: 'Everyone in an organisation with a personal limit or an approver right, by user id.' })
  approvalAuthorities(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('organisationId', { type: () => Int, nullable: true, description: 'The organisation; the caller’s own when left out.' }) organisationId?: number,
  ) {
    return this.authority.list(ctx, organisationId ?? undefined, page.first, page.after);
  }

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => ApprovalRouteResult, {
    description: 'Where a requisition by the caller of this amount on this cost centre would go today: approved at once within their personal limit, or to these approvers (substitutes included).',
  })
  approvalRoute(@Ctx() ctx: RequestContext, @Args() args: ApprovalRouteArgs) {
    return this.authority.routeForCaller(ctx, args.costCentreId, args.amount);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => ApprovalAuthorityResult, { description: 'Sets or removes a user’s personal limit (the organisation’s ADMIN or the ADMIN of one above it).' })
  setPersonalLimit(@Ctx() ctx: RequestContext, @Args('input') input: SetPersonalLimitInput) {
    return this.authority.setPersonalLimit(ctx, input);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => ApprovalAuthorityResult, { description: 'Gives a user holding APPROVER the right to approve up to an amount on a cost centre, or on all of them.' })
  setApproverRight(@Ctx() ctx: RequestContext, @Args('input') input: SetApproverRightInput) {
    return this.authority.setApproverRight(ctx, input);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => ApprovalAuthority, { description: 'Takes away a user’s approver right on a cost centre (or on all).' })
  revokeApproverRight(@Ctx() ctx: RequestContext, @Args('input') input: RevokeApproverRightInput) {
    return this.authority.revokeApproverRight(ctx, input);
  }

  @ResolveField(() => UserSummary, { nullable: true, description: 'The user.' })
  user(@Ctx() ctx: RequestContext, @Parent() a: ApprovalAuthority) {
    return this.members.user(ctx, a.userId);
  }
}

@Resolver(() => ApproverRight)
export class ApproverRightResolver {
  constructor(private readonly costCentres: CostCentresService) {}

  @ResolveField(() => CostCentre, { nullable: true, description: 'The cost centre; null: every cost centre of the organisation.' })
  costCentre(@Ctx() ctx: RequestContext, @Parent() r: ApproverRight) {
    return r.costCentreId === null ? null : this.costCentres.find(ctx, r.costCentreId);
  }
}

@Resolver(() => AuthorisedApproverView)
export class AuthorisedApproverResolver {
  constructor(private readonly members: OrganisationMembers) {}

  @ResolveField(() => UserSummary, { nullable: true, description: 'The approver.' })
  user(@Ctx() ctx: RequestContext, @Parent() a: AuthorisedApproverView) {
    return this.members.user(ctx, a.userId);
  }

  @ResolveField(() => UserSummary, { nullable: true, description: 'The principal a substitute approves for; null for own authority.' })
  onBehalfOf(@Ctx() ctx: RequestContext, @Parent() a: AuthorisedApproverView) {
    return a.onBehalfOfUserId === null ? null : this.members.user(ctx, a.onBehalfOfUserId);
  }
}
