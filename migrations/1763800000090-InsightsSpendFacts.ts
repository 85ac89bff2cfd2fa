import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insights' fact tables (src/insights/), fed by the `insights.spend` outbox topic: one row per
 * approved order line and per approved invoice line, denormalised (organisation, supplier,
 * agreement, UNSPSC code, loyalty, day), so every report is one GROUP BY over one table. A line
 * keeps the cheapest agreement alternative found when it was written (leakage). `spend_date` is
 * the Oslo day spend counts on (approval of an order, issue date of an invoice).
 */
export class InsightsSpendFacts1763800000090 implements MigrationInterface {
  name = 'InsightsSpendFacts1763800000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insights_order_line (
        order_line_id          int PRIMARY KEY,
        order_id               int NOT NULL,
        order_no               text NOT NULL,
        buyer_organisation_id  int NOT NULL,
        supplier_id            int,
        supplier_name          text NOT NULL,
        currency               char(3) NOT NULL,
        submitted_at           timestamptz NOT NULL,
        approved_at            timestamptz NOT NULL,
        spend_date             date NOT NULL,
        unspsc_code            char(8) NOT NULL,
        quantity               numeric NOT NULL,
        unit_code              text NOT NULL,
        unit_price             numeric NOT NULL,
        amount                 numeric NOT NULL,
        loyalty                text NOT NULL CHECK (loyalty IN ('ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED')),
        supplier_loyalty       text NOT NULL CHECK (supplier_loyalty IN ('LOYAL', 'AGREEMENT_SUPPLIER_OUTSIDE', 'OTHER_SUPPLIER')),
        agreement_id           int,
        covering_agreement_ids int[] NOT NULL DEFAULT '{}',
        justification_code     text,
        justification_text     text,
        catalogue_item_id      bigint,
        alternative_item_id    bigint,
        alternative_agreement_id int,
        alternative_name       text,
        alternative_unit_price numeric,
        alternative_level      text CHECK (alternative_level IN ('COMMODITY', 'CLASS')),
        potential_saving       numeric NOT NULL DEFAULT 0,
        cancelled              boolean NOT NULL DEFAULT false,
        recorded_at            timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX insights_order_line_org_date ON insights_order_line (buyer_organisation_id, spend_date)');
    await q.query('CREATE INDEX insights_order_line_order ON insights_order_line (order_id)');
    await q.query('CREATE INDEX insights_order_line_agreement ON insights_order_line (agreement_id, spend_date) WHERE agreement_id IS NOT NULL');
    // A cancellation may be handled before the approval it undoes (a failed run is retried later): kept apart, read by both.
    await q.query(`
      CREATE TABLE insights_order_cancellation (
        order_id     int PRIMARY KEY,
        recorded_at  timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE insights_invoice (
        invoice_id             int PRIMARY KEY,
        buyer_organisation_id  int NOT NULL,
        supplier_id            int NOT NULL,
        received_at            timestamptz NOT NULL,
        received_date          date NOT NULL,
        match_status           text NOT NULL CHECK (match_status IN ('MATCHED', 'EXCEPTION', 'WAITING')),
        reason_codes           text[] NOT NULL DEFAULT '{}',
        ever_exception         boolean NOT NULL DEFAULT false,
        matched_recorded_at    timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX insights_invoice_org_date ON insights_invoice (buyer_organisation_id, received_date)');
    await q.query(`
      CREATE TABLE insights_invoice_line (
        invoice_line_id        int PRIMARY KEY,
        invoice_id             int NOT NULL,
        kind                   text NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
        invoice_number         text NOT NULL,
        buyer_organisation_id  int NOT NULL,
        supplier_id            int NOT NULL,
        invoice_agreement_id   int,
        order_id               int,
        order_line_id          int,
        currency               char(3) NOT NULL,
        issue_date             date NOT NULL,
        spend_date             date NOT NULL,
        received_at            timestamptz NOT NULL,
        approved_at            timestamptz NOT NULL,
        order_submitted_at     timestamptz,
        unspsc_code            char(8),
        quantity               numeric NOT NULL,
        unit_code              text NOT NULL,
        amount                 numeric NOT NULL,
        loyalty                text NOT NULL CHECK (loyalty IN ('ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED', 'OFF_CATALOGUE')),
        supplier_loyalty       text NOT NULL CHECK (supplier_loyalty IN ('LOYAL', 'AGREEMENT_SUPPLIER_OUTSIDE', 'OTHER_SUPPLIER')),
        agreement_id           int,
        alternative_item_id    bigint,
        alternative_agreement_id int,
        alternative_name       text,
        alternative_unit_price numeric,
        alternative_level      text CHECK (alternative_level IN ('COMMODITY', 'CLASS')),
        potential_saving       numeric NOT NULL DEFAULT 0,
        recorded_at            timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX insights_invoice_line_org_date ON insights_invoice_line (buyer_organisation_id, spend_date)');
    await q.query('CREATE INDEX insights_invoice_line_invoice ON insights_invoice_line (invoice_id)');
    await q.query('CREATE INDEX insights_invoice_line_agreement ON insights_invoice_line (agreement_id, spend_date) WHERE agreement_id IS NOT NULL');
    // Open data (issue 16 §4): agreements whose purchasing unit publishes their usage.
    await q.query(`
      CREATE TABLE insights_open_agreement (
        agreement_id   int PRIMARY KEY,
        published_at   timestamptz NOT NULL DEFAULT now(),
        published_by   int
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE insights_open_agreement, insights_invoice_line, insights_invoice, insights_order_cancellation, insights_order_line');
  }
}
