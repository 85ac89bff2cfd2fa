import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status actions of invoice responses (issue 16 §3, src/invoicing/): what the buyer asks the
 * supplier to do (OpenPEPPOL OPStatusAction: PIN provide information, NIN issue a new invoice, CNF
 * credit fully, CNP credit partially, CNA credit the amount, OTH other), as [{ code, text? }],
 * beside the status reasons. Responses sent before have none.
 */
export class InvoiceResponseActions1763800000161 implements MigrationInterface {
  name = 'InvoiceResponseActions1763800000161';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice_response ADD COLUMN actions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(actions) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice_response DROP COLUMN actions`);
  }
}
