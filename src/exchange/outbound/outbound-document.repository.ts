import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { PeppolEndpoint } from './outbound-transport';
import { BatchStatement, writeBeforeCommit } from '../../platform/database/before-commit';
import { preparedQueryIn } from '../../platform/database/prepared-query';

/** WITHDRAWN: the domain took it back before it left (an order cancelled before delivery). */
export type OutboundState = 'PENDING' | 'SENT' | 'FAILED' | 'WITHDRAWN';

export interface OutboundDocumentRow {
  id: string;
  documentType: string;
  documentId: string;
  receiver: PeppolEndpoint;
  sender: PeppolEndpoint;
  xml: string;
  refKind: string | null;
  refId: string | null;
  state: OutboundState;
  attempts: number;
  lastError: string | null;
}

export interface NewOutboundDocument {
  documentType: string;
  documentId: string;
  receiver: PeppolEndpoint;
  sender: PeppolEndpoint;
  xml: string;
  refKind: string | null;
  refId: string | null;
}

const ERROR_CHARS = 2000;

/**
 * Draws an outbound document's id, as an SQL expression (bigint): a caller that draws it with a
 * statement it runs anyway hands it to `OutboundDocuments.send`, whose row is then written with
 * the transaction's deferred rows (no statement of its own).
 */
export const NEXT_OUTBOUND_DOCUMENT_ID_SQL = `nextval(pg_get_serial_sequence('outbound_document', 'id'))`;

/** The batch kind of outbound documents written before their transaction commits. */
const OUTBOUND_DOCUMENTS = {};

/** Every deferred document of a transaction in one INSERT, with the ids drawn for them. */
function writeDocuments(docs: (NewOutboundDocument & { id: string })[]): BatchStatement {
  const column = <K extends keyof (NewOutboundDocument & { id: string })>(key: K) => docs.map((d) => d[key]);
  return {
    sql: `INSERT INTO outbound_document (id, document_type, document_id, receiver_scheme, receiver_id, sender_scheme, sender_id, xml, ref_kind, ref_id)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
    params: [
      column('id'),
      column('documentType'),
      column('documentId'),
      docs.map((d) => d.receiver.schemeId),
      docs.map((d) => d.receiver.value),
      docs.map((d) => d.sender.schemeId),
      docs.map((d) => d.sender.value),
      column('xml'),
      column('refKind'),
      column('refId'),
    ],
  };
}

/** The one home of the SQL on `outbound_document`. */
@Injectable()
export class OutboundDocumentRepository {
  async insert(tx: RequestContext, d: NewOutboundDocument): Promise<string> {
    const [row] = await preparedQueryIn(
      tx.manager,
      `INSERT INTO outbound_document (document_type, document_id, receiver_scheme, receiver_id, sender_scheme, sender_id, xml, ref_kind, ref_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text`,
      [d.documentType, d.documentId, d.receiver.schemeId, d.receiver.value, d.sender.schemeId, d.sender.value, d.xml, d.refKind, d.refId],
    );
    return row.id;
  }

  /**
   * Writes the document with the id drawn for it (NEXT_OUTBOUND_DOCUMENT_ID_SQL) together with the
   * transaction's other deferred rows, just before it commits: nothing in the transaction may read
   * it back before then (outside a transaction it is written at once).
   */
  async insertDrawn(tx: RequestContext, id: string, d: NewOutboundDocument): Promise<void> {
    await writeBeforeCommit(tx.manager, OUTBOUND_DOCUMENTS, { ...d, id }, writeDocuments);
  }

  async get(ctx: RequestContext, id: string): Promise<OutboundDocumentRow | undefined> {
    return (await this.getMany(ctx, [id]))[0];
  }

  /** The documents with these ids (those that exist), in the order asked. */
  async getMany(ctx: RequestContext, ids: readonly string[]): Promise<OutboundDocumentRow[]> {
    return ctx.manager.query(
      `SELECT d.id::text, document_type AS "documentType", document_id AS "documentId",
              json_build_object('schemeId', receiver_scheme, 'value', receiver_id) AS receiver,
              json_build_object('schemeId', sender_scheme, 'value', sender_id) AS sender,
              xml, ref_kind AS "refKind", ref_id AS "refId", state, attempts, last_error AS "lastError"
         FROM unnest($1::bigint[]) WITH ORDINALITY AS asked(id, n) JOIN outbound_document d ON d.id = asked.id ORDER BY asked.n`,
      [ids],
    );
  }

  /** The latest document of this type about `ref` (a domain object may have been sent documents of several types). */
  async latestFor(ctx: RequestContext, documentType: string, refKind: string, refId: string): Promise<OutboundDocumentRow | undefined> {
    const rows: { id: string }[] = await ctx.manager.query(`SELECT id::text FROM outbound_document WHERE ref_kind = $1 AND ref_id = $2 AND document_type = $3 ORDER BY id DESC LIMIT 1`, [
      refKind,
      refId,
      documentType,
    ]);
    return rows.length ? this.get(ctx, rows[0].id) : undefined;
  }

  /** Marks each SENT in one statement; the ids of those that were not already (a repeated delivery), so each SENT follow-up runs once. */
  async markManySent(tx: RequestContext, sent: readonly { id: string; attempts: number; reference: string | undefined }[], transport: string): Promise<Set<string>> {
    const rows: { id: string }[] = await tx.manager.query(
      `WITH marked AS (
         UPDATE outbound_document d SET state = 'SENT', attempts = s.attempts, transport = $4, transport_reference = s.reference, sent_at = now(), last_error = NULL
           FROM unnest($1::bigint[], $2::int[], $3::text[]) AS s(id, attempts, reference)
          WHERE d.id = s.id AND d.state <> 'SENT' RETURNING d.id)
       SELECT id::text FROM marked`,
      [sent.map((s) => s.id), sent.map((s) => s.attempts), sent.map((s) => s.reference ?? null), transport],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Records a failed attempt: still PENDING while the outbox retries, FAILED once it gives up. */
  async markAttemptFailed(ctx: RequestContext, id: string, attempts: number, transport: string, error: string, final: boolean): Promise<void> {
    await ctx.manager.query(
      `UPDATE outbound_document SET attempts = $2, transport = $3, last_error = $4, state = CASE WHEN $5 THEN 'FAILED' ELSE 'PENDING' END
        WHERE id = $1 AND state IN ('PENDING', 'FAILED')`,
      [id, attempts, transport, error.slice(0, ERROR_CHARS), final],
    );
  }

  /** Takes back the documents of a type about `ref` that have not left; returns their ids. */
  async withdraw(tx: RequestContext, documentType: string, refKind: string, refId: string): Promise<string[]> {
    // As a SELECT over the UPDATE, so the driver hands back rows (a bare UPDATE … RETURNING comes as [rows, count]).
    const rows: { id: string }[] = await tx.manager.query(
      `WITH w AS (UPDATE outbound_document SET state = 'WITHDRAWN' WHERE ref_kind = $1 AND ref_id = $2 AND document_type = $3 AND state IN ('PENDING', 'FAILED') RETURNING id)
       SELECT id::text FROM w`,
      [refKind, refId, documentType],
    );
    return rows.map((r) => r.id);
  }
}
