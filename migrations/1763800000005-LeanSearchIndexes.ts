import { MigrationInterface, QueryRunner } from 'typeorm';

const SINGLE_COLUMN = ['segment', 'family', 'class', 'unspsc', 'price', 'agreement'];

/**
 * Fewer indexes on the search table, so publishing (which writes every item of an agreement
 * again) maintains four instead of nine. Measured on the 1M-item bench: of the nine, only the
 * tsvector GIN, the agreement btree and (for UNSPSC browsing) the segment btree were ever used.
 * One btree on (agreement_id, unspsc_code) now serves agreement look-ups and UNSPSC filters at
 * every level, because a node's subtree is a range of codes (44120000..44129999). Price sorting
 * happens after the agreement and text filters, where an index on price does not help.
 */
export class LeanSearchIndexes1763800000005 implements MigrationInterface {
  name = 'LeanSearchIndexes1763800000005';

  async up(q: QueryRunner): Promise<void> {
    for (const column of SINGLE_COLUMN) await q.query(`DROP INDEX IF EXISTS search_item_part_${column}`);
    await q.query('CREATE INDEX search_item_part_agreement_unspsc ON search_item (agreement_id, unspsc_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS search_item_part_agreement_unspsc');
    await q.query('CREATE INDEX search_item_part_agreement ON search_item (agreement_id)');
    await q.query('CREATE INDEX search_item_part_unspsc ON search_item (unspsc_code)');
    await q.query('CREATE INDEX search_item_part_segment ON search_item (segment_code)');
    await q.query('CREATE INDEX search_item_part_family ON search_item (family_code)');
    await q.query('CREATE INDEX search_item_part_class ON search_item (class_code)');
    await q.query('CREATE INDEX search_item_part_price ON search_item (price)');
  }
}
