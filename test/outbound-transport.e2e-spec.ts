import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { OutboundDocumentInput, OutboundDocuments, OutboundRef } from '../src/exchange/outbound/outbound-documents.service';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Outbound documents (issue 15 §5): `send` records the document and an outbox message in the
 * caller's transaction; the outbox delivers it through the configured transport, retries with
 * back-off, marks it SENT and calls the domain's onSent callback once, or parks it dead and
 * marks it FAILED.
 */

/** A document type of this test alone: ordering registers its own onSent for 'Order' (one callback per type). */
const DOCUMENT_TYPE = 'TestOrder';

const order = (documentId: string, ref?: OutboundRef): OutboundDocumentInput => ({
  documentType: DOCUMENT_TYPE,
  documentId,
  receiverEndpoint: { schemeId: '0192', value: '987654325' },
  senderEndpoint: { schemeId: '0192', value: '123456785' },
  xml: `<?xml version="1.0" encoding="UTF-8"?>\n<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>${documentId}</ID><Note>Blåbær</Note></Order>\n`,
  ref,
});

async function sendIn(t: TestApp, doc: OutboundDocumentInput): Promise<string> {
  const ds = t.app.get(DataSource);
  const { id } = await inTransaction(ds, new RequestContext(undefined, ds.manager), (tx) => t.app.get(OutboundDocuments).send(tx, doc));
  return id;
}

async function settled(t: TestApp, id: string, timeoutMs = 15_000) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 25))) {
    const [row] = await t.sql('SELECT state, attempts, last_error, transport, transport_reference, sent_at FROM outbound_document WHERE id = $1', [id]);
    if (row.state !== 'PENDING') return row;
  }
  throw new Error(`outbound document ${id} is still PENDING after ${timeoutMs} ms`);
}

/** The outbox message of an outbound document once it is no longer pending. */
async function messageSettled(t: TestApp, id: string, timeoutMs = 15_000) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 25))) {
    const [message] = await t.sql(`SELECT state, attempts FROM outbox_message WHERE topic = 'exchange.send-document' AND key = $1`, [id]);
    if (message.state !== 'pending') return message;
  }
  throw new Error(`the outbox message of outbound document ${id} is still pending after ${timeoutMs} ms`);
}

describe('outbound documents over HTTP', () => {
  let t: TestApp;
  let server: Server;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const sent: { ref: OutboundRef | null; outboundId: string }[] = [];
  const attemptsOf = new Map<string, number>();

  beforeAll(async () => {
    // An access point that fails FLAKY documents twice, never takes DOWN ones, and keeps SLOW ones waiting.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const id = decodeURIComponent(String(req.headers['x-torg-document-id']));
        received.push({ headers: req.headers, body });
        const n = (attemptsOf.get(id) ?? 0) + 1;
        attemptsOf.set(id, n);
        if (id.startsWith('SLOW')) return; // never answers
        if (id.startsWith('DOWN') || (id.startsWith('FLAKY') && n <= 2)) {
          res.writeHead(id.startsWith('DOWN') ? 500 : 503, { 'content-type': 'text/plain' }).end('access point unavailable');
          return;
        }
        res.writeHead(202, { location: `/messages/${id}` }).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    t = await startTestApp({
      OUTBOUND_TRANSPORT: 'http',
      OUTBOUND_HTTP_URL: `http://127.0.0.1:${port}/ap/inbox`,
      OUTBOUND_HTTP_TOKEN: 'ap-secret-token',
      OUTBOUND_HTTP_TIMEOUT_MS: '300',
      OUTBOX_RETRY_BASE_MS: '20',
      OUTBOX_RETRY_MAX_MS: '100',
      OUTBOX_MAX_ATTEMPTS: '4',
    });
    await t.sql('CREATE TABLE test_sent (outbound_id text NOT NULL)');
    t.app.get(OutboundDocuments).onSent(DOCUMENT_TYPE, async (tx, ref, outboundId) => {
      sent.push({ ref, outboundId });
      await tx.manager.query('INSERT INTO test_sent (outbound_id) VALUES ($1)', [outboundId]);
    });
  });
  afterAll(async () => {
    await t?.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('delivers after two failed attempts, marks the document SENT, and calls onSent exactly once', async () => {
    const id = await sendIn(t, order('FLAKY-1', { kind: 'order', id: '42' }));
    const row = await settled(t, id);
    expect(row).toMatchObject({ state: 'SENT', attempts: 3, last_error: null, transport: 'http', transport_reference: '/messages/FLAKY-1' });
    expect(row.sent_at).toBeInstanceOf(Date);
    const mine = received.filter((r) => r.headers['x-torg-document-id'] === 'FLAKY-1');
    expect(mine).toHaveLength(3);
    expect(mine[2].body).toBe(order('FLAKY-1').xml);
    expect(mine[2].headers).toMatchObject({
      'content-type': 'application/xml; charset=utf-8',
      authorization: 'Bearer ap-secret-token',
      'x-torg-document-type': DOCUMENT_TYPE,
      'x-torg-receiver': '0192:987654325',
      'x-torg-sender': '0192:123456785',
      'x-torg-outbound-id': id,
      'idempotency-key': `torg-outbound-${id}`,
    });
    expect(sent).toEqual([{ ref: { kind: 'order', id: '42' }, outboundId: id }]);
    expect(await t.sql('SELECT outbound_id FROM test_sent')).toEqual([{ outbound_id: id }]); // in the transaction that marked it SENT
    const audit = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'outbound_document' AND entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['document.queued', 'document.sent']);

    // The outbox delivers at least once: a repeat of the message sends nothing and calls nothing again.
    await t.sql(`UPDATE outbox_message SET state = 'pending', next_attempt_at = now() WHERE topic = 'exchange.send-document' AND key = $1`, [id]);
    await t.app.get(OutboxDispatcher).drain('exchange.send-document');
    expect(await t.sql(`SELECT state FROM outbox_message WHERE topic = 'exchange.send-document' AND key = $1`, [id])).toEqual([{ state: 'done' }]);
    expect(received.filter((r) => r.headers['x-torg-document-id'] === 'FLAKY-1')).toHaveLength(3);
    expect(sent).toHaveLength(1);
  });

  it('delivers documents sent together in a batch (marked SENT together), each once, and retries the one that fails alone', async () => {
    sent.length = 0;
    const ds = t.app.get(DataSource);
    const names = ['BATCH-1', 'BATCH-2', 'FLAKY-BATCH', 'BATCH-3', 'BATCH-4', 'BATCH-5'];
    const ids = await inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
      const queued: string[] = [];
      for (const name of names) queued.push((await t.app.get(OutboundDocuments).send(tx, order(name, { kind: 'order', id: name }))).id);
      return queued;
    });
    const rows = new Map<string, any>();
    for (const [n, id] of ids.entries()) rows.set(names[n], await settled(t, id));
    const fine = names.filter((n) => n.startsWith('BATCH-'));
    for (const name of fine) {
      expect(rows.get(name)).toMatchObject({ state: 'SENT', attempts: 1, last_error: null, transport_reference: `/messages/${name}` });
      expect(received.filter((r) => r.headers['x-torg-document-id'] === name)).toHaveLength(1);
    }
    // Marked in at most one statement per worker's claim (OUTBOX_CONCURRENCY 2): the same transaction time.
    expect(new Set(fine.map((n) => rows.get(n).sent_at.getTime())).size).toBeLessThanOrEqual(2);
    // The access point refused FLAKY-BATCH twice and took it the third time. Which worker claims which
    // keys is a race: in a batch, its first refusal is not an attempt of its own (the message then runs
    // alone: attempts 2 in all); claimed alone, each refusal is one (attempts 3).
    expect(rows.get('FLAKY-BATCH')).toMatchObject({ state: 'SENT', last_error: null });
    expect([2, 3]).toContain(rows.get('FLAKY-BATCH').attempts);
    expect(received.filter((r) => r.headers['x-torg-document-id'] === 'FLAKY-BATCH')).toHaveLength(3);
    expect(sent.map((s) => s.ref!.id).sort()).toEqual([...names].sort());
    const audit = await t.sql(`SELECT entity_id, action FROM audit_event WHERE entity_type = 'outbound_document' AND entity_id = ANY($1) AND action = 'document.sent'`, [ids]);
    expect(audit.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await messageSettled(t, id)).toMatchObject({ state: 'done' });
  });

  it('parks a document the access point never takes as dead, marks it FAILED with the last error, and /health says so', async () => {
    sent.length = 0;
    const id = await sendIn(t, order('DOWN-1', { kind: 'order', id: '43' }));
    const row = await settled(t, id);
    expect(row).toMatchObject({ state: 'FAILED', attempts: 4, transport: 'http' });
    expect(row.last_error).toMatch(/^http: POST http:\/\/127\.0\.0\.1:\d+\/ap\/inbox: HTTP 500: access point unavailable$/);
    // The document is FAILED in the handler's transaction; the outbox parks its message just after.
    const message = await messageSettled(t, id);
    expect(message).toEqual({ state: 'dead', attempts: 4 });
    expect(sent).toEqual([]);
    const health = await t.http.get('/health');
    expect(health.body).toMatchObject({ status: 'degraded', details: { outbox: { dead: 1 } } });
  });

  it('gives up on an access point that does not answer within OUTBOUND_HTTP_TIMEOUT_MS', async () => {
    const id = await sendIn(t, order('SLOW-1'));
    const row = await settled(t, id);
    expect(row).toMatchObject({ state: 'FAILED', attempts: 4 });
    expect(row.last_error).toMatch(/: no answer within 300 ms \(OUTBOUND_HTTP_TIMEOUT_MS\)$/);
  });

  it('sends nothing when the transaction that sent it rolls back', async () => {
    const ds = t.app.get(DataSource);
    await expect(
      inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
        await t.app.get(OutboundDocuments).send(tx, order('ROLLED-BACK'));
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    await new Promise((r) => setTimeout(r, 200));
    expect(await t.sql(`SELECT id FROM outbound_document WHERE document_id = 'ROLLED-BACK'`)).toEqual([]);
    expect(received.filter((r) => r.headers['x-torg-document-id'] === 'ROLLED-BACK')).toEqual([]);
  });
});

describe('outbound documents dropped into a folder', () => {
  let t: TestApp;
  let folder: string;

  beforeAll(async () => {
    folder = join(await mkdtemp(join(tmpdir(), 'torg-outbound-')), 'ap', 'in');
    t = await startTestApp({ OUTBOUND_TRANSPORT: 'folder', OUTBOUND_FOLDER: folder });
  });
  afterAll(async () => {
    await t?.close();
    await rm(join(folder, '..', '..'), { recursive: true, force: true });
  });

  it('writes one file per document with exactly its content, no temporary file left, and marks it SENT', async () => {
    const first = await sendIn(t, order('PO 2026/1'));
    const second = await sendIn(t, order('PO 2026/1')); // the same id sent twice stays two files
    for (const id of [first, second]) expect(await settled(t, id)).toMatchObject({ state: 'SENT', attempts: 1, transport: 'folder' });
    const files = (await readdir(folder)).sort();
    expect(files).toEqual([`TestOrder_PO_2026_1_${first}.xml`, `TestOrder_PO_2026_1_${second}.xml`].sort());
    expect(await readFile(join(folder, files[0]), 'utf8')).toBe(order('PO 2026/1').xml);
    const [row] = await t.sql('SELECT transport_reference FROM outbound_document WHERE id = $1', [first]);
    expect(row.transport_reference).toBe(`TestOrder_PO_2026_1_${first}.xml`);
  });
});
