import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's spend fact may name no supplier: a free-text line for which the requester named none
 * becomes an order of its own (placed outside Torg, its supplier chosen later), and its approval
 * wrote a fact whose supplier_name was NOT NULL — the approval failed (an HTTP 500 on submitCart).
 * Reports already treat a null name as "no free-text supplier" (CASE WHEN supplier_id IS NULL THEN
 * supplier_name END). Dropping NOT NULL only changes the catalogue: nothing is rewritten.
 */
export class InsightsOrderWithoutSupplier1763800000205 implements MigrationInterface {
  name = 'InsightsOrderWithoutSupplier1763800000205';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE insights_order_line ALTER COLUMN supplier_name DROP NOT NULL`);
  }

  /** Back to NOT NULL: facts without a supplier name get an empty one first. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE insights_order_line SET supplier_name = '' WHERE supplier_name IS NULL`);
    await q.query(`ALTER TABLE insights_order_line ALTER COLUMN supplier_name SET NOT NULL`);
  }
}
