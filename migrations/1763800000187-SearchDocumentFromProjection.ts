import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEARCH_DOC_SQL } from './1763800000120-SearchRelevanceFields';

/**
 * The search document (`doc`) is written by the indexer's projection instead of being a generated
 * column (issue 17, ingest speed): the projection computes the same expression, but the English
 * UNSPSC titles' part once per code of the version instead of once per item (it was a quarter of
 * the document's cost, and a version has far fewer codes than items). The values stay as they
 * are: DROP EXPRESSION keeps them, in every partition.
 */
export class SearchDocumentFromProjection1763800000187 implements MigrationInterface {
  name = 'SearchDocumentFromProjection1763800000187';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE search_item ALTER COLUMN doc DROP EXPRESSION');
  }

  async down(q: QueryRunner): Promise<void> {
    // A column cannot become generated again: recomputed as migration 120 defined it.
    await q.query('DROP INDEX IF EXISTS search_item_version_doc');
    await q.query('ALTER TABLE search_item DROP COLUMN doc');
    await q.query(`ALTER TABLE search_item ADD COLUMN doc tsvector GENERATED ALWAYS AS (${SEARCH_DOC_SQL}) STORED`);
    await q.query('CREATE INDEX search_item_version_doc ON search_item USING gin (doc)');
  }
}
