import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PlatformOperatorOr } from './access.decorators';
import { Role } from './role';
import { PageArgs } from '../platform/graphql/connection';
import { IdentityService } from './identity.service';
import { CreateOrganisationInput, GrantMembershipInput, Me, Organisation, OrganisationConnection, OrganisationFilter } from './identity.types';

@Resolver()
export class IdentityResolver {
  constructor(private readonly identity: IdentityService) {}

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

  @PlatformOperatorOr()
  @Mutation(() => Organisation, { description: 'Registers an organisation (platform operators only).' })
  createOrganisation(@Ctx() ctx: RequestContext, @Args('input') input: CreateOrganisationInput) {
    return this.identity.createOrganisation(ctx, input);
  }

  // The guard lets ADMINs through; the service checks the target is their organisation or below it.
  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => Me, { description: 'Creates a user if needed and sets their roles in an organisation (its ADMIN, the ADMIN of an organisation above it, or a platform operator).' })
  grantMembership(@Ctx() ctx: RequestContext, @Args('input') input: GrantMembershipInput) {
    return this.identity.grantMembership(ctx, input);
  }
}
