import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carts (ordering, issue 15 §2–3): one open cart per user and organisation, and its lines. A
 * catalogue line keeps a snapshot of the item as it was added (price, unit, VAT, version,
 * agreement), so later catalogue changes are reported on the line, never applied to it; a
 * free-text line carries an estimate. Both record agreement loyalty as decided when added.
 * Ids of catalogue rows are kept without foreign keys: the snapshot stands on its own.
 */
export class Carts1763800000030 implements MigrationInterface {
  name = 'Carts1763800000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart (
        id               serial PRIMARY KEY,
        organisation_id  int NOT NULL REFERENCES organisation(id),
        owner_user_id    int NOT NULL REFERENCES app_user(id),
        status           text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'SUBMITTED')),
        next_line_no     int NOT NULL DEFAULT 1,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX cart_one_open ON cart (organisation_id, owner_user_id) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE TABLE cart_line (
        id                    serial PRIMARY KEY,
        cart_id               int NOT NULL REFERENCES cart(id) ON DELETE CASCADE,
        line_no               int NOT NULL,
        kind                  text NOT NULL CHECK (kind IN ('CATALOGUE', 'FREE_TEXT')),
        name                  text NOT NULL,
        unspsc_code           char(8) NOT NULL REFERENCES unspsc_node(code),
        quantity              numeric(18,4) NOT NULL CHECK (quantity > 0),
        unit_code             text NOT NULL,
        unit_price            numeric(18,4) NOT NULL CHECK (unit_price >= 0),
        currency              char(3) NOT NULL,
        vat_rate              numeric(5,2) NOT NULL,
        catalogue_item_id     bigint,
        catalogue_version_id  int,
        agreement_id          int,
        seller_item_id        text,
        gtin                  text,
        supplier_id           int REFERENCES organisation(id),
        supplier_name         text,
        loyalty               text NOT NULL CHECK (loyalty IN ('ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED')),
        covering_agreement_ids int[] NOT NULL DEFAULT '{}',
        justification_code    text CHECK (justification_code IN ('ITEM_NOT_IN_AGREEMENT', 'URGENT_NEED', 'SUPPLIER_CANNOT_DELIVER', 'OTHER')),
        justification_text    text,
        added_at              timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cart_id, line_no),
        CHECK ((kind = 'CATALOGUE') = (catalogue_item_id IS NOT NULL AND catalogue_version_id IS NOT NULL AND agreement_id IS NOT NULL AND seller_item_id IS NOT NULL AND supplier_id IS NOT NULL)),
        CHECK (kind = 'FREE_TEXT' OR loyalty = 'ON_AGREEMENT'),
        CHECK ((justification_code IS NULL) = (justification_text IS NULL))
      )`);
    await q.query(`CREATE INDEX cart_line_cart ON cart_line (cart_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cart_line`);
    await q.query(`DROP TABLE IF EXISTS cart`);
  }
}
