import { BUYER_SETUP_ENTITIES } from './buyer-setup/buyer-setup.entities';
import { MachineClientEntity } from './machine-client.entity';
import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** The identity module's tables: organisation, app_user, membership, machine_client, and the buyer set-up's (buyer-setup/). */
export const IDENTITY_ENTITIES = [OrganisationEntity, UserEntity, MembershipEntity, MachineClientEntity, ...BUYER_SETUP_ENTITIES];
