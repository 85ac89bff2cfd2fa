import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** The identity module's tables: organisation, app_user, membership. */
export const IDENTITY_ENTITIES = [OrganisationEntity, UserEntity, MembershipEntity];
