import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { ClassificationService } from '../src/classification/classification.service';
import { runCli } from '../src/cli';
import { loadConfig } from '../src/platform/config/config';
import { RequestContext } from '../src/platform/context/request-context';
import { AuditService } from '../src/platform/audit/audit.service';
import { afterCommit } from '../src/platform/database/after-commit';
import { inTransaction } from '../src/platform/database/transaction';
import { Outbox } from '../src/platform/outbox/outbox';
import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { OutboxHandlers, OutboxMessage } from '../src/platform/outbox/outbox-handlers';
import { createAgreement, PUBLISH, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Background work runs after commit through platform/outbox: the after-commit hook of
 * inTransaction, the dispatcher's retries with back-off and dead letters, and search indexing
 * as one of its handlers.
 */
const RETRY_BASE_MS = 200;
const MAX_ATTEMPTS = 3;

let t: TestApp;
let ds: DataSource;
beforeAll(async () => {
  t = await startTestApp({ OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS), OUTBOX_RETRY_BASE_MS: String(RETRY_BASE_MS) });
  ds = t.app.get(DataSource);
  await t.sql('CREATE TABLE after_commit_probe (n int NOT NULL)');
});
afterAll(() => t?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const systemCtx = () => new RequestContext(undefined, ds.manager);

/** Polls `probe` until it returns something truthy or `ms` have passed; returns what it last returned. */
async function within<T>(ms: number, probe: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value || Date.now() >= deadline) return value;
    await sleep(20);
  }
}

describe('after-commit callbacks', () => {
  /** Counts probe rows with `n` from a connection of its own: what everyone else sees. */
  const visible = async (n: number) => (await ds.query('SELECT count(*)::int AS c FROM after_commit_probe WHERE n = $1', [n]))[0].c as number;

  it('run only once the transaction has committed, when other connections see its writes', async () => {
    const seen: Promise<number>[] = [];
    let calledBeforeCommit = false;
    await inTransaction(ds, systemCtx(), async (tx) => {
      await tx.manager.query('INSERT INTO after_commit_probe VALUES (1)');
      tx.afterCommit(() => seen.push(visible(1)));
      await sleep(50); // time for a callback run too early (as the indexer's wake once was)
      await tx.manager.query('SELECT 1');
      calledBeforeCommit = seen.length > 0;
    });
    expect(calledBeforeCommit).toBe(false);
    expect(seen).toHaveLength(1);
    expect(await seen[0]).toBe(1);
  });

  it('never run when the transaction rolls back', async () => {
    const calls: string[] = [];
    await expect(
      inTransaction(ds, systemCtx(), async (tx) => {
        await tx.manager.query('INSERT INTO after_commit_probe VALUES (2)');
        tx.afterCommit(() => calls.push('rolled back'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await sleep(50);
    expect(calls).toEqual([]);
    expect(await visible(2)).toBe(0);
  });

  it('of an attempt that failed and was retried are dropped; the retry’s run', async () => {
    const calls: string[] = [];
    let attempt = 0;
    await inTransaction(ds, systemCtx(), async (tx) => {
      attempt++;
      tx.afterCommit(() => calls.push(`attempt ${attempt}`));
      if (attempt === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    expect(attempt).toBe(2);
    expect(calls).toEqual(['attempt 2']);
  });

  it('of a nested unit wait for the outermost commit, and run in the order given', async () => {
    const calls: string[] = [];
    await inTransaction(ds, systemCtx(), async (outer) => {
      outer.afterCommit(() => calls.push('outer'));
      await inTransaction(ds, outer, async (inner) => {
        inner.afterCommit(() => calls.push('inner'));
      });
      expect(calls).toEqual([]);
      afterCommit(outer.manager, () => calls.push('by manager'));
    });
    expect(calls).toEqual(['outer', 'inner', 'by manager']);
  });

  it('run at once outside a transaction, and are refused in one inTransaction did not open', async () => {
    const calls: string[] = [];
    systemCtx().afterCommit(() => calls.push('now'));
    expect(calls).toEqual(['now']);
    await ds.transaction(async (m) => {
      expect(() => afterCommit(m, () => calls.push('never'))).toThrow('afterCommit needs a transaction opened by inTransaction');
    });
    expect(calls).toEqual(['now']);
  });
});

describe('audit events and outbox messages of a transaction', () => {
  const events = (entityId: string) => ds.query(`SELECT action, data, actor_org_id FROM audit_event WHERE entity_type = 'probe' AND entity_id = $1 ORDER BY id`, [entityId]);
  const messages = (key: string) => ds.query(`SELECT payload FROM outbox_message WHERE topic = 'test.deferred' AND key = $1 ORDER BY id`, [key]);

  it('are written together just before COMMIT, in the order recorded, as they were when recorded', async () => {
    const audit = t.app.get(AuditService);
    const outbox = t.app.get(Outbox);
    const caller = { organisationId: 4242, userId: undefined, roles: [] } as unknown as RequestContext['caller'];
    let seenInside: unknown[] = [];
    await inTransaction(ds, new RequestContext(caller, ds.manager), async (tx) => {
      const data = { step: 1 };
      await audit.record(tx, 'probe.first', 'probe', 'p1', data);
      data.step = 99; // changed after recording: the event keeps what it was given
      await outbox.enqueue(tx, 'test.deferred', 'k1', { n: 1 });
      await audit.record(tx, 'probe.second', 'probe', 'p1', { step: 2 });
      await outbox.enqueue(tx, 'test.deferred', 'k1', { n: 2 });
      seenInside = await tx.manager.query(`SELECT id FROM audit_event WHERE entity_type = 'probe' AND entity_id = 'p1'`);
    });
    expect(seenInside).toEqual([]);
    expect(await events('p1')).toEqual([
      { action: 'probe.first', data: { step: 1 }, actor_org_id: 4242 },
      { action: 'probe.second', data: { step: 2 }, actor_org_id: 4242 },
    ]);
    expect(await messages('k1')).toEqual([{ payload: { n: 1 } }, { payload: { n: 2 } }]);
  });

  it('are not written when the transaction rolls back, and at once outside a transaction', async () => {
    const audit = t.app.get(AuditService);
    const outbox = t.app.get(Outbox);
    await expect(
      inTransaction(ds, systemCtx(), async (tx) => {
        await audit.record(tx, 'probe.rolled-back', 'probe', 'p2');
        await outbox.enqueue(tx, 'test.deferred', 'k2', { n: 1 });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await events('p2')).toEqual([]);
    expect(await messages('k2')).toEqual([]);
    await audit.record(systemCtx(), 'probe.alone', 'probe', 'p3', { alone: true });
    await outbox.enqueue(systemCtx(), 'test.deferred', 'k3', { n: 3 });
    expect(await events('p3')).toEqual([{ action: 'probe.alone', data: { alone: true }, actor_org_id: null }]);
    expect(await messages('k3')).toEqual([{ payload: { n: 3 } }]);
    await ds.query(`DELETE FROM outbox_message WHERE topic = 'test.deferred'`);
  });
});

describe('search after publishing, without waiting for the indexer', () => {
  it('finds the items of each newly published version within a second', async () => {
    const a = await createAgreement(t, { participants: ['skole'], scope: ['44120000'] });
    const supplier = await t.login('katalog@kontorland.example');
    const purchaser = await t.login('innkjoper@storby.example');
    const buyer = await t.login('bestiller@nordby.example');
    const found = async (word: string) => {
      const res = await t.gql(buyer, 'query($w: String!) { searchProducts(input: { text: $w, first: 50 }) { edges { node { name } } } }', { w: word });
      return res.data.searchProducts.edges.some((e: { node: { name: string } }) => e.node.name === word);
    };
    // Three in a row: a wake that came before the commit left each to the next poll (every 2 s),
    // which came in time for one of them now and then, but hardly for all three.
    for (const word of ['Blåmeisblyant', 'Kjøttmeisblyant', 'Toppmeisblyant']) {
      const file = Buffer.from(`seller_item_id,name,unspsc,price,vat_rate,unit\n${word}-1,${word},44121706,5.00,25,EA\n`);
      const res = await upload(t, a.id, file, `${word}.csv`);
      expect(res.status).toBe(201);
      expect((await t.gql(supplier, SUBMIT, { id: res.body.version.id })).data.submitCatalogueVersion.status).toBe('SUBMITTED');
      expect((await t.gql(purchaser, PUBLISH, { id: res.body.version.id })).data.publishCatalogueVersion.status).toBe('PUBLISHED');
      const published = Date.now();
      expect(await within(1000, () => found(word))).toBe(true);
      expect(Date.now() - published).toBeLessThan(1000);
    }
    // The item vocabulary's catch-up waits for the publishing to settle: done now, so the outbox below starts empty.
    await t.app.get(ClassificationService).vocabularyCaughtUp();
  });
});

describe('the dispatcher', () => {
  const calls: { at: number; attempt: number; row: { attempts: number; last_error: string | null; state: string } }[] = [];
  let failing = true;
  const worked: OutboxMessage[] = [];

  beforeAll(() => {
    const handlers = t.app.get(OutboxHandlers);
    handlers.register({
      topic: 'test.fails',
      handle: async (m) => {
        const [row] = await t.sql('SELECT attempts, last_error, state FROM outbox_message WHERE id = $1', [m.ids[0]]);
        calls.push({ at: Date.now(), attempt: m.attempt, row });
        if (failing) throw new Error(`the receiver said no (attempt ${m.attempt})`);
      },
    });
    handlers.register({ topic: 'test.works', handle: async (m) => void worked.push(m) });
  });

  const message = async (topic: string) => (await t.sql('SELECT state, attempts, last_error FROM outbox_message WHERE topic = $1', [topic]))[0];

  it('retries a failing handler with back-off, parks it as dead after the last attempt, and shows it on /health and /metrics', async () => {
    const outbox = t.app.get(Outbox);
    await inTransaction(ds, systemCtx(), async (tx) => {
      await outbox.enqueue(tx, 'test.fails', 'order-1', { orderId: 1 });
      await outbox.enqueue(tx.manager, 'test.works', 'order-2', { orderId: 2 });
    });
    expect(await within(10_000, async () => (await message('test.fails')).state === 'dead')).toBe(true);

    // Each attempt saw the one before counted, with its error; the waits doubled from the base.
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.row)).toEqual([
      { attempts: 0, last_error: null, state: 'pending' },
      { attempts: 1, last_error: 'the receiver said no (attempt 1)', state: 'pending' },
      { attempts: 2, last_error: 'the receiver said no (attempt 2)', state: 'pending' },
    ]);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS);
    expect(await message('test.fails')).toEqual({ state: 'dead', attempts: MAX_ATTEMPTS, last_error: 'the receiver said no (attempt 3)' });
    // Parked means parked: no further attempt comes.
    await sleep(4 * RETRY_BASE_MS);
    expect(calls).toHaveLength(MAX_ATTEMPTS);

    expect(await message('test.works')).toEqual({ state: 'done', attempts: 1, last_error: null });
    expect(worked.map((m) => [m.key, m.payload])).toEqual([['order-2', { orderId: 2 }]]);

    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', details: { outbox: { status: 'degraded', pending: 0, dead: 1 } } });
    expect(health.body.reason).toMatch(/^outbox is degraded: 1 message\(s\) parked as dead after 3 failed attempts \(test\.fails: 1\)/);

    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/torg_outbox_messages\{topic="test\.fails",state="dead"\} 1\n/);
    expect(metrics).toMatch(/torg_outbox_messages\{topic="test\.works",state="dead"\} 0\n/);
    expect(metrics).toMatch(/torg_outbox_handled_total\{topic="test\.fails",outcome="failed"\} 2\n/);
    expect(metrics).toMatch(/torg_outbox_handled_total\{topic="test\.fails",outcome="dead"\} 1\n/);
    expect(metrics).toMatch(/torg_outbox_handled_total\{topic="test\.works",outcome="done"\} 1\n/);
    expect(metrics).toMatch(/torg_outbox_handled_total\{topic="search\.catalogue-changed",outcome="done"\} [1-9]/);
  });

  it('hands a coalescing handler a key’s due messages in one run with the newest payload, and others one at a time', async () => {
    const runs: Record<string, OutboxMessage[]> = { 'test.coalesced': [], 'test.one-by-one': [] };
    const handlers = t.app.get(OutboxHandlers);
    handlers.register({ topic: 'test.coalesced', coalesce: true, handle: async (m) => void runs[m.topic].push(m) });
    handlers.register({ topic: 'test.one-by-one', handle: async (m) => void runs[m.topic].push(m) });
    const outbox = t.app.get(Outbox);
    await inTransaction(ds, systemCtx(), async (tx) => {
      for (const n of [1, 2, 3]) {
        await outbox.enqueue(tx, 'test.coalesced', 'agreement-9', { n });
        await outbox.enqueue(tx, 'test.one-by-one', 'order-9', { n });
      }
    });
    const done = async () => (await t.sql(`SELECT count(*)::int AS n FROM outbox_message WHERE topic IN ('test.coalesced', 'test.one-by-one') AND state = 'done'`))[0].n === 6;
    expect(await within(5000, done)).toBe(true);
    expect(runs['test.coalesced'].map((m) => [m.ids.length, m.payload])).toEqual([[3, { n: 3 }]]);
    expect(runs['test.one-by-one'].map((m) => [m.ids.length, m.payload])).toEqual([
      [1, { n: 1 }],
      [1, { n: 2 }],
      [1, { n: 3 }],
    ]);
  });

  it('runs a serial topic’s keys one at a time (its claims still take several keys), where a topic that is not serial runs side by side', async () => {
    const keys = Array.from({ length: 24 }, (_, i) => `k${i}`);
    const seen: Record<string, { running: number; most: number; ran: string[] }> = {};
    const handlers = t.app.get(OutboxHandlers);
    let waitUntil: number | undefined;
    for (const [topic, serial] of [
      ['test.serial', true],
      ['test.side-by-side', false],
    ] as const) {
      const s = (seen[topic] = { running: 0, most: 0, ran: [] as string[] });
      handlers.register({
        topic,
        serial,
        handle: async (m) => {
          s.most = Math.max(s.most, ++s.running);
          try {
            // Which worker claims which keys is a race: until a second run has been seen, runs of
            // the topic that is not serial wait (2 s in all) for another worker to start one, so
            // that the test tells "not serial" from "lucky".
            if (!serial) while (s.most < 2 && (waitUntil ??= Date.now() + 2000) > Date.now()) await sleep(20);
            await ds.query('SELECT pg_sleep(0.02)'); // a run that takes a while, as a rollup upsert queued on a lock would
            s.ran.push(m.key);
          } finally {
            s.running--;
          }
        },
      });
    }
    await inTransaction(ds, systemCtx(), async (tx) => {
      for (const key of keys) for (const topic of Object.keys(seen)) await t.app.get(Outbox).enqueue(tx, topic, key, {});
    });
    const done = async () => (await t.sql(`SELECT count(*)::int AS n FROM outbox_message WHERE topic IN ('test.serial', 'test.side-by-side') AND state = 'done'`))[0].n === 48;
    expect(await within(30000, done)).toBe(true);
    expect(seen['test.serial'].ran.sort()).toEqual([...keys].sort());
    expect(seen['test.serial'].most).toBe(1);
    // The same handler without `serial`: the workers (OUTBOX_CONCURRENCY, 2 here) ran it side by side.
    expect(seen['test.side-by-side'].ran.sort()).toEqual([...keys].sort());
    expect(seen['test.side-by-side'].most).toBeGreaterThan(1);
  });

  it('claims several keys at once, passes over a key another session holds until it is let go, and leaves no key locked', async () => {
    const ran: string[] = [];
    t.app.get(OutboxHandlers).register({ topic: 'test.batched', handle: async (m) => void ran.push(m.key) });
    // Another worker (here a connection of the test's own) runs key b: its lock is held.
    const other = ds.createQueryRunner();
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(7302, hashtext('test.batched' || E'\\n' || 'b'))`);
      await inTransaction(ds, systemCtx(), async (tx) => {
        for (const key of ['a', 'b', 'c', 'd']) await t.app.get(Outbox).enqueue(tx, 'test.batched', key, {});
      });
      const states = async () => Object.fromEntries((await t.sql(`SELECT key, state FROM outbox_message WHERE topic = 'test.batched'`)).map((r: { key: string; state: string }) => [r.key, r.state]));
      expect(await within(5000, async () => ['a', 'c', 'd'].every((k) => ran.includes(k)))).toBe(true);
      expect(await within(1000, async () => (await states()).d === 'done')).toBe(true);
      expect(await states()).toEqual({ a: 'done', b: 'pending', c: 'done', d: 'done' });
      // Every lock a claim took was let go: only the other session's is held.
      const locks = await t.sql(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 7302 AND granted`);
      expect(locks).toHaveLength(1);
    } finally {
      await other.query(`SELECT pg_advisory_unlock_all()`);
      await other.release();
    }
    // Let go, b runs at the next poll (every 2 s), once.
    expect(await within(5000, async () => ran.includes('b'))).toBe(true);
    expect(ran.filter((k) => k === 'b')).toEqual(['b']);
    expect(ran.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('hands a batch handler the first due message of each claimed key in one call, the keys’ later ones one by one, all one by one when the batch fails, and a failed one alone on retry', async () => {
    const batches: { key: string; payload: unknown; attempt: number }[][] = [];
    const singles: { key: string; payload: unknown }[] = [];
    const handlers = t.app.get(OutboxHandlers);
    const bad = (p: unknown) => (p as { bad?: boolean }).bad === true;
    for (const topic of ['test.batch', 'test.batch-fails'])
      handlers.register<{ n: number; bad?: boolean }>({
        topic,
        batch: async (ms) => {
          batches.push(ms.map((m) => ({ key: m.key, payload: m.payload, attempt: m.attempt })));
          if (ms.some((m) => bad(m.payload))) throw new Error('one of them is bad');
        },
        handle: async (m) => {
          singles.push({ key: m.key, payload: m.payload });
          if (bad(m.payload)) throw new Error('bad alone');
        },
      });
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];
    const states = async (topic: string) =>
      (await t.sql(`SELECT key, state FROM outbox_message WHERE topic = $1 ORDER BY id`, [topic])).map((r: { key: string; state: string }) => `${r.key}:${r.state}`);

    // Five keys on at most OUTBOX_CONCURRENCY (2) workers: some claim holds several of them.
    await inTransaction(ds, systemCtx(), async (tx) => {
      for (const key of keys) await t.app.get(Outbox).enqueue(tx, 'test.batch', key, { n: 1 });
      await t.app.get(Outbox).enqueue(tx, 'test.batch', 'k1', { n: 2 });
    });
    expect(await within(5000, async () => (await states('test.batch')).every((s: string) => s.endsWith(':done')))).toBe(true);
    const batched = batches.flat();
    expect(batches.some((b) => b.length > 1)).toBe(true);
    // A key is in a batch call at most once, with its first message; its second runs alone, after it.
    for (const b of batches) expect(new Set(b.map((m) => m.key)).size).toBe(b.length);
    expect(batched.every((m) => (m.payload as { n: number }).n === 1)).toBe(true);
    expect([...batched, ...singles].map((m) => `${m.key}:${(m.payload as { n: number }).n}`).sort()).toEqual(['k1:1', 'k1:2', 'k2:1', 'k3:1', 'k4:1', 'k5:1']);
    expect(singles.map((m) => m.key)).toContain('k1');
    expect(batched.find((m) => m.key === 'k1') ?? singles.find((m) => m.key === 'k1')).toMatchObject({ key: 'k1', payload: { n: 1 } });

    // Batches with bad messages (three of five keys: a claim of three or more holds one): every
    // message of a failed batch runs alone instead; only the bad ones fail, and are retried alone.
    batches.length = 0;
    singles.length = 0;
    const badKeys = ['k1', 'k3', 'k5'];
    await inTransaction(ds, systemCtx(), async (tx) => {
      for (const key of keys) await t.app.get(Outbox).enqueue(tx, 'test.batch-fails', key, { n: 1, ...(badKeys.includes(key) ? { bad: true } : {}) });
    });
    expect(await within(15_000, async () => (await states('test.batch-fails')).join() === 'k1:dead,k2:done,k3:dead,k4:done,k5:dead')).toBe(true);
    const failed = batches.filter((b) => b.some((m) => badKeys.includes(m.key)));
    expect(failed.length).toBeGreaterThan(0);
    for (const m of failed.flat().filter((m) => !badKeys.includes(m.key))) expect(singles.filter((s) => s.key === m.key)).toHaveLength(1);
    for (const key of badKeys) expect(singles.filter((s) => s.key === key)).toHaveLength(MAX_ATTEMPTS);
    // A retry is never batched again: a bad key is in a batch at most once, on its first attempt
    // (batched again, it would fail the whole batch first on every attempt).
    expect(batches.flat().every((m) => m.attempt === 1)).toBe(true);
    for (const key of badKeys) expect(failed.flat().filter((m) => m.key === key).length).toBeLessThanOrEqual(1);
    expect(await t.sql(`SELECT DISTINCT attempts, last_error FROM outbox_message WHERE topic = 'test.batch-fails' AND state = 'dead'`)).toEqual([{ attempts: MAX_ATTEMPTS, last_error: 'bad alone' }]);
    await t.sql(`DELETE FROM outbox_message WHERE topic = 'test.batch-fails'`); // the health check below counts dead messages
  });

  it('runs a settling topic’s key once its burst has paused (or waited its longest), beside other topics, and at once when drained', async () => {
    const runs: { at: number; topic: string; ids: number }[] = [];
    const handlers = t.app.get(OutboxHandlers);
    const record = async (m: OutboxMessage) => void runs.push({ at: Date.now(), topic: m.topic, ids: m.ids.length });
    const QUIET_MS = 1500;
    const MAX_WAIT_MS = 2500;
    handlers.register({ topic: 'test.settles', coalesce: true, settle: { quietMs: QUIET_MS, maxWaitMs: 60_000 }, handle: record });
    handlers.register({ topic: 'test.never-quiet', coalesce: true, settle: { quietMs: 60_000, maxWaitMs: MAX_WAIT_MS }, handle: record });
    handlers.register({ topic: 'test.drained', coalesce: true, settle: { quietMs: 60_000, maxWaitMs: 600_000 }, handle: record });
    handlers.register({ topic: 'test.at-once', handle: record });
    const outbox = t.app.get(Outbox);
    const enqueue = (topic: string) => inTransaction(ds, systemCtx(), (tx) => outbox.enqueue(tx, topic, 'k', {}));
    const ran = (topic: string) => runs.filter((r) => r.topic === topic);

    // A burst: three messages 400 ms apart (each later one keeps the key waiting), and an unsettled topic's beside them.
    const firstAt = Date.now();
    await enqueue('test.never-quiet');
    let lastAt = 0;
    for (let i = 0; i < 3; i++) {
      if (i) await sleep(400);
      lastAt = Date.now();
      await enqueue('test.settles');
    }
    await enqueue('test.at-once');
    expect(await within(2000, async () => ran('test.at-once').length === 1)).toBe(true);
    expect(ran('test.settles')).toEqual([]);

    // Once quiet for QUIET_MS, one run for the whole burst (found by the next poll, every 2 s).
    expect(await within(QUIET_MS + 4000, async () => ran('test.settles').length > 0)).toBe(true);
    expect(ran('test.settles').map((r) => r.ids)).toEqual([3]);
    expect(ran('test.settles')[0].at - lastAt).toBeGreaterThanOrEqual(QUIET_MS);

    // A key that never goes quiet runs MAX_WAIT_MS after its oldest message.
    expect(await within(MAX_WAIT_MS + 4000, async () => ran('test.never-quiet').length > 0)).toBe(true);
    expect(ran('test.never-quiet')[0].at - firstAt).toBeGreaterThanOrEqual(MAX_WAIT_MS);
    // While its burst goes on, the next run waits MAX_WAIT_MS after the last one, not after the
    // oldest message: one written long ago (as those written during a long run are when it ends)
    // is not run at once, so a burst's runs do not follow one another back to back (30 s old:
    // older than MAX_WAIT_MS, not quiet for the topic's 60 s).
    await t.sql(`INSERT INTO outbox_message (topic, key, payload, created_at) VALUES ('test.never-quiet', 'k', '{}', now() - interval '30 seconds')`);
    await t.app.get(OutboxDispatcher).runOnce();
    expect(ran('test.never-quiet')).toHaveLength(1);
    expect(await within(MAX_WAIT_MS + 4000, async () => ran('test.never-quiet').length > 1)).toBe(true);
    expect(ran('test.never-quiet')[1].at - ran('test.never-quiet')[0].at).toBeGreaterThanOrEqual(MAX_WAIT_MS);

    // drain() is "everything done": it runs a settling key without waiting, and the key waits again afterwards.
    await enqueue('test.drained');
    await sleep(2500); // longer than the poll: left waiting
    expect(ran('test.drained')).toEqual([]);
    // Held back on purpose, it is settling on /health and /metrics, not pending (a stuck queue would be).
    const outboxHealth = async () => (await t.http.get('/health')).body.details.outbox;
    expect(await outboxHealth()).toMatchObject({ pending: 0, settling: 1 });
    const scraped = (await t.http.get('/metrics')).text;
    expect(scraped).toMatch(/torg_outbox_messages\{topic="test\.drained",state="settling"\} 1\n/);
    expect(scraped).toMatch(/torg_outbox_messages\{topic="test\.drained",state="pending"\} 0\n/);
    // A message of the topic waiting for a retry after a failure is pending: its failure holds it, not a burst.
    await t.sql(`INSERT INTO outbox_message (topic, key, payload, next_attempt_at) VALUES ('test.drained', 'retrying', '{}', now() + interval '1 hour')`);
    expect(await outboxHealth()).toMatchObject({ pending: 1, settling: 1 });
    await t.sql(`DELETE FROM outbox_message WHERE topic = 'test.drained' AND key = 'retrying'`);
    await t.app.get(OutboxDispatcher).drain('test.drained');
    expect(await outboxHealth()).toMatchObject({ pending: 0, settling: 0 });
    expect(ran('test.drained').map((r) => r.ids)).toEqual([1]);
    expect(await t.sql(`SELECT topic, state FROM outbox_message WHERE topic IN ('test.settles', 'test.never-quiet', 'test.drained') AND state <> 'done'`)).toEqual([]);
    await enqueue('test.drained');
    await sleep(2500);
    expect(ran('test.drained')).toHaveLength(1);
    await t.app.get(OutboxDispatcher).drain();
    expect(ran('test.drained')).toHaveLength(2);
  });

  it('keeps a settled key waiting while another topic’s message is due or running (a publish’s indexing goes first)', async () => {
    const runs: string[] = [];
    const handlers = t.app.get(OutboxHandlers);
    let release = () => undefined as void;
    const busy = new Promise<void>((r) => (release = r));
    handlers.register({ topic: 'test.busy', handle: async () => void (runs.push('busy started'), await busy, runs.push('busy done')) });
    handlers.register({ topic: 'test.yields', coalesce: true, settle: { quietMs: 300, maxWaitMs: 60_000 }, handle: async () => void runs.push('yields') });
    const outbox = t.app.get(Outbox);
    const enqueue = (topic: string) => inTransaction(ds, systemCtx(), (tx) => outbox.enqueue(tx, topic, 'k', {}));
    await enqueue('test.busy');
    expect(await within(2000, async () => runs.includes('busy started'))).toBe(true);
    await enqueue('test.yields');
    // Quiet for far longer than 300 ms, and a worker is free (two run): still waiting for the busy run.
    await sleep(4500);
    expect(runs).toEqual(['busy started']);
    release();
    // Then it runs, at the next poll.
    expect(await within(5000, async () => runs.includes('yields'))).toBe(true);
    expect(runs).toEqual(['busy started', 'busy done', 'yields']);
  });

  it('re-queues dead messages with the outbox-retry command, which then run again', async () => {
    failing = false;
    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
    expect(await runCli(['outbox-retry', 'x1'], config, (l) => lines.push(l), true)).toBe(64);
    expect(lines.pop()).toBe('outbox-retry takes message ids (whole numbers), not "x1"');
    expect(await runCli(['outbox-retry', '--topic', 'test.fails'], config, (l) => lines.push(l), true)).toBe(0);
    expect(lines.pop()).toBe('Re-queued 1 dead outbox message(s).');
    // This app's dispatcher finds it at its next poll (the command wakes no other process).
    expect(await within(5000, async () => (await message('test.fails')).state === 'done')).toBe(true);
    expect(calls.at(-1)!.row).toEqual({ attempts: 0, last_error: 'the receiver said no (attempt 3)', state: 'pending' });
    expect((await t.http.get('/health')).body).toMatchObject({ status: 'ok', details: { outbox: { status: 'up', pending: 0, settling: 0, dead: 0 } } });
  });

  it('leaves a process that does not run in the background (a CLI command) alone until it drains', async () => {
    const base = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
    const cli = await NestFactory.createApplicationContext(AppModule.forRoot({ ...base, outbox: { ...base.outbox, runsInBackground: false } }), { logger: ['error'] });
    try {
      const handled: string[] = [];
      // Only this process knows the topic, so only it could run the message.
      cli.get(OutboxHandlers).register({ topic: 'test.cli-only', handle: async (m) => void handled.push(m.key) });
      const cliDs = cli.get(DataSource);
      await inTransaction(cliDs, new RequestContext(undefined, cliDs.manager), (tx) => cli.get(Outbox).enqueue(tx, 'test.cli-only', 'k1', {}));
      await sleep(2500); // longer than the dispatcher's 2-second poll
      expect(handled).toEqual([]);
      expect((await message('test.cli-only')).state).toBe('pending');
      await cli.get(OutboxDispatcher).drain('test.cli-only');
      expect(handled).toEqual(['k1']);
      expect((await message('test.cli-only')).state).toBe('done');
    } finally {
      await cli.close();
    }
  });
});
