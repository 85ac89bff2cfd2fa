import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../platform/context/request-context';
import type { InvoiceMatchFact } from './spend-facts.types';

/** The columns of a fact line as the writer hands them over (JSON keys = column names), with their SQL types. */
const ORDER_LINE_COLUMNS = {
  order_line_id: 'int',
  order_id: 'int',
  order_no: 'text',
  buyer_organisation_id: 'int',
  buyer_path: 'int[]',
  supplier_id: 'int',
  supplier_name: 'text',
  currency: 'text',
  submitted_at: 'timestamptz',
  approved_at: 'timestamptz',
  unspsc_code: 'text',
  quantity: 'numeric',
  unit_code: 'text',
  unit_price: 'numeric',
  amount: 'numeric',
  loyalty: 'text',
  supplier_loyalty: 'text',
  agreement_id: 'int',
  covering_agreement_ids: 'int[]',
  justification_code: 'text',
  justification_text: 'text',
  catalogue_item_id: 'bigint',
  eco_labelled: 'boolean',
  alternative_item_id: 'bigint',
  alternative_agreement_id: 'int',
  alternative_name: 'text',
  alternative_unit_price: 'numeric',
  alternative_level: 'text',
} as const;

const INVOICE_LINE_COLUMNS = {
  invoice_line_id: 'int',
  invoice_id: 'int',
  kind: 'text',
  invoice_number: 'text',
  buyer_organisation_id: 'int',
  buyer_path: 'int[]',
  supplier_id: 'int',
  invoice_agreement_id: 'int',
  order_id: 'int',
  order_line_id: 'int',
  currency: 'text',
  issue_date: 'date',
  received_at: 'timestamptz',
  approved_at: 'timestamptz',
  order_submitted_at: 'timestamptz',
  unspsc_code: 'text',
  quantity: 'numeric',
  unit_code: 'text',
  amount: 'numeric',
  loyalty: 'text',
  supplier_loyalty: 'text',
  agreement_id: 'int',
  eco_labelled: 'boolean',
  alternative_item_id: 'bigint',
  alternative_agreement_id: 'int',
  alternative_name: 'text',
  alternative_unit_price: 'numeric',
  alternative_level: 'text',
} as const;

export type OrderLineRow = Record<keyof typeof ORDER_LINE_COLUMNS, unknown>;
export type InvoiceLineRow = Record<keyof typeof INVOICE_LINE_COLUMNS, unknown>;

/** An invoice's match outcome to record, with its buyer's path and its event's time. */
export interface MatchToRecord {
  fact: InvoiceMatchFact;
  buyerPath: number[];
  recordedAt: string;
}

/** An approved invoice's fact lines as of its event's time. */
export interface InvoiceLinesToReplace {
  invoiceId: number;
  recordedAt: string;
  rows: InvoiceLineRow[];
}

const recordset = (columns: Record<string, string>) =>
  Object.entries(columns)
    .map(([c, t]) => `${c} ${t}`)
    .join(', ');
const names = (columns: Record<string, string>) => Object.keys(columns).join(', ');
const updates = (columns: Record<string, string>, except: string) =>
  Object.keys(columns)
    .filter((c) => c !== except)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');

/** What a line would have saved at the alternative's price: the line amount less the same quantity at that price, never below 0. */
const ORDER_SAVING = 'CASE WHEN alternative_unit_price IS NULL THEN 0 ELSE greatest(0, amount - round(quantity * alternative_unit_price, 2)) END';

/**
 * Writes insights' facts. Each write is one statement and safe to repeat (keyed by the source's
 * line ids); a newer event of a source (`recorded_at`) replaces an older one and an older one
 * arriving late changes nothing, so retried outbox runs may come in any order.
 */
@Injectable()
export class SpendFactsRepository {
  /**
   * The order's lines as they count now (approved, or as delivered once closed): upserted, lines
   * no longer in it removed, cancelled if a cancellation came first. An event older than one
   * written already for the order (a line of it recorded later) changes nothing at all: the
   * outbox may run a key's later message while an earlier one backs off, and an approval handled
   * after the close would otherwise bring back the lines the close removed.
   */
  async replaceOrderLines(tx: RequestContext, orderId: number, recordedAt: string, rows: OrderLineRow[]): Promise<void> {
    await tx.manager.query(
      `WITH incoming AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${recordset(ORDER_LINE_COLUMNS)})
                          WHERE NOT EXISTS (SELECT 1 FROM insights_order_line n WHERE n.order_id = $2 AND n.recorded_at > $3)),
            gone AS (DELETE FROM insights_order_line o WHERE o.order_id = $2 AND o.recorded_at <= $3 AND o.order_line_id NOT IN (SELECT order_line_id FROM incoming)
                        AND NOT EXISTS (SELECT 1 FROM insights_order_line n WHERE n.order_id = $2 AND n.recorded_at > $3))
       INSERT INTO insights_order_line (${names(ORDER_LINE_COLUMNS)}, spend_date, potential_saving, cancelled, recorded_at)
       SELECT ${names(ORDER_LINE_COLUMNS)}, (approved_at AT TIME ZONE 'Europe/Oslo')::date,
              ${ORDER_SAVING},
              EXISTS (SELECT 1 FROM insights_order_cancellation c WHERE c.order_id = $2), $3
         FROM incoming
       ON CONFLICT (order_line_id) DO UPDATE SET ${updates(ORDER_LINE_COLUMNS, 'order_line_id')}, spend_date = EXCLUDED.spend_date,
              potential_saving = EXCLUDED.potential_saving, cancelled = EXCLUDED.cancelled, recorded_at = EXCLUDED.recorded_at
        WHERE insights_order_line.recorded_at <= EXCLUDED.recorded_at`,
      [JSON.stringify(rows), orderId, recordedAt],
    );
  }

  /** The order will not be bought: its lines stop counting as ordered spend (and stay so when its approval is handled later). */
  async cancelOrder(tx: RequestContext, orderId: number, recordedAt: string): Promise<void> {
    await tx.manager.query(
      `WITH mark AS (INSERT INTO insights_order_cancellation (order_id, recorded_at) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING)
       UPDATE insights_order_line SET cancelled = true WHERE order_id = $1`,
      [orderId, recordedAt],
    );
  }

  /**
   * Invoices' match outcomes, in one statement: for each, the newest status, and every reason code
   * it was ever given. `buyerPath` is the buyer, then the organisations above it (the exception
   * rollup of migration 170 counts the invoice for each, once per statement: a batch of invoices
   * upserts each rollup row once). At most one outcome per invoice (an upsert touches a row once).
   */
  async recordMatches(tx: RequestContext, matches: MatchToRecord[]): Promise<void> {
    if (!matches.length) return;
    const rows = matches.map(({ fact: f, buyerPath, recordedAt }) => ({
      invoice_id: f.invoiceId,
      buyer_organisation_id: f.buyerOrganisationId,
      buyer_path: buyerPath,
      supplier_id: f.supplierId,
      received_at: new Date(f.receivedAt).toISOString(),
      match_status: f.status,
      reason_codes: f.reasonCodes,
      recorded_at: recordedAt,
    }));
    await tx.manager.query(
      `INSERT INTO insights_invoice AS i (invoice_id, buyer_organisation_id, buyer_path, supplier_id, received_at, received_date, match_status, reason_codes, ever_exception, matched_recorded_at)
       SELECT invoice_id, buyer_organisation_id, buyer_path, supplier_id, received_at, (received_at AT TIME ZONE 'Europe/Oslo')::date, match_status, reason_codes, match_status = 'EXCEPTION', recorded_at
         FROM jsonb_to_recordset($1::jsonb) AS r(invoice_id int, buyer_organisation_id int, buyer_path int[], supplier_id int, received_at timestamptz, match_status text, reason_codes text[], recorded_at timestamptz)
       ON CONFLICT (invoice_id) DO UPDATE SET
         reason_codes = ARRAY(SELECT DISTINCT unnest(i.reason_codes || EXCLUDED.reason_codes) ORDER BY 1),
         ever_exception = i.ever_exception OR EXCLUDED.ever_exception,
         match_status = CASE WHEN i.matched_recorded_at <= EXCLUDED.matched_recorded_at THEN EXCLUDED.match_status ELSE i.match_status END,
         matched_recorded_at = greatest(i.matched_recorded_at, EXCLUDED.matched_recorded_at)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Approved invoices' lines, in one statement (upserted; lines no longer in an invoice removed):
   * the rollup triggers on the lines and documents fire once for the batch, not once per invoice.
   * Each invoice at most once (an upsert touches a row once).
   */
  async replaceInvoiceLines(tx: RequestContext, invoices: InvoiceLinesToReplace[]): Promise<void> {
    if (!invoices.length) return;
    const rows = invoices.flatMap((i) => i.rows.map((r) => ({ ...r, recorded_at: i.recordedAt })));
    await tx.manager.query(
      `WITH incoming AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${recordset(INVOICE_LINE_COLUMNS)}, recorded_at timestamptz)),
            sources AS (SELECT * FROM unnest($2::int[], $3::timestamptz[]) AS s(invoice_id, recorded_at)),
            gone AS (DELETE FROM insights_invoice_line l USING sources s
                      WHERE l.invoice_id = s.invoice_id AND l.recorded_at <= s.recorded_at AND l.invoice_line_id NOT IN (SELECT invoice_line_id FROM incoming))
       INSERT INTO insights_invoice_line (${names(INVOICE_LINE_COLUMNS)}, spend_date, potential_saving, recorded_at)
       SELECT ${names(INVOICE_LINE_COLUMNS)}, issue_date,
              -- a credit note's negative amount takes back the saving its invoice line counted
              CASE WHEN alternative_unit_price IS NULL THEN 0
                   ELSE sign(amount) * greatest(0, abs(amount) - round(abs(quantity) * alternative_unit_price, 2)) END, recorded_at
         FROM incoming
       ON CONFLICT (invoice_line_id) DO UPDATE SET ${updates(INVOICE_LINE_COLUMNS, 'invoice_line_id')}, spend_date = EXCLUDED.spend_date,
              potential_saving = EXCLUDED.potential_saving, recorded_at = EXCLUDED.recorded_at
        WHERE insights_invoice_line.recorded_at <= EXCLUDED.recorded_at`,
      [JSON.stringify(rows), invoices.map((i) => i.invoiceId), invoices.map((i) => i.recordedAt)],
    );
  }
}
