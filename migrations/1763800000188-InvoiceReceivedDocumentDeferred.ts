import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice names the received document it came as (received_document_id). The exchange stores
 * that document after the invoicing handler has applied it, in the same transaction; the handler
 * now writes the document's id (drawn from its sequence before it runs) into the invoice's INSERT
 * instead of an UPDATE of every new invoice afterwards (issue 16 §6a: one statement and one row
 * version fewer per invoice). The reference is therefore checked at commit, when both rows exist.
 */
export class InvoiceReceivedDocumentDeferred1763800000188 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice ALTER CONSTRAINT invoice_received_document_id_fkey DEFERRABLE INITIALLY DEFERRED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice ALTER CONSTRAINT invoice_received_document_id_fkey NOT DEFERRABLE`);
  }
}
