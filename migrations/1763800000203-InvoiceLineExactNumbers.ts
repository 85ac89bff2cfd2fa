import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice line's quantity, net unit price and base quantity are stored exactly as the supplier
 * sent them (issue 16 §1): PEPPOL caps amounts at two decimals but not these, and numeric(18,4) /
 * numeric(18,6) rounded a quantity of 2.123456 to 2.1235 without a word, so the stored invoice was
 * not the one received (and insights, given the unrounded lines, differed from it). Torg's checks
 * bound them instead (src/invoicing/invoice-number-limits.ts: below 10^14, at most 10 decimals).
 * invoice_match_reason.difference_nok becomes numeric too: an excess quantity times the agreed
 * price can pass 10^16 NOK where the invoice's own amounts do not (the matcher still writes two
 * decimals). Amounts and VAT rates keep their fixed scale; the checks keep them within it.
 *
 * numeric(p,s) → numeric is binary-coercible in PostgreSQL: neither table is rewritten (the
 * relations keep their file nodes, checked in test/invoice-numbers.e2e-spec.ts). The partial index
 * invoice_line (order_line_id) INCLUDE (quantity, line_amount) WHERE order_line_id IS NOT NULL is
 * built again by PostgreSQL (its INCLUDE column's type changed): one index build, under the
 * ALTER's lock, of the index's size; it is the same index, valid, afterwards.
 */
export class InvoiceLineExactNumbers1763800000203 implements MigrationInterface {
  name = 'InvoiceLineExactNumbers1763800000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice_line ALTER COLUMN quantity TYPE numeric, ALTER COLUMN net_unit_price TYPE numeric, ALTER COLUMN base_quantity TYPE numeric`);
    await q.query(`ALTER TABLE invoice_match_reason ALTER COLUMN difference_nok TYPE numeric`);
  }

  /**
   * Back to the fixed scales: rewrites the tables, rounding what had more decimals; fails on what is
   * too large, and on a base quantity below 0.00005 (it rounds to 0, which base_quantity > 0 refuses).
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice_match_reason ALTER COLUMN difference_nok TYPE numeric(18,2)`);
    await q.query(`ALTER TABLE invoice_line ALTER COLUMN quantity TYPE numeric(18,4), ALTER COLUMN net_unit_price TYPE numeric(18,6), ALTER COLUMN base_quantity TYPE numeric(18,4)`);
  }
}
