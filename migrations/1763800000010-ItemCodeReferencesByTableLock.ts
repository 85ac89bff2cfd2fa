import { MigrationInterface, QueryRunner } from 'typeorm';
import { CHECK_ITEM_REFERENCES_0006, KEEP_USED_UNSPSC_0006 } from './1763800000006-StatementLevelItemReferences';

/**
 * Catalogue items no longer lock every UNSPSC code they use (FOR KEY SHARE, one row lock per
 * distinct code per COPY batch: about 3 µs per uploaded line, and a write to each code's row).
 * The guarantee is kept from the other side, which is rare: whoever deletes or renumbers a code
 * first takes SHARE on catalogue_item, so it waits for uploads in flight to commit, keeps new
 * ones out until it ends, and then sees every item that uses the code. The version a batch
 * belongs to is still locked per statement (one row).
 */
export class ItemCodeReferencesByTableLock1763800000010 implements MigrationInterface {
  name = 'ItemCodeReferencesByTableLock1763800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION torg_check_item_references() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        missing text;
      BEGIN
        SELECT 'version ' || n.version_id INTO missing FROM (SELECT DISTINCT version_id FROM new_items) n
         WHERE NOT EXISTS (SELECT 1 FROM catalogue_version v WHERE v.id = n.version_id) LIMIT 1;
        IF missing IS NULL THEN
          SELECT 'UNSPSC code ' || n.unspsc_code INTO missing FROM (SELECT DISTINCT unspsc_code FROM new_items) n
           WHERE NOT EXISTS (SELECT 1 FROM unspsc_node u WHERE u.code = n.unspsc_code) LIMIT 1;
        END IF;
        IF missing IS NOT NULL THEN
          RAISE EXCEPTION 'catalogue item refers to % that does not exist', missing USING ERRCODE = 'foreign_key_violation';
        END IF;
        PERFORM 1 FROM catalogue_version v WHERE v.id IN (SELECT version_id FROM new_items) FOR KEY SHARE;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION torg_keep_used_unspsc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE catalogue_item IN SHARE MODE;
        IF EXISTS (SELECT 1 FROM catalogue_item WHERE unspsc_code = OLD.code) THEN
          RAISE EXCEPTION 'UNSPSC code % is used by catalogue items', OLD.code USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    const replace = (sql: string) => sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
    await q.query(replace(CHECK_ITEM_REFERENCES_0006));
    await q.query(replace(KEEP_USED_UNSPSC_0006));
  }
}
