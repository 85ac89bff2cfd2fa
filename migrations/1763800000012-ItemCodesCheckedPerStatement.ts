import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * catalogue_item loses its index on unspsc_code. Its only user was the row trigger that kept a
 * used UNSPSC code from being deleted (one index probe per deleted code), while every uploaded
 * line paid for a random insert into it: about 3 µs of the ~100 µs an ingested line costs.
 *
 * Deleting codes (a re-import of the code set removes the unused ones, a few statements per
 * import) is now checked once per statement, from the deleted rows as a transition table: one
 * hash join over catalogue_item. Nested loops are switched off in that function: a join of the
 * items with the deleted codes must never become a scan of one per row of the other.
 * Renumbering a code (never done by the import; a manual correction) keeps the row trigger of
 * migration 1763800000010, now only for rows whose code really changes: each such row scans the
 * items once. Both first take SHARE on catalogue_item, so they wait for uploads in flight and
 * then see their items.
 */
export class ItemCodesCheckedPerStatement1763800000012 implements MigrationInterface {
  name = 'ItemCodesCheckedPerStatement1763800000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER unspsc_node_used_by_items ON unspsc_node');
    await q.query(`
      CREATE FUNCTION torg_keep_used_unspsc_deleted() RETURNS trigger LANGUAGE plpgsql
      SET enable_nestloop = off
      AS $$
      DECLARE
        used text;
      BEGIN
        PERFORM 1 FROM old_nodes LIMIT 1;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        LOCK TABLE catalogue_item IN SHARE MODE;
        SELECT min(o.code) INTO used FROM catalogue_item ci JOIN old_nodes o ON o.code = ci.unspsc_code;
        IF used IS NOT NULL THEN
          RAISE EXCEPTION 'UNSPSC code % is used by catalogue items', used USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER unspsc_node_deleted_unused AFTER DELETE ON unspsc_node
      REFERENCING OLD TABLE AS old_nodes FOR EACH STATEMENT EXECUTE FUNCTION torg_keep_used_unspsc_deleted()`);
    await q.query(`CREATE TRIGGER unspsc_node_renumbered_unused BEFORE UPDATE OF code ON unspsc_node
      FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION torg_keep_used_unspsc()`);
    await q.query('DROP INDEX catalogue_item_unspsc');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX catalogue_item_unspsc ON catalogue_item (unspsc_code)');
    await q.query('DROP TRIGGER unspsc_node_renumbered_unused ON unspsc_node');
    await q.query('DROP TRIGGER unspsc_node_deleted_unused ON unspsc_node');
    await q.query('DROP FUNCTION torg_keep_used_unspsc_deleted()');
    await q.query(`CREATE TRIGGER unspsc_node_used_by_items BEFORE DELETE OR UPDATE OF code ON unspsc_node
      FOR EACH ROW EXECUTE FUNCTION torg_keep_used_unspsc()`);
  }
}
