import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foreign-currency probe of migration 196 ("has the scope any line in another currency than
 * kroner?") now asks within the report's period only (issue 18): an organisation that once spent
 * in euros gets its rollups back for every period without euros. The partial indexes keep the
 * date beside the buyer, so the probe stays one small index-only range scan per organisation.
 */
export class InsightsForeignCurrencyByDate1763800000197 implements MigrationInterface {
  name = 'InsightsForeignCurrencyByDate1763800000197';

  async up(q: QueryRunner): Promise<void> {
    for (const fact of ['insights_order_line', 'insights_invoice_line']) {
      await q.query(`DROP INDEX ${fact}_foreign_currency`);
      await q.query(`CREATE INDEX ${fact}_foreign_currency_date ON ${fact} (buyer_organisation_id, spend_date) WHERE currency <> 'NOK'`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fact of ['insights_invoice_line', 'insights_order_line']) {
      await q.query(`DROP INDEX ${fact}_foreign_currency_date`);
      await q.query(`CREATE INDEX ${fact}_foreign_currency ON ${fact} (buyer_organisation_id) WHERE currency <> 'NOK'`);
    }
  }
}
