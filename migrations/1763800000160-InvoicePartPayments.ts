import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Part payments of invoices (issue 16 §3, src/invoicing/).
 *
 * - invoice.status gains PARTLY_PAID: an approved invoice of which the finance system paid a part
 *   (answered PD with the status reason PPD and the amount); a later payment of the rest makes it
 *   PAID.
 * - invoice.paid_amount: what was paid of it so far (0 until paid; the payable amount once PAID);
 *   paid_on / payment_reference now hold the latest payment, set once anything was paid.
 * - invoice_payment: each payment reported, with its date, reference and amount, so a repeated
 *   report of the same payment is recognised and changes nothing. Invoices PAID before this
 *   migration get one payment of their payable amount.
 */
export class InvoicePartPayments1763800000160 implements MigrationInterface {
  name = 'InvoicePartPayments1763800000160';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_status_check`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_status_check CHECK (status IN ('RECEIVED', 'WAITING', 'EXCEPTION', 'UNDER_QUERY', 'APPROVED', 'PARTLY_PAID', 'PAID', 'DISPUTED'))`);
    await q.query(`ALTER TABLE invoice ADD COLUMN paid_amount numeric NOT NULL DEFAULT 0 CHECK (paid_amount >= 0)`);
    await q.query(`UPDATE invoice SET paid_amount = payable_amount WHERE status = 'PAID'`);
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_paid_on`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_paid_on CHECK ((status IN ('PARTLY_PAID', 'PAID')) = (paid_on IS NOT NULL))`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_paid_amount CHECK (
      CASE status WHEN 'PAID' THEN paid_amount = payable_amount WHEN 'PARTLY_PAID' THEN paid_amount > 0 AND paid_amount < payable_amount ELSE paid_amount = 0 END)`);
    await q.query(`
      CREATE TABLE invoice_payment (
        id                 serial PRIMARY KEY,
        invoice_id         int NOT NULL REFERENCES invoice(id),
        paid_on            date NOT NULL,
        payment_reference  text CHECK (length(payment_reference) BETWEEN 1 AND 200),
        amount             numeric NOT NULL CHECK (amount >= 0),
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invoice_payment_invoice ON invoice_payment (invoice_id, id)`);
    await q.query(`INSERT INTO invoice_payment (invoice_id, paid_on, payment_reference, amount) SELECT id, paid_on, payment_reference, payable_amount FROM invoice WHERE status = 'PAID' ORDER BY id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoice_payment`);
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_paid_amount`);
    await q.query(`UPDATE invoice SET status = 'APPROVED', paid_on = NULL, payment_reference = NULL WHERE status = 'PARTLY_PAID'`);
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_paid_on`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_paid_on CHECK ((status = 'PAID') = (paid_on IS NOT NULL))`);
    await q.query(`ALTER TABLE invoice DROP COLUMN paid_amount`);
    await q.query(`ALTER TABLE invoice DROP CONSTRAINT invoice_status_check`);
    await q.query(`ALTER TABLE invoice ADD CONSTRAINT invoice_status_check CHECK (status IN ('RECEIVED', 'WAITING', 'EXCEPTION', 'UNDER_QUERY', 'APPROVED', 'PAID', 'DISPUTED'))`);
  }
}
