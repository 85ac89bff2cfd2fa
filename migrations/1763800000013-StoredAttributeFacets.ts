import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * catalogue_item.attr_facets: the item's "name=value" attribute facets, written by the upload
 * (src/search/attribute-facets.ts) instead of being derived again for every row each time a
 * version is indexed. The search projection's sub-query over jsonb_each_text cost about 2 µs of
 * the ~100 µs an ingested line costs. Null for items stored before this migration: the
 * projection derives those as before. Adding a nullable column without a default rewrites
 * nothing, so the migration is instant on a large table.
 */
export class StoredAttributeFacets1763800000013 implements MigrationInterface {
  name = 'StoredAttributeFacets1763800000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE catalogue_item ADD COLUMN attr_facets text[]');
    await q.query(`COMMENT ON COLUMN catalogue_item.attr_facets IS 'Attribute facets (lower-cased name=value) as written at upload; null for items stored before it was written, derived from attributes instead'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE catalogue_item DROP COLUMN attr_facets');
  }
}
