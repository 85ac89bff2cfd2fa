import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lines of a draft catalogue version that are valid except for their UNSPSC code (none, or one
 * outside the agreement's scope): kept beside the version with the codes Torg suggests, until the
 * supplier accepts one per line (acceptUnspscSuggestions) and the line becomes an item. A version
 * with such lines cannot be submitted.
 */
export class CatalogueLinesAwaitingUnspsc1763800000141 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalogue_line_awaiting_unspsc (
        version_id     int NOT NULL REFERENCES catalogue_version(id) ON DELETE CASCADE,
        line_no        int NOT NULL,
        seller_item_id text NOT NULL,
        name           text NOT NULL,
        given_code     text,
        reason         text NOT NULL,
        item           jsonb NOT NULL,
        suggestions    jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (version_id, line_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE catalogue_line_awaiting_unspsc');
  }
}
