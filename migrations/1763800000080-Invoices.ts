import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices and credit notes (issue 16, src/invoicing/). A supplier's PEPPOL BIS Billing 3 invoice
 * or credit note is stored as read (amounts as written, positive for both kinds: `kind` gives the
 * sign), matched against its order, goods received and agreement, and decided:
 *
 * - invoice: one per (supplier, kind, invoice number). `version` is the optimistic lock every
 *   decision checks; `response_code` is the Invoice Response the supplier should get (AP, UQ, RE…),
 *   sent by invoice-responses (response_sent_at). `order_id` is null for an invoice without order
 *   (matched against the agreement only); `credited_invoice_id` ties a credit note to its invoice.
 * - invoice_line: its lines, with the order line each was resolved to and its match status.
 * - invoice_vat_subtotal: VAT per category and rate, as the document says (for posting).
 * - invoice_match_reason: why a line (or the invoice, line null) is not MATCHED, with both sides
 *   and the difference in NOK; replaced at each (re-)match.
 * - invoice_match_policy / invoice_match_rule: per buyer organisation, the default match mode and
 *   tolerance, and rules for a supplier and/or a UNSPSC prefix. The tolerance is the matcher's
 *   shape (jsonb, validated in code), so the matcher may grow without a migration.
 */
export class Invoices1763800000080 implements MigrationInterface {
  name = 'Invoices1763800000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice (
        id                       serial PRIMARY KEY,
        kind                     text NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
        invoice_number           text NOT NULL CHECK (length(invoice_number) BETWEEN 1 AND 200),
        type_code                text NOT NULL,
        supplier_id              int NOT NULL REFERENCES organisation(id),
        buyer_organisation_id    int NOT NULL REFERENCES organisation(id),
        order_id                 int REFERENCES purchase_order(id),
        agreement_id             int REFERENCES agreement(id),
        credited_invoice_id      int REFERENCES invoice(id),
        received_document_id     bigint REFERENCES received_document(id),
        issue_date               date NOT NULL,
        due_date                 date,
        currency                 char(3) NOT NULL,
        buyer_reference          text,
        order_reference          text,
        contract_reference       text,
        accounting_cost          text,
        payment_id               text,
        payment_account          text,
        line_extension_amount    numeric(18,2) NOT NULL,
        allowance_total_amount   numeric(18,2) NOT NULL DEFAULT 0,
        charge_total_amount      numeric(18,2) NOT NULL DEFAULT 0,
        tax_exclusive_amount     numeric(18,2) NOT NULL,
        tax_amount               numeric(18,2) NOT NULL,
        tax_inclusive_amount     numeric(18,2) NOT NULL,
        prepaid_amount           numeric(18,2) NOT NULL DEFAULT 0,
        payable_rounding_amount  numeric(18,2) NOT NULL DEFAULT 0,
        payable_amount           numeric(18,2) NOT NULL,
        status                   text NOT NULL CHECK (status IN ('RECEIVED', 'WAITING', 'EXCEPTION', 'APPROVED', 'DISPUTED')),
        match_mode               text CHECK (match_mode IN ('TWO_WAY', 'THREE_WAY')),
        matched_at               timestamptz,
        version                  int NOT NULL DEFAULT 1,
        decided_by_user_id       int REFERENCES app_user(id),
        decided_by_client_id     int REFERENCES machine_client(id),
        decided_at               timestamptz,
        decision_reason          text,
        response_code            text CHECK (response_code IN ('AB', 'IP', 'UQ', 'CA', 'RE', 'AP', 'PD')),
        response_sent_at         timestamptz,
        received_by_user_id      int REFERENCES app_user(id),
        received_by_client_id    int REFERENCES machine_client(id),
        received_at              timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        UNIQUE (supplier_id, kind, invoice_number)
      )`);
    await q.query(`CREATE INDEX invoice_buyer_status ON invoice (buyer_organisation_id, status, received_at, id)`);
    await q.query(`CREATE INDEX invoice_supplier ON invoice (supplier_id, received_at, id)`);
    await q.query(`CREATE INDEX invoice_order ON invoice (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`CREATE INDEX invoice_credited ON invoice (credited_invoice_id) WHERE credited_invoice_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE invoice_line (
        id                   serial PRIMARY KEY,
        invoice_id           int NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
        position             int NOT NULL,
        line_id              text NOT NULL,
        quantity             numeric(18,4) NOT NULL,
        unit_code            text NOT NULL,
        net_unit_price       numeric(18,6) NOT NULL,
        base_quantity        numeric(18,4) NOT NULL DEFAULT 1 CHECK (base_quantity > 0),
        line_amount          numeric(18,2) NOT NULL,
        vat_category         text NOT NULL,
        vat_rate             numeric(5,2) NOT NULL DEFAULT 0,
        item_name            text NOT NULL,
        seller_item_id       text,
        gtin                 text,
        unspsc_code          text,
        accounting_cost      text,
        order_line_ref       text,
        order_line_id        int REFERENCES purchase_order_line(id),
        match_status         text CHECK (match_status IN ('MATCHED', 'PRICE_VARIANCE', 'QUANTITY_VARIANCE', 'NOT_RECEIVED', 'NO_ORDER_LINE', 'NOT_ON_AGREEMENT')),
        UNIQUE (invoice_id, position)
      )`);
    await q.query(`CREATE INDEX invoice_line_order_line ON invoice_line (order_line_id) INCLUDE (quantity, line_amount) WHERE order_line_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE invoice_vat_subtotal (
        id               serial PRIMARY KEY,
        invoice_id       int NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
        category         text NOT NULL,
        rate             numeric(5,2) NOT NULL DEFAULT 0,
        taxable_amount   numeric(18,2) NOT NULL,
        tax_amount       numeric(18,2) NOT NULL,
        exemption_reason text
      )`);
    await q.query(`CREATE INDEX invoice_vat_subtotal_invoice ON invoice_vat_subtotal (invoice_id)`);
    await q.query(`
      CREATE TABLE invoice_match_reason (
        id               serial PRIMARY KEY,
        invoice_id       int NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
        invoice_line_id  int REFERENCES invoice_line(id) ON DELETE CASCADE,
        code             text NOT NULL,
        message          text NOT NULL,
        expected         text,
        actual           text,
        difference       text,
        difference_nok   numeric(18,2)
      )`);
    await q.query(`CREATE INDEX invoice_match_reason_invoice ON invoice_match_reason (invoice_id)`);
    await q.query(`
      CREATE TABLE invoice_match_policy (
        buyer_organisation_id  int PRIMARY KEY REFERENCES organisation(id),
        mode                   text NOT NULL CHECK (mode IN ('TWO_WAY', 'THREE_WAY')),
        tolerance              jsonb NOT NULL DEFAULT '{}',
        version                int NOT NULL DEFAULT 1,
        updated_by_user_id     int REFERENCES app_user(id),
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE invoice_match_rule (
        id                     serial PRIMARY KEY,
        buyer_organisation_id  int NOT NULL REFERENCES organisation(id),
        supplier_id            int REFERENCES organisation(id),
        unspsc_prefix          text CHECK (unspsc_prefix ~ '^[0-9]{2,8}$'),
        mode                   text CHECK (mode IN ('TWO_WAY', 'THREE_WAY')),
        tolerance              jsonb,
        created_by_user_id     int REFERENCES app_user(id),
        created_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (supplier_id IS NOT NULL OR unspsc_prefix IS NOT NULL),
        CHECK (mode IS NOT NULL OR tolerance IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX invoice_match_rule_once ON invoice_match_rule (buyer_organisation_id, coalesce(supplier_id, 0), coalesce(unspsc_prefix, ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS invoice_match_rule`);
    await q.query(`DROP TABLE IF EXISTS invoice_match_policy`);
    await q.query(`DROP TABLE IF EXISTS invoice_match_reason`);
    await q.query(`DROP TABLE IF EXISTS invoice_vat_subtotal`);
    await q.query(`DROP TABLE IF EXISTS invoice_line`);
    await q.query(`DROP TABLE IF EXISTS invoice`);
  }
}
