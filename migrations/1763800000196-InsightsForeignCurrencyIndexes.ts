import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insight reports group money by currency (issue 18: amounts are never summed across
 * currencies). The fact lines keep each line's currency, but the rollups of migrations 91, 105,
 * 170 and 176 sum amounts without one, so they answer only where every line is in kroner. These
 * partial indexes hold just the lines in another currency (few or none), so "does the scope have
 * any?" is one small index probe per report (insight-query.ts, foreignCurrencyQuery).
 */
export class InsightsForeignCurrencyIndexes1763800000196 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX insights_order_line_foreign_currency ON insights_order_line (buyer_organisation_id) WHERE currency <> 'NOK'`);
    await q.query(`CREATE INDEX insights_invoice_line_foreign_currency ON insights_invoice_line (buyer_organisation_id) WHERE currency <> 'NOK'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX insights_invoice_line_foreign_currency');
    await q.query('DROP INDEX insights_order_line_foreign_currency');
  }
}
