import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * catalogue_item.attr_facets: the item's "name=value" attribute facets, written by the upload
 * (src/search/attribute-facets.ts) instead of being derived again for every row each time a
 * version is indexed. The search projection's sub-query over jsonb_each_text cost about 2 µs of
 * the ~100 µs an ingested line costs.
 *
 * Items stored before get theirs here, with the rule the projection used until now (so the
 * search rows built from them stay as they were); only items with attributes are rewritten. The
 * items' triggers are off meanwhile: the freeze of published items guards their content, which
 * this does not change, and their references are not touched.
 */
export class StoredAttributeFacets1763800000013 implements MigrationInterface {
  name = 'StoredAttributeFacets1763800000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalogue_item ADD COLUMN attr_facets text[] NOT NULL DEFAULT '{}'`);
    await q.query(`COMMENT ON COLUMN catalogue_item.attr_facets IS 'Attribute facets (lower-cased name=value), written with the item from its attributes'`);
    await q.query('ALTER TABLE catalogue_item DISABLE TRIGGER USER');
    await q.query(`
      UPDATE catalogue_item SET attr_facets = (SELECT array_agg(lower(k) || '=' || lower(v)) FROM jsonb_each_text(attributes) AS a(k, v))
       WHERE attributes <> '{}'::jsonb`);
    await q.query('ALTER TABLE catalogue_item ENABLE TRIGGER USER');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE catalogue_item DROP COLUMN attr_facets');
  }
}
