import { MachineClientEntity } from './machine-client.entity';
import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** The identity module's tables: organisation, app_user, membership, machine_client. */
export const IDENTITY_ENTITIES = [OrganisationEntity, UserEntity, MembershipEntity, MachineClientEntity];
