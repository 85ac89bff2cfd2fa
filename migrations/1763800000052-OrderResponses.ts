import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order responses (ordering, issue 15 §6): the supplier's answer to an order, by API or as a
 * PEPPOL/EHF Order Response document, kept as rows of their own that are never rewritten (a
 * later answer is a new row; the order's state says where it stands). `response_code` is UNCL
 * 4343 (AP accepted, RE rejected, CA accepted with changes, AB acknowledged); a line's
 * `line_code` is 5 accepted, 7 not accepted, 3 changed. A document's response is linked to its
 * received_document by the exchange's key (sender, type, `document_id`).
 *
 * When the buyer accepts a CA, its changes are applied to the order lines; a substitute item is
 * recorded on the line (the three substitute_* columns), beside what was ordered.
 */
export class OrderResponses1763800000052 implements MigrationInterface {
  name = 'OrderResponses1763800000052';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE order_response (
        id                       serial PRIMARY KEY,
        order_id                 int NOT NULL REFERENCES purchase_order(id),
        response_code            text NOT NULL CHECK (response_code IN ('AP', 'RE', 'CA', 'AB')),
        document_id              text,
        issue_date               date NOT NULL,
        note                     text,
        promised_delivery_start  date,
        promised_delivery_end    date,
        received_via             text NOT NULL CHECK (received_via IN ('API', 'DOCUMENT')),
        by_user_id               int REFERENCES app_user(id),
        by_client_id             int REFERENCES machine_client(id),
        created_at               timestamptz NOT NULL DEFAULT now(),
        CHECK ((received_via = 'DOCUMENT') = (document_id IS NOT NULL)),
        CHECK (by_user_id IS NULL OR by_client_id IS NULL)
      )`);
    await q.query(`CREATE INDEX order_response_order ON order_response (order_id, id)`);
    await q.query(`
      CREATE TABLE order_response_line (
        id                       serial PRIMARY KEY,
        response_id              int NOT NULL REFERENCES order_response(id),
        order_line_id            int NOT NULL REFERENCES purchase_order_line(id),
        line_code                text NOT NULL CHECK (line_code IN ('5', '7', '3')),
        quantity                 numeric(18,4) CHECK (quantity >= 0),
        price                    numeric(18,4) CHECK (price >= 0),
        promised_delivery_start  date,
        promised_delivery_end    date,
        substitute_seller_item_id text,
        substitute_name          text,
        substitute_gtin          text,
        note                     text,
        UNIQUE (response_id, order_line_id),
        CHECK ((substitute_seller_item_id IS NULL) = (substitute_name IS NULL))
      )`);
    // History is never rewritten: responses and their lines are insert-only.
    await q.query(`
      CREATE FUNCTION order_response_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME;
      END $$`);
    await q.query(`CREATE TRIGGER order_response_immutable BEFORE UPDATE OR DELETE ON order_response FOR EACH ROW EXECUTE FUNCTION order_response_immutable()`);
    await q.query(`CREATE TRIGGER order_response_line_immutable BEFORE UPDATE OR DELETE ON order_response_line FOR EACH ROW EXECUTE FUNCTION order_response_immutable()`);
    await q.query(`
      ALTER TABLE purchase_order_line
        ADD COLUMN substitute_seller_item_id text,
        ADD COLUMN substitute_name text,
        ADD COLUMN substitute_gtin text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE purchase_order_line DROP COLUMN IF EXISTS substitute_seller_item_id, DROP COLUMN IF EXISTS substitute_name, DROP COLUMN IF EXISTS substitute_gtin`);
    await q.query(`DROP TABLE IF EXISTS order_response_line`);
    await q.query(`DROP TABLE IF EXISTS order_response`);
    await q.query(`DROP FUNCTION IF EXISTS order_response_immutable()`);
  }
}
