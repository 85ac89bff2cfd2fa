import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import type { InvoiceResponseCode } from '../peppol';
import type { InvoiceResponseAction, InvoiceResponseReason } from './invoice-response-for';
import { preparedQueryIn } from '../platform/database/prepared-query';

export interface InvoiceResponseRow {
  id: number;
  invoiceId: number;
  /** The response's cbc:ID. */
  documentId: string;
  code: InvoiceResponseCode;
  reasons: InvoiceResponseReason[];
  actions: InvoiceResponseAction[];
  note: string | null;
  outboundDocumentId: string;
  createdAt: Date;
}

const COLUMNS = `id, invoice_id AS "invoiceId", document_id AS "documentId", code, reasons, actions, note, outbound_document_id::text AS "outboundDocumentId", created_at AS "createdAt"`;

/** The one home of the SQL on `invoice_response`. */
@Injectable()
export class InvoiceResponseRepository {
  /** The id the next response will have: its document id is made from it before the row is written. */
  async nextId(tx: RequestContext): Promise<number> {
    const [row]: { id: number }[] = await preparedQueryIn(tx.manager, `SELECT nextval(pg_get_serial_sequence('invoice_response', 'id'))::int AS id`, []);
    return row.id;
  }

  async insert(tx: RequestContext, r: Omit<InvoiceResponseRow, 'createdAt'>): Promise<InvoiceResponseRow> {
    const [row]: InvoiceResponseRow[] = await preparedQueryIn(
      tx.manager,
      `INSERT INTO invoice_response (id, invoice_id, document_id, code, reasons, actions, note, outbound_document_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [r.id, r.invoiceId, r.documentId, r.code, JSON.stringify(r.reasons), JSON.stringify(r.actions), r.note, r.outboundDocumentId],
    );
    return row;
  }

  /** The responses sent about these invoices, oldest first. */
  ofInvoices(ctx: RequestContext, invoiceIds: readonly number[]): Promise<InvoiceResponseRow[]> {
    return ctx.manager.query(`SELECT ${COLUMNS} FROM invoice_response WHERE invoice_id = ANY($1) ORDER BY id`, [[...invoiceIds]]);
  }

  /** The last response sent about an invoice. */
  async latest(ctx: RequestContext, invoiceId: number): Promise<InvoiceResponseRow | undefined> {
    const rows: InvoiceResponseRow[] = await ctx.manager.query(`SELECT ${COLUMNS} FROM invoice_response WHERE invoice_id = $1 ORDER BY id DESC LIMIT 1`, [invoiceId]);
    return rows[0];
  }

  /** The last response with this code sent about an invoice (the question an invoice under query was asked). */
  async latestWithCode(ctx: RequestContext, invoiceId: number, code: InvoiceResponseCode): Promise<InvoiceResponseRow | undefined> {
    const rows: InvoiceResponseRow[] = await ctx.manager.query(`SELECT ${COLUMNS} FROM invoice_response WHERE invoice_id = $1 AND code = $2 ORDER BY id DESC LIMIT 1`, [invoiceId, code]);
    return rows[0];
  }

  async find(ctx: RequestContext, invoiceId: number, id: number): Promise<InvoiceResponseRow | undefined> {
    const rows: InvoiceResponseRow[] = await ctx.manager.query(`SELECT ${COLUMNS} FROM invoice_response WHERE invoice_id = $1 AND id = $2`, [invoiceId, id]);
    return rows[0];
  }
}
