import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supplier portal's idempotency keys for createInvoiceFromOrder (issue 18, src/invoicing/):
 * per supplier organisation and client-generated key, the request as sent and the invoice it
 * made. Written in the transaction that makes the invoice, so a key is taken only by an invoice
 * that was made, and a retry on any server finds it. Kept as long as the invoice (no expiry: a
 * duplicate invoice costs more than a row).
 */
export class PortalInvoiceRequests1763800000185 implements MigrationInterface {
  name = 'PortalInvoiceRequests1763800000185';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_invoice_request (
        supplier_organisation_id int NOT NULL REFERENCES organisation(id),
        idempotency_key text NOT NULL CHECK (idempotency_key ~ '^[\\x21-\\x7e]{1,200}$'),
        request jsonb NOT NULL,
        invoice_id int NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (supplier_organisation_id, idempotency_key)
      )`);
    await q.query('CREATE INDEX portal_invoice_request_invoice ON portal_invoice_request (invoice_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE portal_invoice_request');
  }
}
