import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import type { InvoiceResponseCode } from '../peppol';
import type { InvoiceResponseAction, InvoiceResponseReason } from './invoice-response-for';
import { BatchStatement, writeBeforeCommit } from '../platform/database/before-commit';
import { preparedQueryIn } from '../platform/database/prepared-query';
import { NEXT_OUTBOUND_DOCUMENT_ID_SQL } from '../exchange/outbound/outbound-documents.service';

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

/** Ids drawn for a response before it is written: its own and its outbound document's. */
export interface DrawnResponseIds {
  responseId: number;
  outboundDocumentId: string;
}

/** Select-list columns that draw a response's ids (DrawnResponseIds), for a statement run anyway (the intake's INSERT) or on their own. */
export const NEXT_RESPONSE_IDS_SQL = `nextval(pg_get_serial_sequence('invoice_response', 'id'))::int AS "responseId", ${NEXT_OUTBOUND_DOCUMENT_ID_SQL}::text AS "outboundDocumentId"`;

/** The batch kind of invoice responses written before their transaction commits. */
const INVOICE_RESPONSES = {};

/** Every response a transaction sent, in one INSERT (after their outbound documents' rows, in the same statement: the key is checked at its end). */
function writeResponses(rows: InvoiceResponseRow[]): BatchStatement {
  const column = <K extends keyof InvoiceResponseRow>(key: K) => rows.map((r) => r[key]);
  return {
    sql: `INSERT INTO invoice_response (id, invoice_id, document_id, code, reasons, actions, note, outbound_document_id, created_at)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::bigint[], $9::timestamptz[])`,
    params: [
      column('id'),
      column('invoiceId'),
      column('documentId'),
      column('code'),
      rows.map((r) => JSON.stringify(r.reasons)),
      rows.map((r) => JSON.stringify(r.actions)),
      column('note'),
      column('outboundDocumentId'),
      column('createdAt'),
    ],
  };
}

/** The one home of the SQL on `invoice_response`. */
@Injectable()
export class InvoiceResponseRepository {
  /**
   * The ids the next response and its outbound document will have, drawn in one statement: the
   * response's document id is made from its id, and both rows are then written with the
   * transaction's deferred rows (insert).
   */
  async nextIds(tx: RequestContext): Promise<DrawnResponseIds> {
    const [row]: DrawnResponseIds[] = await preparedQueryIn(tx.manager, `SELECT ${NEXT_RESPONSE_IDS_SQL}`, []);
    return row;
  }

  /**
   * Writes the response with the transaction's deferred rows, just before it commits (its ids were
   * drawn): the row is returned as it will be. Nothing in the transaction reads responses back
   * after sending one: an invoice is answered once per transaction.
   */
  async insert(tx: RequestContext, r: InvoiceResponseRow): Promise<InvoiceResponseRow> {
    await writeBeforeCommit(tx.manager, INVOICE_RESPONSES, r, writeResponses);
    return r;
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
