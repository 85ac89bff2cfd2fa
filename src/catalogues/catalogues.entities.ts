import { CatalogueVersionEntity } from './catalogue-version.entity';

/** The catalogues module's tables: catalogue_version (catalogue_item is reached by SQL in its repository). */
export const CATALOGUE_ENTITIES = [CatalogueVersionEntity];
