import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room on each page of `unspsc_feature` for the item vocabulary's catch-up (issue 17): after a
 * publish it adds each new version's counts to the rows there (`n = n + delta`), and `n` is in no
 * index, so with free space on the row's page the update is a heap-only tuple (HOT) — no new entry
 * in the primary key (feature, source, code), whose text keys made most of the catch-up's WAL
 * when every update moved its row to another page. Pages written from now on keep 30 % free; the
 * rows already there move to such a page the first time they change, so the table is not
 * rewritten here (the title vocabulary's 2.8M rows are never updated in place).
 */
export class UnspscFeatureFillfactor1763800000178 implements MigrationInterface {
  name = 'UnspscFeatureFillfactor1763800000178';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unspsc_feature SET (fillfactor = 70)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unspsc_feature RESET (fillfactor)');
  }
}
