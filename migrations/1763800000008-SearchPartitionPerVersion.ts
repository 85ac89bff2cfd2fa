import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `item_id, version_id, agreement_id, supplier_id, seller_item_id, name, description, unspsc_code, segment_code, family_code,
  class_code, price, currency, vat_rate, unit_code, gtin, manufacturer, attributes, attr_facets`;

/**
 * One partition of the search table per published catalogue version (LIST on version_id),
 * instead of 32 hash partitions by agreement.
 *
 * Why: publishing rewrote an agreement's rows inside a partition shared with other agreements,
 * so every row went through GIN maintenance one by one (and the pending list had to be merged
 * afterwards): ~120 µs per row on the 1M-item bench. Now the indexer builds the new version's
 * table on its own, creates its indexes in bulk (~45 µs per row in all) and attaches it, which
 * takes only a SHARE UPDATE EXCLUSIVE lock on the parent, so searches keep running. Which version
 * of an agreement is searched is one row in search_index_state (engine 'postgres'), switched in
 * the same transaction as the attach: searchers see the old catalogue or the new one, never a mix.
 * The superseded partition stays attached for a grace period (search_retired_partition), so a
 * search that looked up the old version a moment earlier still finds it, and is then detached
 * concurrently and dropped.
 *
 * Inside a partition the agreement is fixed, so UNSPSC ranges need a btree on the code alone.
 */
export class SearchPartitionPerVersion1763800000008 implements MigrationInterface {
  name = 'SearchPartitionPerVersion1763800000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE search_item RENAME TO search_item_by_agreement');
    await q.query(`CREATE TABLE search_item (LIKE search_item_by_agreement INCLUDING DEFAULTS INCLUDING GENERATED) PARTITION BY LIST (version_id)`);
    await q.query('ALTER TABLE search_item ADD CONSTRAINT search_item_version_pkey PRIMARY KEY (item_id, version_id)');
    await q.query('CREATE INDEX search_item_version_doc ON search_item USING gin (doc)');
    await q.query('CREATE INDEX search_item_version_attr ON search_item USING gin (attr_facets)');
    await q.query('CREATE INDEX search_item_version_unspsc ON search_item (unspsc_code)');
    await q.query(`
      CREATE TABLE search_retired_partition (
        version_id  int PRIMARY KEY,
        retired_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // The rows already indexed move to partitions of their own, built the way the indexer builds them.
    const versions: { version_id: number; agreement_id: number }[] = await q.query('SELECT DISTINCT version_id, agreement_id FROM search_item_by_agreement ORDER BY version_id');
    for (const { version_id, agreement_id } of versions) {
      const table = `search_item_v${Number(version_id)}`;
      await q.query(`CREATE TABLE ${table} (LIKE search_item INCLUDING DEFAULTS INCLUDING GENERATED)`);
      await q.query(`INSERT INTO ${table} (${COLUMNS}) SELECT ${COLUMNS} FROM search_item_by_agreement WHERE agreement_id = $1 AND version_id = $2`, [agreement_id, version_id]);
      await q.query(`ALTER TABLE ${table} ADD PRIMARY KEY (item_id, version_id)`);
      await q.query(`ALTER TABLE search_item ATTACH PARTITION ${table} FOR VALUES IN (${Number(version_id)})`);
      await q.query(
        `INSERT INTO search_index_state (engine, agreement_id, version_id) VALUES ('postgres', $1, $2)
         ON CONFLICT (engine, agreement_id) DO UPDATE SET version_id = EXCLUDED.version_id, indexed_at = now()`,
        [agreement_id, version_id],
      );
    }
    await q.query('DROP TABLE search_item_by_agreement');
    await q.query('ANALYZE search_item');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE search_item RENAME TO search_item_by_version');
    await q.query(`CREATE TABLE search_item (LIKE search_item_by_version INCLUDING DEFAULTS INCLUDING GENERATED) PARTITION BY HASH (agreement_id)`);
    await q.query('ALTER TABLE search_item ADD PRIMARY KEY (item_id, agreement_id)');
    for (let i = 0; i < 32; i++) {
      await q.query(`CREATE TABLE search_item_p${i} PARTITION OF search_item FOR VALUES WITH (MODULUS 32, REMAINDER ${i})`);
    }
    await q.query('CREATE INDEX search_item_part_doc ON search_item USING gin (doc)');
    await q.query('CREATE INDEX search_item_part_attr ON search_item USING gin (attr_facets)');
    await q.query('CREATE INDEX search_item_part_agreement_unspsc ON search_item (agreement_id, unspsc_code)');
    // Only the versions searched now: the retired ones are on their way out.
    await q.query(
      `INSERT INTO search_item (${COLUMNS}) SELECT ${COLUMNS.replace(/(\w+)/g, 's.$1')} FROM search_item_by_version s
        JOIN search_index_state st ON st.engine = 'postgres' AND st.version_id = s.version_id`,
    );
    await q.query('DROP TABLE search_item_by_version');
    await q.query(`DELETE FROM search_index_state WHERE engine = 'postgres'`);
    await q.query('DROP TABLE search_retired_partition');
  }
}
