import { Args, ArgsType, Field, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsInt, IsOptional } from 'class-validator';
import { Ctx } from '../../platform/auth/ctx.decorator';
import { RequestContext } from '../../platform/context/request-context';
import { PageArgs } from '../../platform/graphql/connection';
import { PlatformOperatorOr } from '../access.decorators';
import { Role } from '../role';
import { BUYER_ROLES } from './buyer-roles';
import { CreateDelegationInput, Delegation, DelegationConnection, DelegationResult, DelegationStatus } from './delegation.types';
import { DelegationsService } from './delegations.service';
import { IsDate } from '../../platform/graphql/input-formats';
import { OrganisationMembers } from './organisation-members';
import { UserSummary } from './user-summary.types';

@ArgsType()
class WhoMayApproveForArgs {
  @Field(() => Int, { description: 'The approver (principal).' }) @IsInt() userId: number;
  @Field(() => String, { nullable: true, description: 'The date, YYYY-MM-DD; today (Oslo time) when left out.' }) @IsOptional() @IsDate('date') date?: string;
  @Field(() => Int, { nullable: true, description: 'The organisation; the caller’s own when left out.' }) @IsOptional() @IsInt() organisationId?: number;
}

// The guard lets the roles through; the service decides: members read, an APPROVER names and cancels their own substitute, ADMINs anyone's.
@Resolver(() => Delegation)
export class DelegationsResolver {
  constructor(
    private readonly service: DelegationsService,
    private readonly members: OrganisationMembers,
  ) {}

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => DelegationConnection, { description: 'Delegations of an organisation (the caller’s own by default), latest period first; by default only those not cancelled or ended.' })
  delegations(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('organisationId', { type: () => Int, nullable: true, description: 'The organisation; the caller’s own when left out.' }) organisationId?: number,
    @Args('includeEnded', { defaultValue: false, description: 'Include cancelled and ended delegations.' }) includeEnded?: boolean,
  ) {
    return this.service.list(ctx, organisationId ?? undefined, !!includeEnded, page.first, page.after);
  }

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => [UserSummary], { description: 'Who may approve for an approver on a date: the approver, then their substitutes in force that day.' })
  async whoMayApproveFor(@Ctx() ctx: RequestContext, @Args() args: WhoMayApproveForArgs) {
    const ids = await this.service.whoMayApproveFor(ctx, args.organisationId ?? undefined, args.userId, args.date ?? undefined);
    return (await Promise.all(ids.map((id) => this.members.user(ctx, id)))).filter((u) => u !== null);
  }

  @PlatformOperatorOr(Role.APPROVER, Role.ADMIN)
  @Mutation(() => DelegationResult, { description: 'Names a substitute for an approver for a period (the approver themself, or an ADMIN).' })
  createDelegation(@Ctx() ctx: RequestContext, @Args('input') input: CreateDelegationInput) {
    return this.service.create(ctx, input);
  }

  @PlatformOperatorOr(Role.APPROVER, Role.ADMIN)
  @Mutation(() => DelegationResult, { description: 'Cancels a delegation that has not ended (its approver, or an ADMIN).' })
  cancelDelegation(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.cancel(ctx, id);
  }

  @ResolveField(() => DelegationStatus, { description: 'Where the delegation stands today (Oslo time).' })
  status(@Parent() d: Delegation) {
    return this.service.status(d);
  }

  @ResolveField(() => UserSummary, { nullable: true, description: 'The approver who is away.' })
  principal(@Ctx() ctx: RequestContext, @Parent() d: Delegation) {
    return this.members.user(ctx, d.principalUserId);
  }

  @ResolveField(() => UserSummary, { nullable: true, description: 'The substitute.' })
  substitute(@Ctx() ctx: RequestContext, @Parent() d: Delegation) {
    return this.members.user(ctx, d.substituteUserId);
  }
}
