/** A party's PEPPOL endpoint: scheme (0192: Norwegian organisation number, 0088: GLN) and identifier. */
export interface PeppolEndpoint {
  schemeId: string;
  value: string;
}

/** A document as the transport delivers it. */
export interface OutboundDelivery {
  /** outbound_document.id: the same on every attempt, so a receiver can recognise a repeat. */
  outboundId: string;
  documentType: string;
  documentId: string;
  receiver: PeppolEndpoint;
  sender: PeppolEndpoint;
  xml: string;
}

/**
 * The port through which documents leave Torg for an access point. `deliver` resolves once the
 * other side has the document (a reference it gave, if any) and throws otherwise; the outbox
 * retries. It may be called again for a document already delivered (at-least-once).
 */
export interface OutboundTransport {
  readonly name: 'folder' | 'http' | 'log';
  deliver(doc: OutboundDelivery): Promise<{ reference?: string }>;
}

export const OUTBOUND_TRANSPORT = Symbol('OUTBOUND_TRANSPORT');
