import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paid and under-query invoices (issue 16 §3, src/invoicing/).
 *
 * - invoice.status gains UNDER_QUERY (accounts payable asked the supplier a question, answered
 *   UQ; the invoice waits and is still re-matched) and PAID (the finance system paid an approved
 *   invoice, answered PD).
 * - paid_on / payment_reference: the payment date and the payment's reference (the payment run's
 *   or the bank's), as accounts payable reported them; both or neither (payment_reference may be
 *   absent). A repeated report of the same payment finds them and changes nothing.
 */
export class InvoicePaidAndUnderQuery1763800000110 implements MigrationInterface {
  name = 'InvoicePaidAndUnderQuery1763800000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_status_check`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_status_check CHECK (status IN ('RECEIVED', 'WAITING', 'EXCEPTION', 'UNDER_QUERY', 'APPROVED', 'PAID', 'DISPUTED'))`);
    await q.query(`ALTER TABLE invoice ADD COLUMN paid_on date, ADD COLUMN payment_reference text CHECK (length(payment_reference) BETWEEN 1 AND 200)`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_paid_on CHECK ((status = 'PAID') = (paid_on IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_paid_on`);
    await q.query(`ALTER TABLE invoice DROP COLUMN paid_on, DROP COLUMN payment_reference`);
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_status_check`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_status_check CHECK (status IN ('RECEIVED', 'WAITING', 'EXCEPTION', 'APPROVED', 'DISPUTED'))`);
  }
}
