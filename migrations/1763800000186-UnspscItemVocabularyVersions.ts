import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The item vocabulary of UNSPSC suggestions is kept per catalogue version (issue 17): a publish
 * adds the new version's counts and subtracts the superseded one's, instead of counting every
 * published item again. `unspsc_item_vocabulary_version` names the versions whose items are
 * counted in `unspsc_feature` (source `item`) now, with their documents, so each version is
 * added and subtracted exactly once whatever the outbox delivers twice or coalesces. No foreign
 * key: classification does not know the catalogues' tables (they reach it through a port).
 *
 * The item vocabulary built before this table existed names no versions: it is emptied, and an
 * outbox message makes the service count every version in force again, one version at a time.
 */
export class UnspscItemVocabularyVersions1763800000186 implements MigrationInterface {
  name = 'UnspscItemVocabularyVersions1763800000186';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unspsc_item_vocabulary_version (
        version_id int PRIMARY KEY,
        documents int NOT NULL CHECK (documents >= 0)
      )`);
    await q.query(`DELETE FROM unspsc_feature WHERE source = 'item'`);
    await q.query(`DELETE FROM unspsc_feature_source WHERE source = 'item'`);
    await q.query(`INSERT INTO outbox_message (topic, key) VALUES ('classification.vocabulary-changed', 'items')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unspsc_item_vocabulary_version');
  }
}
