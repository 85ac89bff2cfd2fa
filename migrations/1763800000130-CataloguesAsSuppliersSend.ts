import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogues as suppliers really send them (issue 17, section 3):
 * - an item may be marked not orderable (UBL cbc:OrderableIndicator false: deposit lines);
 * - the search table carries each item's validity dates, so a search filters them on the day it
 *   runs (a line valid from a future date appears on that date without a new upload);
 * - an agreement says whether an unknown UNSPSC commodity may be accepted at its nearest existing
 *   class or family (STRICT by default);
 * - an upload may publish its valid lines and leave the invalid ones out: the version records
 *   how it was read, and its excluded lines and warnings are kept beside it as notes.
 */
export class CataloguesAsSuppliersSend1763800000130 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE catalogue_item ADD COLUMN orderable boolean NOT NULL DEFAULT true');
    await q.query(`ALTER TABLE agreement ADD COLUMN unspsc_fallback text NOT NULL DEFAULT 'STRICT' CHECK (unspsc_fallback IN ('STRICT', 'NEAREST_LEVEL'))`);
    await q.query(`ALTER TABLE catalogue_version
      ADD COLUMN invalid_lines text NOT NULL DEFAULT 'REJECT' CHECK (invalid_lines IN ('REJECT', 'EXCLUDE')),
      ADD COLUMN excluded_line_count int NOT NULL DEFAULT 0,
      ADD COLUMN warning_count int NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE catalogue_line_note (
        id          bigserial PRIMARY KEY,
        version_id  int NOT NULL REFERENCES catalogue_version(id) ON DELETE CASCADE,
        kind        text NOT NULL CHECK (kind IN ('EXCLUDED', 'WARNING')),
        line_no     int,
        location    text NOT NULL,
        field       text,
        code        text NOT NULL,
        message     text NOT NULL,
        value       text
      )`);
    await q.query('CREATE INDEX catalogue_line_note_version ON catalogue_line_note (version_id, kind, line_no, id)');
    // Added to the partitioned parent, so to every version's partition; new partitions copy it.
    await q.query('ALTER TABLE search_item ADD COLUMN valid_from date, ADD COLUMN valid_to date');
    // Rows indexed before: their dates from the catalogue (published rows never change).
    await q.query(`UPDATE search_item s SET valid_from = ci.valid_from, valid_to = ci.valid_to
                     FROM catalogue_item ci WHERE ci.id = s.item_id AND (ci.valid_from IS NOT NULL OR ci.valid_to IS NOT NULL)`);
    // Every search filters on them: statistics, so the planner knows they are nearly always null.
    await q.query('ANALYZE search_item (valid_from, valid_to)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE search_item DROP COLUMN valid_from, DROP COLUMN valid_to');
    await q.query('DROP TABLE catalogue_line_note');
    await q.query('ALTER TABLE catalogue_version DROP COLUMN invalid_lines, DROP COLUMN excluded_line_count, DROP COLUMN warning_count');
    await q.query('ALTER TABLE agreement DROP COLUMN unspsc_fallback');
    await q.query('ALTER TABLE catalogue_item DROP COLUMN orderable');
  }
}
