import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vocabularies UNSPSC suggestions vote with (classification owns them): per source, how many
 * documents have each feature with each code. Source "title" is the code set's titles (rebuilt on
 * import), "item" the names of items in published catalogues (rebuilt after a publish, through the
 * outbox). No foreign key to unspsc_node: a re-import may remove a code, and suggestions only
 * offer codes that exist when asked.
 */
export class UnspscSuggestionVocabulary1763800000140 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unspsc_feature (
        feature text NOT NULL,
        source text NOT NULL CHECK (source IN ('item', 'title')),
        code char(8) NOT NULL,
        n int NOT NULL CHECK (n > 0),
        PRIMARY KEY (feature, source, code)
      )`);
    await q.query(`
      CREATE TABLE unspsc_feature_source (
        source text PRIMARY KEY CHECK (source IN ('item', 'title')),
        documents int NOT NULL CHECK (documents >= 0),
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unspsc_feature_source');
    await q.query('DROP TABLE unspsc_feature');
  }
}
