import { Injectable } from '@nestjs/common';
import type { UblDocumentIdentity, UblDocumentKind, UblDocumentNodes, UblDocumentType } from '../peppol';
import type { Caller, RequestContext } from '../platform/context/request-context';

/** One reason a received document is refused: where (an XPath-like path), which rule, and why. */
export interface Problem {
  path?: string;
  rule?: string;
  message: string;
  /** The XML line, when known. */
  line?: number;
  /** A warning does not refuse the document (an error, the default, does). */
  severity?: 'error' | 'warning';
}

/** What a handler gets: the document's bytes (safe to read with peppol's readers), what it is, and who sent it. */
export interface ReceivedDocumentInput extends CheckedDocumentInput {
  caller: Caller;
  /**
   * The id the document will be stored under in received_document, after the handler, in the
   * same transaction: a domain may write it with what it stores (a reference to it is checked at
   * commit only if the domain's foreign key is deferred, as invoice's is).
   */
  receivedDocumentId: string;
}

/** The document as the exchange read it: its bytes, what it is, and the whole of it read (a typed reader of nodes need not read the XML again). */
export interface CheckedDocumentInput {
  bytes: Buffer;
  identity: UblDocumentIdentity;
  nodes: UblDocumentNodes<UblDocumentKind>;
}

/** Applied: the domain id of what the handler stored, and its status (e.g. the order's new state). */
export interface DocumentApplied {
  id: string;
  status: string;
}

/** Refused: every problem found; the exchange rolls the transaction back and stores nothing. */
export interface DocumentRefused {
  problems: Problem[];
}

export type DocumentHandlerResult = DocumentApplied | DocumentRefused;

/**
 * Applies one type of received document in the domain that owns it. `handle` runs inside the
 * exchange's transaction (`tx`), once per sender, type and document id: a resend is answered
 * from the stored first result without calling it. It returns problems for what the sender
 * must correct, or throws a DomainError (NOT_FOUND, FORBIDDEN…) which is answered as usual; a
 * UblError thrown by a peppol reader is answered 422 with its message. Nothing is stored then.
 */
export interface DocumentHandler {
  documentType: UblDocumentType;
  handle(tx: RequestContext, input: ReceivedDocumentInput): Promise<DocumentHandlerResult>;
  /**
   * The checks of the document alone, without the database (its arithmetic, codes, required
   * references), for POST /documents/check: a sender tries a document before sending it.
   * Problems only; a UblError thrown by a reader is reported as one. Absent: the safe-XML and
   * identity checks are all there is before sending.
   */
  check?(input: CheckedDocumentInput): Promise<Problem[]>;
}

export const isRefused = (r: DocumentHandlerResult): r is DocumentRefused => 'problems' in r;

/**
 * Which domain applies which document type received on POST /documents. Domains register
 * theirs at module init (`onModuleInit` or the module's constructor); one handler per type.
 */
@Injectable()
export class DocumentHandlers {
  private readonly handlers = new Map<UblDocumentType, DocumentHandler>();

  register(handler: DocumentHandler): void {
    if (this.handlers.has(handler.documentType)) throw new Error(`document type ${handler.documentType} has a handler already`);
    this.handlers.set(handler.documentType, handler);
  }

  get(documentType: UblDocumentType): DocumentHandler | undefined {
    return this.handlers.get(documentType);
  }

  types(): UblDocumentType[] {
    return [...this.handlers.keys()];
  }
}
