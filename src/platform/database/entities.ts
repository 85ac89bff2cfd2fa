import { AgreementEntity } from '../../agreements/agreement.entity';
import { CatalogueVersionEntity } from '../../catalogues/catalogue-version.entity';
import { UnspscNodeEntity } from '../../classification/unspsc-node.entity';
import { MembershipEntity } from '../../identity/membership.entity';
import { OrganisationEntity } from '../../identity/organisation.entity';
import { UserEntity } from '../../identity/user.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';

/** Every entity, listed explicitly (no globbing: the same list serves ts-jest and dist). */
export const ENTITIES = [OrganisationEntity, UserEntity, MembershipEntity, AuditEventEntity, UnspscNodeEntity, AgreementEntity, CatalogueVersionEntity];
