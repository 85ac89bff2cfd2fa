import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commitment ledger (disposisjonsregnskap, issue 15 §4; src/identity/buyer-setup/): what a
 * cost centre has promised to pay in a budget year, one row per source (an approved order), in
 * NOK excluding VAT. A released source keeps its row with amount 0 (and whatever was invoiced),
 * so a later re-commit of the same source reuses it. `invoiced` is filled by invoicing (issue 16).
 * override_reason / overridden_by: who let a commitment take the cost centre over its budget, and why.
 */
export class CostCentreCommitments1763800000045 implements MigrationInterface {
  name = 'CostCentreCommitments1763800000045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cost_centre_commitment (
        id               serial PRIMARY KEY,
        cost_centre_id   int NOT NULL REFERENCES cost_centre(id),
        year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        source_type      text NOT NULL CHECK (length(source_type) BETWEEN 1 AND 40),
        source_id        text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 100),
        amount           numeric(18,2) NOT NULL CHECK (amount >= 0),
        invoiced         numeric(18,2) NOT NULL DEFAULT 0 CHECK (invoiced >= 0),
        currency         char(3) NOT NULL DEFAULT 'NOK',
        override_reason  text,
        overridden_by    int REFERENCES app_user(id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source_type, source_id),
        CHECK ((override_reason IS NULL) = (overridden_by IS NULL))
      )`);
    await q.query(`CREATE INDEX cost_centre_commitment_year ON cost_centre_commitment (cost_centre_id, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cost_centre_commitment`);
  }
}
