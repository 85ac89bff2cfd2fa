import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A requester's favourites and reusable order templates (issue 15 §2). Both name an item by its
 * agreement and the supplier's item number, not by catalogue row, so they outlive catalogue
 * versions: using one takes the item as the version in force holds it then.
 */
export class FavouritesAndTemplates1763800000031 implements MigrationInterface {
  name = 'FavouritesAndTemplates1763800000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cart_favourite (
        id               serial PRIMARY KEY,
        organisation_id  int NOT NULL REFERENCES organisation(id),
        user_id          int NOT NULL REFERENCES app_user(id),
        agreement_id     int NOT NULL,
        seller_item_id   text NOT NULL,
        name             text NOT NULL,
        added_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, user_id, agreement_id, seller_item_id)
      )`);
    await q.query(`
      CREATE TABLE order_template (
        id               serial PRIMARY KEY,
        organisation_id  int NOT NULL REFERENCES organisation(id),
        user_id          int NOT NULL REFERENCES app_user(id),
        name             text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, user_id, name)
      )`);
    await q.query(`
      CREATE TABLE order_template_line (
        template_id      int NOT NULL REFERENCES order_template(id) ON DELETE CASCADE,
        line_no          int NOT NULL,
        agreement_id     int NOT NULL,
        seller_item_id   text NOT NULL,
        name             text NOT NULL,
        quantity         numeric(18,4) NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (template_id, line_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS order_template_line`);
    await q.query(`DROP TABLE IF EXISTS order_template`);
    await q.query(`DROP TABLE IF EXISTS cart_favourite`);
  }
}
