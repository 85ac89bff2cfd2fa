import { Module } from '@nestjs/common';
import { IdentityResolver } from './identity.resolver';
import { IdentityService } from './identity.service';
import { MachineClientRepository } from './machine-client.repository';
import { MachineClientsResolver } from './machine-clients.resolver';
import { MachineClientsService } from './machine-clients.service';
import { OrganisationRepository } from './organisation.repository';
import { UserRepository } from './user.repository';

@Module({
  providers: [IdentityService, IdentityResolver, OrganisationRepository, UserRepository, MachineClientRepository, MachineClientsService, MachineClientsResolver],
  exports: [IdentityService, MachineClientsService],
})
export class IdentityModule {}
