import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { PeppolEndpoint } from './outbound-transport';
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

  async get(ctx: RequestContext, id: string): Promise<OutboundDocumentRow | undefined> {
    const rows: OutboundDocumentRow[] = await ctx.manager.query(
      `SELECT id::text, document_type AS "documentType", document_id AS "documentId",
              json_build_object('schemeId', receiver_scheme, 'value', receiver_id) AS receiver,
              json_build_object('schemeId', sender_scheme, 'value', sender_id) AS sender,
              xml, ref_kind AS "refKind", ref_id AS "refId", state, attempts, last_error AS "lastError"
         FROM outbound_document WHERE id = $1`,
      [id],
    );
    return rows[0];
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

  /** Marks it SENT; false when it was already (a repeated delivery), so the SENT follow-up runs once. */
  async markSent(tx: RequestContext, id: string, attempts: number, transport: string, reference: string | undefined): Promise<boolean> {
    const rows = await tx.manager.query(
      `UPDATE outbound_document SET state = 'SENT', attempts = $2, transport = $3, transport_reference = $4, sent_at = now(), last_error = NULL
        WHERE id = $1 AND state <> 'SENT' RETURNING id`,
      [id, attempts, transport, reference ?? null],
    );
    return rows.length > 0;
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
    const rows: { id: string }[] = await tx.manager.query(
      `UPDATE outbound_document SET state = 'WITHDRAWN' WHERE ref_kind = $1 AND ref_id = $2 AND document_type = $3 AND state IN ('PENDING', 'FAILED') RETURNING id::text`,
      [refKind, refId, documentType],
    );
    return rows.map((r) => r.id);
  }
}
