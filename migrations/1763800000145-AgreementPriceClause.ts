import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement's price-adjustment clause (issue 17 §3), set by its purchasing unit: either a
 * maximum increase per period, counted from the agreement start or the last publish, or an index
 * clause (a share of the change in an index such as KPI from a base value), with the index values
 * the unit records over time. At most one clause per agreement; no row: no clause.
 */
export class AgreementPriceClause1763800000145 implements MigrationInterface {
  name = 'AgreementPriceClause1763800000145';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_price_clause (
        agreement_id          int PRIMARY KEY REFERENCES agreement(id),
        kind                  text NOT NULL CHECK (kind IN ('MAX_INCREASE', 'INDEX')),
        max_increase_percent  numeric(7,4) CHECK (max_increase_percent >= 0 AND max_increase_percent <= 100),
        period_months         int CHECK (period_months BETWEEN 1 AND 60),
        reference             text CHECK (reference IN ('AGREEMENT_START', 'LAST_PUBLISH')),
        index_name            text CHECK (length(index_name) BETWEEN 1 AND 200),
        base_index_value      numeric(14,4) CHECK (base_index_value > 0),
        base_index_date       date,
        index_share_percent   numeric(7,4) CHECK (index_share_percent > 0 AND index_share_percent <= 100),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'MAX_INCREASE' OR (max_increase_percent IS NOT NULL AND period_months IS NOT NULL AND reference IS NOT NULL
               AND index_name IS NULL AND base_index_value IS NULL AND base_index_date IS NULL AND index_share_percent IS NULL)),
        CHECK (kind <> 'INDEX' OR (index_name IS NOT NULL AND base_index_value IS NOT NULL AND base_index_date IS NOT NULL AND index_share_percent IS NOT NULL
               AND max_increase_percent IS NULL AND period_months IS NULL AND reference IS NULL))
      )`);
    await q.query(`
      CREATE TABLE agreement_price_index_value (
        agreement_id  int NOT NULL REFERENCES agreement_price_clause(agreement_id) ON DELETE CASCADE,
        value_date    date NOT NULL,
        value         numeric(14,4) NOT NULL CHECK (value > 0),
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, value_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_price_index_value`);
    await q.query(`DROP TABLE agreement_price_clause`);
  }
}
