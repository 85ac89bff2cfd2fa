import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice match rule's UNSPSC prefix names a level of the code tree: segment (2 digits),
 * family (4), class (6) or commodity (8), as the GraphQL input already demands. The first
 * check allowed any length from 2 to 8, so a 3-digit prefix written past the API would have
 * been stored and matched half a level.
 */
export class MatchRulePrefixLevels1763800000115 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice_match_rule DROP CONSTRAINT invoice_match_rule_unspsc_prefix_check`);
    await q.query(`ALTER TABLE invoice_match_rule ADD CONSTRAINT invoice_match_rule_unspsc_prefix_check CHECK (unspsc_prefix ~ '^([0-9]{2}){1,4}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice_match_rule DROP CONSTRAINT invoice_match_rule_unspsc_prefix_check`);
    await q.query(`ALTER TABLE invoice_match_rule ADD CONSTRAINT invoice_match_rule_unspsc_prefix_check CHECK (unspsc_prefix ~ '^[0-9]{2,8}$')`);
  }
}
