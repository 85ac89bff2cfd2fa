import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoice responses and posting exports (issue 16 §3, src/invoicing/).
 *
 * - invoice_response: every PEPPOL Invoice Response (ApplicationResponse) sent to a supplier about
 *   one of its invoices: the code, the status reasons ([{ code, text }]) and the outbound document
 *   that carries it (its XML and delivery state live there).
 * - posting_export_batch / posting_export_item: approved invoices and credit notes handed to a
 *   buyer's finance system. An invoice is in at most one batch (UNIQUE invoice_id), so concurrent
 *   exports never post it twice; `row` is what the files say about it, fixed when it joined the
 *   batch, so the batch's files are the same bytes every time.
 */
export class InvoiceResponsesAndPostingExports1763800000085 implements MigrationInterface {
  name = 'InvoiceResponsesAndPostingExports1763800000085';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_response (
        id                    serial PRIMARY KEY,
        invoice_id            int NOT NULL REFERENCES invoice(id),
        document_id           text NOT NULL UNIQUE,
        code                  text NOT NULL CHECK (code IN ('AB', 'IP', 'UQ', 'CA', 'RE', 'AP', 'PD')),
        reasons               jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
        note                  text,
        outbound_document_id  bigint NOT NULL REFERENCES outbound_document(id),
        created_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invoice_response_invoice ON invoice_response (invoice_id, id)`);
    await q.query(`
      CREATE TABLE posting_export_batch (
        id                    serial PRIMARY KEY,
        organisation_id       int NOT NULL REFERENCES organisation(id),
        invoice_count         int NOT NULL CHECK (invoice_count > 0),
        created_by_user_id    int REFERENCES app_user(id),
        created_by_client_id  int REFERENCES machine_client(id),
        created_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX posting_export_batch_organisation ON posting_export_batch (organisation_id, id)`);
    await q.query(`
      CREATE TABLE posting_export_item (
        batch_id    int NOT NULL REFERENCES posting_export_batch(id),
        invoice_id  int NOT NULL UNIQUE REFERENCES invoice(id),
        row         jsonb NOT NULL,
        PRIMARY KEY (batch_id, invoice_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS posting_export_item`);
    await q.query(`DROP TABLE IF EXISTS posting_export_batch`);
    await q.query(`DROP TABLE IF EXISTS invoice_response`);
  }
}
