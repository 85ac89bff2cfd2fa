import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { TORG_CONFIG } from '../../platform/config/config';
import type { TorgConfig } from '../../platform/config/config';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { Outbox } from '../../platform/outbox/outbox';
import { OutboxHandlers, OutboxMessage } from '../../platform/outbox/outbox-handlers';
import { OutboundDocumentRepository } from './outbound-document.repository';
import type { OutboundDocumentRow, OutboundState } from './outbound-document.repository';
import { OUTBOUND_TRANSPORT } from './outbound-transport';
import type { OutboundTransport, PeppolEndpoint } from './outbound-transport';

export { NEXT_OUTBOUND_DOCUMENT_ID_SQL } from './outbound-document.repository';

/** The outbox topic that delivers an outbound document (key: outbound_document.id). */
export const SEND_DOCUMENT = 'exchange.send-document';

/** What the document is about in the domain that sends it (e.g. `{ kind: 'order', id: '42' }`), handed back when it is sent. */
export interface OutboundRef {
  kind: string;
  id: string;
}

export interface OutboundDocumentInput {
  /** The UBL document type, e.g. 'Order'. */
  documentType: string;
  /** The document's cbc:ID. */
  documentId: string;
  receiverEndpoint: PeppolEndpoint;
  senderEndpoint: PeppolEndpoint;
  xml: string;
  ref?: OutboundRef;
}

/**
 * Runs in its own transaction once a document of its type has been delivered: at most once per
 * outbound document (the transaction also marks it SENT; if the callback throws, both roll
 * back and the delivery is tried again, so make the callback idempotent).
 */
export type OnDocumentSent = (tx: RequestContext, ref: OutboundRef | null, outboundId: string) => Promise<void>;

/**
 * Sends documents to trading partners through the configured transport (folder drop, HTTP, log):
 * `send` records the document and an outbox message in the caller's transaction, so it leaves
 * if and only if the business change commits; the outbox delivers it, retries with back-off,
 * and parks it as dead after OUTBOX_MAX_ATTEMPTS (the document is then FAILED).
 */
@Injectable()
export class OutboundDocuments implements OnModuleInit {
  private readonly sentCallbacks = new Map<string, OnDocumentSent>();

  constructor(
    private readonly ds: DataSource,
    private readonly documents: OutboundDocumentRepository,
    private readonly outbox: Outbox,
    private readonly outboxHandlers: OutboxHandlers,
    private readonly audit: AuditService,
    @Inject(OUTBOUND_TRANSPORT) private readonly transport: OutboundTransport,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {}

  onModuleInit() {
    this.outboxHandlers.register<{ outboundId: string }>({ topic: SEND_DOCUMENT, handle: (m) => this.deliver([m], true), batch: (ms) => this.deliver(ms, false) });
  }

  /**
   * Queues a document for delivery in `tx`; returns the outbound document's id. `drawnId`: an id
   * the caller drew already (NEXT_OUTBOUND_DOCUMENT_ID_SQL, with a statement of its own work):
   * the document is then written with the transaction's deferred rows, one round trip fewer, so
   * the transaction must not look for it before it commits.
   */
  async send(tx: RequestContext, doc: OutboundDocumentInput, drawnId?: string): Promise<{ id: string }> {
    const row = {
      documentType: doc.documentType,
      documentId: doc.documentId,
      receiver: doc.receiverEndpoint,
      sender: doc.senderEndpoint,
      xml: doc.xml,
      refKind: doc.ref?.kind ?? null,
      refId: doc.ref?.id ?? null,
    };
    let id: string;
    if (drawnId === undefined) id = await this.documents.insert(tx, row);
    else await this.documents.insertDrawn(tx, (id = drawnId), row);
    await this.outbox.enqueue(tx, SEND_DOCUMENT, id, { outboundId: id });
    await this.audit.record(tx, 'document.queued', 'outbound_document', id, {
      documentType: doc.documentType,
      documentId: doc.documentId,
      receiver: `${doc.receiverEndpoint.schemeId}:${doc.receiverEndpoint.value}`,
      ...(doc.ref ? { ref: doc.ref } : {}),
    });
    return { id };
  }

  /**
   * The document of `documentType` last queued about `ref`, exactly as it was (or will be) sent,
   * and whether it has left; null when none was. The domain decides who may see it.
   */
  async latestFor(ctx: RequestContext, documentType: string, ref: OutboundRef): Promise<{ id: string; xml: string; state: OutboundState } | null> {
    const doc = await this.documents.latestFor(ctx, documentType, ref.kind, ref.id);
    return doc ? { id: doc.id, xml: doc.xml, state: doc.state } : null;
  }

  /**
   * Takes back the documents of `documentType` about `ref` that have not left yet (pending or
   * failed), in the caller's transaction: they will not be delivered. One already on its way to
   * the access point at this moment may still arrive (delivery is at least once).
   */
  async withdraw(tx: RequestContext, documentType: string, ref: OutboundRef): Promise<number> {
    const ids = await this.documents.withdraw(tx, documentType, ref.kind, ref.id);
    for (const id of ids) await this.audit.record(tx, 'document.withdrawn', 'outbound_document', id, { documentType, ref });
    return ids.length;
  }

  /** Registers what happens when a document of `documentType` has been delivered (one callback per type). */
  onSent(documentType: string, callback: OnDocumentSent): void {
    if (this.sentCallbacks.has(documentType)) throw new Error(`document type ${documentType} has an onSent callback already`);
    this.sentCallbacks.set(documentType, callback);
  }

  /**
   * Delivers the messages' documents (read in one statement) one after another, and marks those
   * delivered SENT, with their audit and follow-ups, in one transaction. A delivery that fails
   * fails the call, for the outbox to retry: run `alone`, its attempt is recorded on the document
   * first (FAILED on the last); in a batch, the others delivered are still marked, and the
   * dispatcher then runs each message alone, which skips those sent and tries the failed one again.
   * A follow-up (onSent) that throws undoes the whole batch's marks: its documents are then
   * delivered again one by one, which the transports take as repeats (the HTTP one sends an
   * Idempotency-Key per document, the folder one writes the same file name again).
   */
  private async deliver(messages: OutboxMessage<{ outboundId: string }>[], alone: boolean): Promise<void> {
    const system = new RequestContext(undefined, this.ds.manager);
    const attemptOf = new Map(messages.map((m) => [m.payload.outboundId ?? m.key, m.attempt]));
    const delivered: { doc: OutboundDocumentRow; reference: string | undefined }[] = [];
    let failure: Error | undefined;
    for (const doc of await this.documents.getMany(system, [...attemptOf.keys()])) {
      if (doc.state === 'SENT' || doc.state === 'WITHDRAWN') continue; // delivered already (a repeat of the message), or taken back
      try {
        const { reference } = await this.transport.deliver({
          outboundId: doc.id,
          documentType: doc.documentType,
          documentId: doc.documentId,
          receiver: doc.receiver,
          sender: doc.sender,
          xml: doc.xml,
        });
        delivered.push({ doc, reference });
      } catch (e) {
        const error = `${this.transport.name}: ${(e as Error).message}`;
        failure ??= new Error(error, { cause: e });
        if (!alone) continue;
        const attempt = attemptOf.get(doc.id)!;
        const final = attempt >= this.config.outbox.maxAttempts;
        await this.documents.markAttemptFailed(system, doc.id, attempt, this.transport.name, error, final);
        if (final) await this.audit.record(system, 'document.failed', 'outbound_document', doc.id, { documentType: doc.documentType, documentId: doc.documentId, error });
      }
    }
    if (delivered.length) await this.markSent(system, delivered, attemptOf);
    if (failure) throw failure;
  }

  /** The delivered documents SENT, each audited and followed up (its type's onSent) once. */
  private markSent(system: RequestContext, delivered: { doc: OutboundDocumentRow; reference: string | undefined }[], attemptOf: Map<string, number>): Promise<void> {
    return inTransaction(this.ds, system, async (tx) => {
      const sent = delivered.map(({ doc, reference }) => ({ id: doc.id, attempts: attemptOf.get(doc.id)!, reference }));
      const marked = await this.documents.markManySent(tx, sent, this.transport.name);
      for (const { doc, reference } of delivered) {
        if (!marked.has(doc.id)) continue;
        await this.audit.record(tx, 'document.sent', 'outbound_document', doc.id, {
          documentType: doc.documentType,
          documentId: doc.documentId,
          transport: this.transport.name,
          ...(reference ? { reference } : {}),
        });
        const callback = this.sentCallbacks.get(doc.documentType);
        if (callback) await callback(tx, doc.refKind !== null && doc.refId !== null ? { kind: doc.refKind, id: doc.refId } : null, doc.id);
      }
    });
  }
}
