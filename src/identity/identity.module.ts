import { Module } from '@nestjs/common';
import { IdentityResolver } from './identity.resolver';
import { IdentityService } from './identity.service';
import { OrganisationRepository } from './organisation.repository';
import { UserRepository } from './user.repository';

@Module({ providers: [IdentityService, IdentityResolver, OrganisationRepository, UserRepository], exports: [IdentityService] })
export class IdentityModule {}
