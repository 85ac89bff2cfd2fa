import { AGREEMENT_ENTITIES } from './agreements/agreements.entities';
import { CATALOGUE_ENTITIES } from './catalogues/catalogues.entities';
import { CLASSIFICATION_ENTITIES } from './classification/classification.entities';
import { IDENTITY_ENTITIES } from './identity/identity.entities';
import { INVOICING_ENTITIES } from './invoicing/invoicing.entities';
import { ORDERING_ENTITIES } from './ordering/ordering.entities';
import { PLATFORM_ENTITIES } from './platform/platform.entities';

/**
 * Every entity of the application, composed from each module's own list (platform knows no
 * domain). Listed explicitly, no globbing: the same list serves ts-jest and dist.
 */
export const ENTITIES = [...PLATFORM_ENTITIES, ...IDENTITY_ENTITIES, ...CLASSIFICATION_ENTITIES, ...AGREEMENT_ENTITIES, ...CATALOGUE_ENTITIES, ...ORDERING_ENTITIES, ...INVOICING_ENTITIES];
