import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for UNSPSC filters at segment, family and class level. And the plain agreement index
 * goes: with it the planner filters every visible row by the tsquery (slow for 50k rows) instead
 * of using the composite GIN (agreement_id, doc), which also serves agreement-only look-ups.
 */
export class SearchCodeIndexes1763800000002 implements MigrationInterface {
  name = 'SearchCodeIndexes1763800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX search_item_segment ON search_item (segment_code)');
    await q.query('CREATE INDEX search_item_family ON search_item (family_code)');
    await q.query('CREATE INDEX search_item_class ON search_item (class_code)');
    await q.query('DROP INDEX search_item_agreement');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of ['search_item_segment', 'search_item_family', 'search_item_class']) await q.query(`DROP INDEX IF EXISTS ${i}`);
    await q.query('CREATE INDEX search_item_agreement ON search_item (agreement_id)');
  }
}
