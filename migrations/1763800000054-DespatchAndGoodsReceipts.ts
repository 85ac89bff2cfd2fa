import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Despatch advices and goods receipts (ordering, issue 15 §7). Both are rows of their own next
 * to the order, never edits of what was sent:
 *
 * - despatch_advice: the supplier's notice of what is on its way (by API, or a PEPPOL Despatch
 *   Advice on POST /documents). Information for the receiver: it moves no state. The supplier's
 *   despatch id (cbc:ID) is unique per order. A document-borne advice is found in
 *   received_document by (the order's supplier, 'DespatchAdvice', despatch_id): the exchange
 *   records the document after the handler has stored the advice, so no column points there.
 * - goods_receipt: what the buyer received, line by line; a negative quantity is a return (with
 *   a reason). The received quantity of an order line is the sum of its receipt lines; receipts
 *   of one order take turns on the order row's lock, so the sum is exact.
 */
export class DespatchAndGoodsReceipts1763800000054 implements MigrationInterface {
  name = 'DespatchAndGoodsReceipts1763800000054';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE despatch_advice (
        id                       serial PRIMARY KEY,
        order_id                 int NOT NULL REFERENCES purchase_order(id),
        despatch_id              text NOT NULL CHECK (length(despatch_id) BETWEEN 1 AND 200),
        issue_date               date NOT NULL,
        expected_delivery_date   date,
        expected_delivery_end    date,
        note                     text,
        via                      text NOT NULL CHECK (via IN ('API', 'DOCUMENT')),
        created_by_user_id       int REFERENCES app_user(id),
        created_by_client_id     int REFERENCES machine_client(id),
        created_at               timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, despatch_id),
        CHECK (expected_delivery_end IS NULL OR expected_delivery_date IS NULL OR expected_delivery_end >= expected_delivery_date)
      )`);
    await q.query(`
      CREATE TABLE despatch_advice_line (
        id                   serial PRIMARY KEY,
        despatch_advice_id   int NOT NULL REFERENCES despatch_advice(id),
        order_line_id        int NOT NULL REFERENCES purchase_order_line(id),
        delivered_quantity   numeric(18,4) NOT NULL CHECK (delivered_quantity > 0),
        outstanding_quantity numeric(18,4) CHECK (outstanding_quantity >= 0),
        outstanding_reason   text
      )`);
    await q.query(`CREATE INDEX despatch_advice_line_advice ON despatch_advice_line (despatch_advice_id)`);
    await q.query(`
      CREATE TABLE goods_receipt (
        id                   serial PRIMARY KEY,
        order_id             int NOT NULL REFERENCES purchase_order(id),
        received_by_user_id  int NOT NULL REFERENCES app_user(id),
        received_at          timestamptz NOT NULL DEFAULT now(),
        note                 text,
        despatch_advice_id   int REFERENCES despatch_advice(id)
      )`);
    await q.query(`CREATE INDEX goods_receipt_order ON goods_receipt (order_id, id)`);
    await q.query(`
      CREATE TABLE goods_receipt_line (
        id                     serial PRIMARY KEY,
        goods_receipt_id       int NOT NULL REFERENCES goods_receipt(id),
        order_line_id          int NOT NULL REFERENCES purchase_order_line(id),
        quantity               numeric(18,4) NOT NULL CHECK (quantity <> 0),
        reason                 text,
        over_receipt_confirmed boolean NOT NULL DEFAULT false,
        CHECK (quantity > 0 OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX goods_receipt_line_receipt ON goods_receipt_line (goods_receipt_id)`);
    // receivedQuantity sums by order line.
    await q.query(`CREATE INDEX goods_receipt_line_order_line ON goods_receipt_line (order_line_id) INCLUDE (quantity)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS goods_receipt_line`);
    await q.query(`DROP TABLE IF EXISTS goods_receipt`);
    await q.query(`DROP TABLE IF EXISTS despatch_advice_line`);
    await q.query(`DROP TABLE IF EXISTS despatch_advice`);
  }
}
