import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A buyer organisation's set-up for ordering (issue 15 §1; src/identity/buyer-setup/):
 *
 * - cost_centre: code (unique within the organisation, letter case ignored), name, owner, active.
 *   Never deleted: requisitions and commitments will point at it; a retired one is made inactive.
 * - cost_centre_budget: one budget per cost centre and budget year, so a new year's budget is a
 *   new row and last year's stays beside what was committed and invoiced against it.
 * - approval_limit: a user's personal limit in an organisation (orders up to it need no approval).
 * - approver_right: a user may approve up to max_amount on one cost centre, or on every cost centre
 *   of the organisation (cost_centre_id NULL); one right per user and cost centre (or "all").
 * - approval_delegation: an approver's substitute for a period of Oslo dates, both ends included.
 *   Cancelled ones stay (cancelled_at) as the record of who could approve on behalf of whom when.
 * - delivery_address: where suppliers deliver, with an optional GLN (PEPPOL scheme 0088).
 *
 * Amounts are numeric(18,2) with their ISO 4217 currency beside them (NOK today).
 */
export class BuyerSetup1763800000020 implements MigrationInterface {
  name = 'BuyerSetup1763800000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cost_centre (
        id               serial PRIMARY KEY,
        organisation_id  int NOT NULL REFERENCES organisation(id),
        code             text NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        owner_user_id    int NOT NULL REFERENCES app_user(id),
        active           boolean NOT NULL DEFAULT true,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX cost_centre_code ON cost_centre (organisation_id, upper(code))`);
    await q.query(`
      CREATE TABLE cost_centre_budget (
        cost_centre_id  int NOT NULL REFERENCES cost_centre(id),
        year            smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        amount          numeric(18,2) NOT NULL CHECK (amount >= 0),
        currency        char(3) NOT NULL DEFAULT 'NOK',
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cost_centre_id, year)
      )`);
    await q.query(`
      CREATE TABLE approval_limit (
        organisation_id  int NOT NULL REFERENCES organisation(id),
        user_id          int NOT NULL REFERENCES app_user(id),
        amount           numeric(18,2) NOT NULL CHECK (amount >= 0),
        currency         char(3) NOT NULL DEFAULT 'NOK',
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE approver_right (
        id               serial PRIMARY KEY,
        organisation_id  int NOT NULL REFERENCES organisation(id),
        user_id          int NOT NULL REFERENCES app_user(id),
        cost_centre_id   int REFERENCES cost_centre(id),
        max_amount       numeric(18,2) NOT NULL CHECK (max_amount > 0),
        currency         char(3) NOT NULL DEFAULT 'NOK',
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE NULLS NOT DISTINCT (organisation_id, user_id, cost_centre_id)
      )`);
    await q.query(`CREATE INDEX approver_right_cost_centre ON approver_right (cost_centre_id)`);
    await q.query(`
      CREATE TABLE approval_delegation (
        id                    serial PRIMARY KEY,
        organisation_id       int NOT NULL REFERENCES organisation(id),
        principal_user_id     int NOT NULL REFERENCES app_user(id),
        substitute_user_id    int NOT NULL REFERENCES app_user(id),
        valid_from            date NOT NULL,
        valid_to              date NOT NULL,
        created_by_user_id    int REFERENCES app_user(id),
        created_at            timestamptz NOT NULL DEFAULT now(),
        cancelled_by_user_id  int REFERENCES app_user(id),
        cancelled_at          timestamptz,
        CHECK (valid_to >= valid_from),
        CHECK (principal_user_id <> substitute_user_id)
      )`);
    await q.query(`CREATE INDEX approval_delegation_open ON approval_delegation (organisation_id, valid_to) WHERE cancelled_at IS NULL`);
    await q.query(`
      CREATE TABLE delivery_address (
        id                      serial PRIMARY KEY,
        organisation_id         int NOT NULL REFERENCES organisation(id),
        label                   text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        street_name             text NOT NULL,
        additional_street_name  text,
        address_line            text,
        postal_code             text NOT NULL,
        city                    text NOT NULL,
        country_code            char(2) NOT NULL DEFAULT 'NO' CHECK (country_code ~ '^[A-Z]{2}$'),
        gln                     char(13) CHECK (gln ~ '^[0-9]{13}$'),
        active                  boolean NOT NULL DEFAULT true,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX delivery_address_label ON delivery_address (organisation_id, lower(label))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['delivery_address', 'approval_delegation', 'approver_right', 'approval_limit', 'cost_centre_budget', 'cost_centre']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
