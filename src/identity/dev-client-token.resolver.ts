import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { ClientTokenPayload } from './machine-client.types';
import { MachineClientsService } from './machine-clients.service';

/** Like devLogin, for machine clients: part of the schema only where DevLoginModule is. */
@Resolver()
export class DevClientTokenResolver {
  constructor(private readonly machineClients: MachineClientsService) {}

  @Public()
  @Mutation(() => ClientTokenPayload, {
    description: 'Development and test only: a bearer token for a registered, active machine client, as a client-credentials token from the OIDC provider would be (see README: Machine clients).',
  })
  devClientToken(
    @Ctx() ctx: RequestContext,
    @Args('clientId', { nullable: true, description: 'Its client id.' }) clientId?: string,
    @Args('organisationId', { type: () => Int, nullable: true, description: 'An organisation with exactly one active machine client.' }) organisationId?: number,
  ) {
    return this.machineClients.devClientToken(ctx, { clientId: clientId ?? undefined, organisationId: organisationId ?? undefined });
  }
}
