import { MigrationInterface, QueryRunner } from 'typeorm';
import { CATEGORY_TEXT_SQL } from './1763800000120-SearchRelevanceFields';

/**
 * The search module's copy of each UNSPSC code's title text and its English document (issue 17,
 * ingest speed): the indexer's projection computed both per code of every version it indexed
 * (two title lookups, a string_agg and English stemming per code; a 1,000-line version has
 * nearly a code per line). `search_unspsc_text` holds them per class and commodity code (a
 * segment or family has no title text: the document's weight C is their class's and their own
 * title), and the projection joins it.
 *
 * Kept in step by statement-level triggers on `unspsc_node` (classification's table, which they
 * only read): in the transaction that changes a title, by whatever path (import, retiring absent
 * codes, a repair by hand), so the next version indexed reads the new titles and no sync has to
 * learn that a code set changed. A class's title is part of its commodities' text, so a changed
 * class recomputes its commodities too. An import's upsert rewrites every row; only rows whose
 * title changed (or were added or removed) are recomputed. Partitions indexed before a change
 * keep the titles they were indexed with until their agreement is indexed again, as before.
 *
 * The text is migration 120's expression (`category_text`, and `to_tsvector('english',
 * coalesce(category_text, ''))`); test/search-words checks the documents, test/unspsc-reimport
 * this table after a re-import.
 */
/** Recomputes the rows of the codes in `changed` (a query of `code`), and of their commodities when a class changed. */
const REFRESH = (changed: string) => `
    WITH c AS (SELECT DISTINCT code FROM (${changed}) x WHERE code NOT LIKE '____0000'),
         affected AS (
           SELECT code FROM c
           UNION
           SELECT u.code FROM c JOIN unspsc_node u ON u.code > c.code AND u.code <= (substr(c.code, 1, 6) || '99')::char(8) WHERE c.code LIKE '______00'),
         gone AS (DELETE FROM search_unspsc_text s USING affected a WHERE s.code = a.code AND NOT EXISTS (SELECT 1 FROM unspsc_node n WHERE n.code = a.code))
    INSERT INTO search_unspsc_text (code, category_text, en)
    SELECT t.code, t.category_text, to_tsvector('english'::regconfig, coalesce(t.category_text, ''))
      FROM (SELECT n.code, ${CATEGORY_TEXT_SQL('n.code')} AS category_text FROM unspsc_node n JOIN affected a ON a.code = n.code OFFSET 0) t
    ON CONFLICT (code) DO UPDATE SET category_text = EXCLUDED.category_text, en = EXCLUDED.en`;

const EVENTS = [
  { event: 'INSERT', referencing: 'REFERENCING NEW TABLE AS new_rows', changed: 'SELECT code FROM new_rows' },
  {
    event: 'UPDATE',
    referencing: 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows',
    // Codes never change in place (the key), but a changed code would count as both.
    changed: `SELECT n.code FROM new_rows n LEFT JOIN old_rows o ON o.code = n.code WHERE o.title IS DISTINCT FROM n.title
              UNION ALL SELECT o.code FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.code = o.code)`,
  },
  { event: 'DELETE', referencing: 'REFERENCING OLD TABLE AS old_rows', changed: 'SELECT code FROM old_rows' },
];

export class SearchUnspscText1763800000200 implements MigrationInterface {
  name = 'SearchUnspscText1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_unspsc_text (code char(8) PRIMARY KEY, category_text text, en tsvector NOT NULL)`);
    for (const { event, referencing, changed } of EVENTS) {
      await q.query(`CREATE FUNCTION torg_search_unspsc_text_${event.toLowerCase()}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${REFRESH(changed)};
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER unspsc_node_search_text_${event.toLowerCase()} AFTER ${event} ON unspsc_node ${referencing}
        FOR EACH STATEMENT EXECUTE FUNCTION torg_search_unspsc_text_${event.toLowerCase()}()`);
    }
    await q.query(`CREATE FUNCTION torg_search_unspsc_text_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM search_unspsc_text;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER unspsc_node_search_text_truncate AFTER TRUNCATE ON unspsc_node FOR EACH STATEMENT EXECUTE FUNCTION torg_search_unspsc_text_truncate()`);
    await q.query(`${REFRESH('SELECT code FROM unspsc_node')}`.replace(/^\s*WITH/, 'WITH'));
    await q.query('ANALYZE search_unspsc_text');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER unspsc_node_search_text_${event} ON unspsc_node`);
      await q.query(`DROP FUNCTION torg_search_unspsc_text_${event}()`);
    }
    await q.query('DROP TABLE search_unspsc_text');
  }
}
