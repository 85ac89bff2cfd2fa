import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RequestContext } from '../platform/context/request-context';
import { BatchStatement, writeBeforeCommit } from '../platform/database/before-commit';
import { GENERIC_PLANS_IN_TRANSACTION, preparedQueryIn } from '../platform/database/prepared-query';

/** A document POST /documents applied, as first stored. */
export interface ReceivedDocumentRow {
  id: string;
  documentType: string;
  documentId: string;
  resultId: string;
  resultStatus: string;
}

export interface NewReceivedDocument {
  /** The id lock() drew. */
  id: string;
  senderOrganisationId: number;
  documentType: string;
  documentId: string;
  customizationId: string;
  resultId: string;
  resultStatus: string;
  sentByUserId: number | null;
  sentByClientId: number | null;
  content: Buffer;
}

const COLUMNS = `id::text, document_type AS "documentType", document_id AS "documentId", result_id AS "resultId", result_status AS "resultStatus"`;

/** Lock namespace for one (sender, type, document id): a resend waits for the first to commit or roll back. */
const RECEIVE_LOCK = 7303;

/** The one home of the SQL on `received_document`. */
@Injectable()
export class ReceivedDocumentRepository {
  /**
   * Holds, until the transaction ends, the right to apply this sender's document of this type
   * and id: a concurrent identical POST waits here, then finds the first one stored (or, if it
   * was refused, applies its own). Returns the id the document will be stored under (drawn from
   * its sequence in the same statement), so the handler can write it with what it stores; a
   * resend or a refusal leaves a gap in the ids, nothing else. It is the transaction's first
   * statement: it also lets the rest of it use generic plans (the handler's and the database's
   * own statements are key look-ups; prepared-query.ts says why).
   */
  async lock(tx: RequestContext, senderOrganisationId: number, documentType: string, documentId: string): Promise<string> {
    const [row]: { id: string }[] = await preparedQueryIn(
      tx.manager,
      `SELECT pg_advisory_xact_lock($1, hashtext($2)), nextval(pg_get_serial_sequence('received_document', 'id'))::text AS id, ${GENERIC_PLANS_IN_TRANSACTION}`,
      [RECEIVE_LOCK, `${senderOrganisationId}\n${documentType}\n${documentId}`],
    );
    return row.id;
  }

  async find(ctx: RequestContext, senderOrganisationId: number, documentType: string, documentId: string): Promise<ReceivedDocumentRow | undefined> {
    const rows: ReceivedDocumentRow[] = await preparedQueryIn(ctx.manager, `SELECT ${COLUMNS} FROM received_document WHERE sender_organisation_id = $1 AND document_type = $2 AND document_id = $3`, [
      senderOrganisationId,
      documentType,
      documentId,
    ]);
    return rows[0];
  }

  /** The document's bytes exactly as received, with its type and cbc:ID. */
  async content(ctx: RequestContext, id: string): Promise<{ documentType: string; documentId: string; content: Buffer } | undefined> {
    const rows: { documentType: string; documentId: string; content: Buffer }[] = await ctx.manager.query(
      `SELECT document_type AS "documentType", document_id AS "documentId", content FROM received_document WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * Records the document as received, with the transaction's other deferred rows (audit events,
   * outbox messages) in the one statement before its COMMIT: nothing reads it back before then,
   * its id was drawn by lock(), and the invoice's reference to it is checked at commit.
   */
  async insert(tx: RequestContext, d: NewReceivedDocument): Promise<void> {
    await writeBeforeCommit<NewReceivedDocument>(tx.manager, RECEIVED_DOCUMENTS, d, writeReceivedDocuments);
  }
}

/** The batch kind of received documents in a transaction (one, in practice). */
const RECEIVED_DOCUMENTS = {};

const RECEIVED_DOCUMENT_COLUMNS = 12;

/** The documents as one INSERT of VALUES rows: the content goes as a binary parameter, not hex text in an array. */
function writeReceivedDocuments(docs: NewReceivedDocument[]): BatchStatement {
  const rows = docs.map((_, i) => `(${Array.from({ length: RECEIVED_DOCUMENT_COLUMNS }, (_, c) => `$${i * RECEIVED_DOCUMENT_COLUMNS + c + 1}`).join(', ')})`);
  return {
    sql: `INSERT INTO received_document (id, sender_organisation_id, document_type, document_id, customization_id, result_id, result_status,
                                      sent_by_user_id, sent_by_client_id, size_bytes, sha256, content)
       VALUES ${rows.join(', ')}`,
    params: docs.flatMap((d) => [
      d.id,
      d.senderOrganisationId,
      d.documentType,
      d.documentId,
      d.customizationId,
      d.resultId,
      d.resultStatus,
      d.sentByUserId,
      d.sentByClientId,
      d.content.length,
      createHash('sha256').update(d.content).digest(),
      d.content,
    ]),
  };
}
