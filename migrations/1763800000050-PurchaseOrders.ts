import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requisitions and orders (ordering, issue 15 §2, §4–5). A submitted cart becomes one
 * purchase_order per supplier (and agreement) in PENDING_APPROVAL: a requisition, numbered at
 * once; approved, it gets its order number and is sent. One table for both, because a
 * requisition and the order it becomes are one thing moving through one state table
 * (ordering/order-status.ts). `version` is the optimistic lock: every save bumps it.
 *
 * Lines copy the cart line's snapshot (price, unit, VAT, catalogue version, agreement, loyalty
 * and justification) so what was ordered is never rewritten by later catalogues; `line_no` is
 * the UBL LineID the supplier answers to. Order responses, despatch advices and goods receipts
 * are rows of their own (later migrations), never edits of what was sent.
 */
export class PurchaseOrders1763800000050 implements MigrationInterface {
  name = 'PurchaseOrders1763800000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE requisition_no_seq`);
    await q.query(`CREATE SEQUENCE order_no_seq`);
    await q.query(`
      CREATE TABLE purchase_order (
        id                        serial PRIMARY KEY,
        requisition_no            text NOT NULL UNIQUE,
        order_no                  text UNIQUE,
        version                   int NOT NULL DEFAULT 1,
        status                    text NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'REJECTED', 'WITHDRAWN', 'APPROVED', 'SENT', 'ACCEPTED', 'DECLINED', 'CHANGED',
                                                                   'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED', 'CLOSED')),
        buyer_organisation_id     int NOT NULL REFERENCES organisation(id),
        requester_user_id         int NOT NULL REFERENCES app_user(id),
        supplier_id               int REFERENCES organisation(id),
        supplier_name             text,
        agreement_id              int REFERENCES agreement(id),
        cost_centre_id            int NOT NULL REFERENCES cost_centre(id),
        budget_year               smallint NOT NULL,
        accounting_string         text,
        delivery_address_id       int NOT NULL REFERENCES delivery_address(id),
        wanted_delivery_date      date,
        note_to_supplier          text,
        customer_reference        text,
        currency                  char(3) NOT NULL,
        line_extension_amount     numeric(18,2) NOT NULL,
        vat_amount                numeric(18,2) NOT NULL,
        tax_inclusive_amount      numeric(18,2) NOT NULL,
        cart_id                   int REFERENCES cart(id),
        approval_route            text NOT NULL CHECK (approval_route IN ('WITHIN_OWN_LIMIT', 'NEEDS_APPROVAL')),
        decided_by_user_id        int REFERENCES app_user(id),
        decided_on_behalf_of      int REFERENCES app_user(id),
        decided_at                timestamptz,
        decision_comment          text,
        budget_override_reason    text,
        submitted_at              timestamptz NOT NULL DEFAULT now(),
        sent_at                   timestamptz,
        updated_at                timestamptz NOT NULL DEFAULT now(),
        CHECK (supplier_id IS NULL OR supplier_name IS NULL),
        CHECK ((order_no IS NULL) = (status IN ('PENDING_APPROVAL', 'REJECTED', 'WITHDRAWN')))
      )`);
    await q.query(`CREATE INDEX purchase_order_buyer ON purchase_order (buyer_organisation_id, status, id)`);
    await q.query(`CREATE INDEX purchase_order_requester ON purchase_order (requester_user_id, id)`);
    await q.query(`CREATE INDEX purchase_order_supplier ON purchase_order (supplier_id, id) WHERE supplier_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE purchase_order_line (
        id                     serial PRIMARY KEY,
        order_id               int NOT NULL REFERENCES purchase_order(id),
        line_no                int NOT NULL CHECK (line_no > 0),
        kind                   text NOT NULL CHECK (kind IN ('CATALOGUE', 'FREE_TEXT')),
        name                   text NOT NULL,
        unspsc_code            char(8) NOT NULL REFERENCES unspsc_node(code),
        quantity               numeric(18,4) NOT NULL CHECK (quantity >= 0),
        unit_code              text NOT NULL,
        unit_price             numeric(18,4) NOT NULL CHECK (unit_price >= 0),
        vat_rate               numeric(5,2) NOT NULL,
        catalogue_item_id      bigint,
        catalogue_version_id   int,
        agreement_id           int,
        seller_item_id         text,
        gtin                   text,
        loyalty                text NOT NULL CHECK (loyalty IN ('ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED')),
        covering_agreement_ids int[] NOT NULL DEFAULT '{}',
        justification_code     text,
        justification_text     text,
        status                 text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'NOT_ACCEPTED', 'CHANGED', 'CANCELLED')),
        UNIQUE (order_id, line_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS purchase_order_line`);
    await q.query(`DROP TABLE IF EXISTS purchase_order`);
    await q.query(`DROP SEQUENCE IF EXISTS order_no_seq`);
    await q.query(`DROP SEQUENCE IF EXISTS requisition_no_seq`);
  }
}
