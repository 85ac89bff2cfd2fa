import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement's value ceiling, shared by every participant (joint purchasing; issue 15 §3), and
 * the drawdowns on it: one row per source (an approved order), in the agreement's currency.
 * value_ceiling NULL = no ceiling. A released source keeps its row with amount 0. `invoiced` is
 * filled by invoicing (issue 16).
 */
export class AgreementCeiling1763800000046 implements MigrationInterface {
  name = 'AgreementCeiling1763800000046';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement ADD COLUMN value_ceiling numeric(18,2) CHECK (value_ceiling >= 0)`);
    await q.query(`
      CREATE TABLE agreement_drawdown (
        id            serial PRIMARY KEY,
        agreement_id  int NOT NULL REFERENCES agreement(id),
        source_type   text NOT NULL CHECK (length(source_type) BETWEEN 1 AND 40),
        source_id     text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 100),
        amount        numeric(18,2) NOT NULL CHECK (amount >= 0),
        invoiced      numeric(18,2) NOT NULL DEFAULT 0 CHECK (invoiced >= 0),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source_type, source_id)
      )`);
    await q.query(`CREATE INDEX agreement_drawdown_agreement ON agreement_drawdown (agreement_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_drawdown`);
    await q.query(`ALTER TABLE agreement DROP COLUMN value_ceiling`);
  }
}
