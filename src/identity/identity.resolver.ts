import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Authenticated, Public } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext, Role } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { IdentityService } from './identity.service';
import { AuthPayload, CreateOrganisationInput, GrantMembershipInput, Me, Organisation, OrganisationConnection, OrganisationFilter } from './identity.types';

@Resolver()
export class IdentityResolver {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Development and test only: a bearer token for a seeded user (see README for the demo users).' })
  devLogin(
    @Ctx() ctx: RequestContext,
    @Args('email') email: string,
    @Args('organisationId', { type: () => Int, nullable: true, description: 'For users in several organisations.' }) organisationId?: number,
  ) {
    return this.identity.devLogin(ctx, email, organisationId ?? undefined);
  }

  @Authenticated()
  @Query(() => Me, { description: 'Who the caller is and which roles they hold.' })
  me(@Ctx() ctx: RequestContext) {
    return this.identity.me(ctx);
  }

  @Authenticated()
  @Query(() => Organisation, { description: 'One organisation.' })
  organisation(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.identity.organisation(ctx, id);
  }

  @Authenticated()
  @Query(() => OrganisationConnection, { description: 'Organisations (a public register of names and numbers), oldest first.' })
  organisations(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Args('filter', { nullable: true }) filter?: OrganisationFilter) {
    return this.identity.organisations(ctx, filter, page.first, page.after);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => Organisation, { description: 'Registers an organisation (ADMIN).' })
  createOrganisation(@Ctx() ctx: RequestContext, @Args('input') input: CreateOrganisationInput) {
    return this.identity.createOrganisation(ctx, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => Me, { description: 'Creates a user if needed and sets their roles in an organisation (ADMIN).' })
  grantMembership(@Ctx() ctx: RequestContext, @Args('input') input: GrantMembershipInput) {
    return this.identity.grantMembership(ctx, input);
  }
}
