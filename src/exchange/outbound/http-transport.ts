import { OutboundDelivery, OutboundTransport } from './outbound-transport';

export interface HttpTransportOptions {
  url: string;
  token?: string;
  timeoutMs: number;
}

/** Characters of an error answer kept in the message (it goes to the outbox's last_error). */
const ANSWER_CHARS = 300;

/**
 * POSTs each document to an access point's (or an integration's) URL. A 2xx answer means
 * delivered; any other status, a timeout or a network failure throws, and the outbox retries.
 * `X-Torg-Outbound-Id` (also sent as `Idempotency-Key`) is the same on every attempt, so the
 * receiver can drop a repeat.
 */
export class HttpTransport implements OutboundTransport {
  readonly name = 'http';

  constructor(private readonly options: HttpTransportOptions) {}

  async deliver(doc: OutboundDelivery): Promise<{ reference?: string }> {
    const { url, token, timeoutMs } = this.options;
    const headers: Record<string, string> = {
      'content-type': 'application/xml; charset=utf-8',
      'x-torg-document-type': doc.documentType,
      'x-torg-document-id': encodeURIComponent(doc.documentId),
      'x-torg-receiver': `${doc.receiver.schemeId}:${doc.receiver.value}`,
      'x-torg-sender': `${doc.sender.schemeId}:${doc.sender.value}`,
      'x-torg-outbound-id': doc.outboundId,
      'idempotency-key': `torg-outbound-${doc.outboundId}`,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body: doc.xml, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError') throw new Error(`POST ${url}: no answer within ${timeoutMs} ms (OUTBOUND_HTTP_TIMEOUT_MS)`, { cause: e });
      throw new Error(`POST ${url}: ${err.cause?.code ?? err.cause?.message ?? err.message}`, { cause: e });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status}${text ? `: ${text.slice(0, ANSWER_CHARS)}` : ''}`);
    return { reference: res.headers.get('location') ?? undefined };
  }
}
