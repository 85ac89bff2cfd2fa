import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { IdentityService } from './identity.service';
import { AuthPayload, DevUser } from './identity.types';

/**
 * devLogin hands out a token for any user, so it is only part of the schema where config.devLogin
 * says so (an explicit development run on the embedded database, or tests; never with OIDC):
 * AppModule imports DevLoginModule only then.
 */
@Resolver()
export class DevLoginResolver {
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

  @Public()
  @Query(() => [DevUser], { description: 'Development and test only: the users devLogin can sign in as, per organisation (at most 200), for the web sign-in page.' })
  devUsers(@Ctx() ctx: RequestContext) {
    return this.identity.devUsers(ctx);
  }
}
