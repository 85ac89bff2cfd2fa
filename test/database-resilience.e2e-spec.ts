import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { createAgreement, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 13 §1, "upload pool deadlock": a burst of uploads from one supplier once took every
 * pool connection while waiting on the agreement lock, the lock holder needed one more, and
 * nothing timed out — every tenant (and /health) hung. These tests run the real app with a
 * pool of 4 connections.
 */

const SUPPLIER = 'katalog@kontorland.example';
const BUYER = 'bestiller@nordby.example';
const csv = (prefix: string, lines: number) =>
  Buffer.from(
    ['seller_item_id,name,unspsc,price,vat_rate,unit', ...Array.from({ length: lines }, (_, i) => `${prefix}-${i},Kopipapir ${prefix} ${i},14111507,${(10 + i / 100).toFixed(2)},25,PK`)].join('\n') +
      '\n',
  );

/** Polls /health until `stop()`; returns the slowest answer and every status seen. */
function watchHealth(t: TestApp) {
  let running = true;
  let slowest = 0;
  const statuses = new Set<number>();
  const done = (async () => {
    while (running) {
      const started = Date.now();
      const res = await t.http.get('/health');
      slowest = Math.max(slowest, Date.now() - started);
      statuses.add(res.status);
      expect(res.body.status).toMatch(/^(ok|degraded)$/);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { slowest, statuses };
    },
  };
}

const within = <T>(ms: number, what: string, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms).unref())]);

describe('a burst of uploads from one supplier (pool of 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '4', UPLOAD_CONCURRENCY: '2', DATABASE_ACQUIRE_TIMEOUT_MS: '5000' });
  });
  afterAll(() => t?.close());

  it('ends every upload with 201 or a clear 409/429/503 at once, /health answers within a second throughout, and the service works afterwards', async () => {
    const agreements = [await createAgreement(t), await createAgreement(t), await createAgreement(t)];
    const token = await t.login(SUPPLIER);
    await t.login(BUYER);
    const health = watchHealth(t);
    const started = Date.now();
    const uploads = Array.from({ length: 12 }, (_, i) =>
      t.http
        .post(`/agreements/${agreements[i % 3].id}/catalogue`)
        .set('Authorization', `Bearer ${token}`)
        .attach('file', csv(`B${i}`, 3000), `burst-${i}.csv`),
    );
    const answers = await within(60_000, 'the burst of uploads', Promise.all(uploads));
    const { slowest, statuses } = await health.stop();

    expect(answers.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of answers) {
      expect([201, 409, 429, 503]).toContain(r.status);
      if (r.status === 201) continue;
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
      const expected = { 409: 'CONFLICT', 429: 'TOO_MANY_REQUESTS', 503: 'SERVICE_UNAVAILABLE' }[r.status as 409 | 429 | 503];
      expect(r.body).toMatchObject({ code: expected, message: expect.stringMatching(/upload/) });
    }
    // Refused uploads are refused at once: the burst is over long before any timeout could fire.
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(slowest).toBeLessThan(1000);
    expect([...statuses]).toEqual([200]);
    // Nothing half-written: each accepted upload is one whole version, the refused ones left nothing.
    const versions = await t.sql('SELECT count(*)::int AS n, sum(item_count)::int AS items FROM catalogue_version WHERE agreement_id = ANY($1)', [agreements.map((a) => a.id)]);
    expect(versions[0]).toEqual({ n: answers.filter((r) => r.status === 201).length, items: 3000 * answers.filter((r) => r.status === 201).length });

    const search = await t.gql(await t.login(BUYER), '{ searchProducts(input: { text: "kopipapir", first: 5 }) { totalCount } }');
    expect(search.errors).toBeUndefined();
    expect(search.data.searchProducts.totalCount).toBeGreaterThan(0);
    const again = await upload(t, agreements[0].id, csv('AFTER', 10), 'after.csv');
    expect(again.status).toBe(201);
  });
});

describe('stalls end in a clear answer (statement timeout 1.5 s, acquire timeout 1.5 s)', () => {
  let t: TestApp;
  let side: Client;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '4', DATABASE_STATEMENT_TIMEOUT_MS: '1500', DATABASE_LOCK_TIMEOUT_MS: '10000', DATABASE_ACQUIRE_TIMEOUT_MS: '1500' });
    side = new Client({ connectionString: t.databaseUrl });
    await side.connect();
  });
  afterAll(async () => {
    await side?.end();
    await t?.close();
  });

  it('answers a read stalled behind a table lock with SERVICE_UNAVAILABLE once the statement timeout passes', async () => {
    const token = await t.login(BUYER);
    await side.query('BEGIN');
    await side.query('LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE');
    try {
      const started = Date.now();
      const stalled = t.http.post('/graphql').set('Authorization', `Bearer ${token}`).send({ query: '{ organisations(first: 5) { edges { node { name } } } }' });
      const answer = await within(10_000, 'the stalled query', Promise.resolve(stalled));
      // Over GraphQL too the stall is an HTTP 503 with Retry-After, not a 200 with an error inside.
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      const res = answer.body;
      expect(res.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/did not finish .* in the time one statement may take/),
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    } finally {
      await side.query('ROLLBACK');
    }
    const after = await t.gql(token, '{ organisations(first: 5) { edges { node { name } } } }');
    expect(after.errors).toBeUndefined();
  });

  it('refuses an upload to an agreement locked elsewhere at once (409), and a review step after the statement timeout (503)', async () => {
    const a = await createAgreement(t);
    const first = await upload(t, a.id, csv('L', 5), 'first.csv');
    expect(first.status).toBe(201);
    await side.query('BEGIN');
    await side.query('SELECT id FROM agreement WHERE id = $1 FOR UPDATE', [a.id]);
    try {
      const started = Date.now();
      const res = await upload(t, a.id, csv('M', 5), 'second.csv');
      expect(res.status).toBe(409);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.body).toMatchObject({
        code: 'CONFLICT',
        message: `A catalogue upload to agreement ${a.reference}, or a step in the review of its catalogue, is running; nothing was changed. Try again when it has finished`,
      });
      expect(Date.now() - started).toBeLessThan(1500); // NOWAIT: no waiting on the lock
      const submit = await t.gql(await t.login(SUPPLIER), SUBMIT, { id: first.body.version.id });
      expect(submit.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await side.query('ROLLBACK');
    }
    expect((await t.sql('SELECT count(*)::int AS n FROM catalogue_version WHERE agreement_id = $1', [a.id]))[0].n).toBe(1);
    expect((await t.gql(await t.login(SUPPLIER), SUBMIT, { id: first.body.version.id })).data.submitCatalogueVersion.status).toBe('SUBMITTED');
  });

  it('retries an upload that meets a serialization failure as a whole, counting each line once', async () => {
    const a = await createAgreement(t);
    // The first write of items in this database fails as a serialization failure would; the retry passes.
    await t.sql('CREATE SEQUENCE item_write_attempts');
    await t.sql(`CREATE FUNCTION fail_first_item_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('item_write_attempts') = 1 THEN RAISE EXCEPTION 'test: could not serialize' USING ERRCODE = 'serialization_failure'; END IF;
        RETURN NULL;
      END $$`);
    await t.sql('CREATE TRIGGER fail_first_item_write AFTER INSERT ON catalogue_item FOR EACH STATEMENT EXECUTE FUNCTION fail_first_item_write()');
    try {
      const res = await upload(t, a.id, csv('R', 5), 'retried.csv');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ lineCount: 5, problemCount: 0, version: { itemCount: 5 } });
      expect((await t.sql('SELECT last_value::int AS n FROM item_write_attempts'))[0].n).toBe(2); // it did fail once
      const audit = await t.sql(`SELECT data FROM audit_event WHERE action = 'catalogue.uploaded' AND entity_id = $1`, [String(res.body.version.id)]);
      expect(audit).toEqual([{ data: expect.objectContaining({ lines: 5, items: 5 }) }]);
    } finally {
      await t.sql('DROP TRIGGER fail_first_item_write ON catalogue_item');
    }
  });

  it('lets bulk work (an upload) wait past the short statement timeout: its limit is DATABASE_BULK_STATEMENT_TIMEOUT_MS', async () => {
    const a = await createAgreement(t);
    await side.query('BEGIN');
    await side.query('LOCK TABLE unspsc_node IN ACCESS EXCLUSIVE MODE'); // the upload looks its codes up there
    let unlocked = false;
    const unlock = new Promise((r) => setTimeout(r, 2500)).then(async () => {
      unlocked = true;
      await side.query('ROLLBACK');
    });
    const res = await upload(t, a.id, csv('W', 5), 'waits.csv');
    const answeredAfterUnlock = unlocked;
    await unlock;
    expect(res.status).toBe(201);
    expect(answeredAfterUnlock).toBe(true);
    expect(res.body.version.itemCount).toBe(5);
  });

  it('answers 503 when no pool connection comes free in time, while /health says why within a second', async () => {
    const token = await t.login(BUYER);
    const ds = t.app.get(DataSource);
    const held: QueryRunner[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const runner = ds.createQueryRunner();
        await runner.connect();
        held.push(runner);
      }
      const search = t.gql(token, '{ searchProducts(input: { text: "kopipapir", first: 5 }) { totalCount } }');
      await new Promise((r) => setTimeout(r, 200)); // the search now waits in the pool's queue
      const started = Date.now();
      const health = await t.http.get('/health');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'degraded',
        reason: expect.stringMatching(/^all 4 database connections are busy and \d+ request\(s\) wait for one$/),
        details: { database: { status: 'up', pool: { size: 4, exhausted: true } } },
      });
      const res = await within(10_000, 'the queued search', search);
      expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Every database connection is busy/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
    } finally {
      for (const r of held) await r.release();
    }
    expect((await t.http.get('/health')).status).toBe(200);
    const after = await t.gql(token, '{ searchProducts(input: { text: "kopipapir", first: 5 }) { totalCount } }');
    expect(after.errors).toBeUndefined();
  });
});
