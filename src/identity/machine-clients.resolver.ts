import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated } from '../platform/auth/access.decorators';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { PageArgs } from '../platform/graphql/connection';
import { PlatformOperatorOr } from './access.decorators';
import { MachineClient, MachineClientConnection, RegisterMachineClientInput, RegisterMachineClientResult, RevokeMachineClientResult } from './machine-client.types';
import { MachineClientsService } from './machine-clients.service';
import { Role } from './role';

// The guard lets ADMINs through; the service checks the organisation is theirs or below theirs.
@Resolver()
export class MachineClientsResolver {
  constructor(private readonly service: MachineClientsService) {}

  @PlatformOperatorOr(Role.ADMIN)
  @Query(() => MachineClientConnection, { description: 'The machine clients of an organisation, revoked ones too, oldest first (its ADMIN, the ADMIN of one above it, or a platform operator).' })
  machineClients(@Ctx() ctx: RequestContext, @Args('organisationId', { type: () => Int }) organisationId: number, @Args() page: PageArgs) {
    return this.service.list(ctx, organisationId, page.first, page.after);
  }

  @Authenticated()
  @Query(() => MachineClient, { description: 'The machine client calling (for a client-credentials token; people ask me).' })
  currentMachineClient(@Ctx() ctx: RequestContext) {
    return this.service.current(ctx);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => RegisterMachineClientResult, {
    description:
      "Lets a system call Torg for an organisation with client-credentials tokens from the OIDC provider that carry this client id (the organisation's ADMIN, the ADMIN of one above it, or a platform operator).",
  })
  registerMachineClient(@Ctx() ctx: RequestContext, @Args('input') input: RegisterMachineClientInput) {
    return this.service.register(ctx, input);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => RevokeMachineClientResult, { description: 'Revokes a machine client: Torg refuses its tokens from the next call on.' })
  revokeMachineClient(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.service.revoke(ctx, id);
  }
}
