import { startTestApp, TestApp } from './support/test-app';

/**
 * `Idempotency-Key` on GraphQL mutations (issue 15 §9), over HTTP against the real app: a retry
 * gets the first answer without running again, the key with another request is refused, two at
 * once run once, keys are per caller, queries ignore the header, and keys expire.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const ADMIN = 'okonomi@storby.example'; // ADMIN of Storby kommune (above Nordby skole)
const OTHER_ADMIN = 'admin@torg.example'; // ADMIN of the purchasing unit: another caller
const CREATE_CC = `mutation($i: CreateCostCentreInput!) { createCostCentre(input: $i) { __typename ... on CostCentre { id code name } ... on ErrorResult { errorCode message } } }`;

const user = (email: string) => t.world.users[email].userId;
let codes = 0;
/** A cost centre code no other test uses. */
const freshCode = () => `IDEM-${++codes}`;
const ccInput = (code: string, name = 'Idempotent') => ({ i: { organisationId: t.world.orgs.skole, code, name, ownerUserId: user('attestant@nordby.example') } });

async function post(email: string | null, key: string | undefined, body: Record<string, unknown>) {
  const req = t.http.post('/graphql').send(body);
  if (email) req.set('Authorization', `Bearer ${await t.login(email)}`);
  if (key !== undefined) req.set('Idempotency-Key', key);
  return req;
}
const createCc = (key: string | undefined, code: string, name?: string, email = ADMIN) => post(email, key, { query: CREATE_CC, variables: ccInput(code, name) });
const costCentres = async (code: string) => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM cost_centre WHERE code = $1', [code]))[0].n;
const keys = async (key: string) => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1', [key]))[0].n;

describe('Idempotency-Key on mutations', () => {
  it('runs the first request and answers a retry with the same answer, byte for byte, without running again', async () => {
    const code = freshCode();
    const first = await createCc('retry-1', code);
    expect(first.status).toBe(200);
    expect(first.body.data.createCostCentre).toMatchObject({ __typename: 'CostCentre', code });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await createCc('retry-1', code);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await costCentres(code)).toBe(1);
    // Without the key the same request runs again (and finds the code taken).
    const unkeyed = await createCc(undefined, code);
    expect(unkeyed.body.data.createCostCentre).toMatchObject({ __typename: 'DuplicateValueError' });
  });

  it('keeps an expected failure (a result-union error) and replays it', async () => {
    const code = freshCode();
    await createCc(undefined, code);
    const refused = await createCc('dup-1', code, 'Second');
    expect(refused.body.data.createCostCentre).toMatchObject({ __typename: 'DuplicateValueError', errorCode: 'DUPLICATE' });
    // The code is free again: a replay still says what the first request was told.
    await t.sql('DELETE FROM cost_centre WHERE code = $1', [code]);
    const again = await createCc('dup-1', code, 'Second');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(refused.text);
    expect(await costCentres(code)).toBe(0);
  });

  it('treats the same document in other whitespace, with its variables in another order, as the same request', async () => {
    const code = freshCode();
    const first = await createCc('same-1', code);
    const { i } = ccInput(code);
    const reordered = { ownerUserId: i.ownerUserId, name: i.name, code: i.code, organisationId: i.organisationId };
    const again = await post(ADMIN, 'same-1', { query: `# the same mutation\n${CREATE_CC.replace(/ \{ /g, '  {\n  ')}`, variables: { i: reordered } });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
  });

  it('refuses the key with a different request (422 IDEMPOTENCY_KEY_REUSED) and runs nothing', async () => {
    const code = freshCode();
    await createCc('reused-1', code);
    const other = freshCode();
    const res = await createCc('reused-1', other);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_REUSED' }, message: expect.stringContaining('different request') });
    expect(res.body.data).toBeUndefined();
    expect(await costCentres(other)).toBe(0);
  });

  it('runs two requests sent at once with the same key once: the other is told to retry (409) or gets the answer', async () => {
    const code = freshCode();
    const answers = await Promise.all(Array.from({ length: 6 }, () => createCc('concurrent-1', code)));
    expect(await costCentres(code)).toBe(1);
    const ran = answers.filter((a) => a.status === 200 && !a.headers['idempotent-replayed']);
    expect(ran).toHaveLength(1);
    expect(ran[0].body.data.createCostCentre).toMatchObject({ __typename: 'CostCentre', code });
    for (const a of answers) {
      if (a.status === 409) {
        expect(a.body.errors[0].extensions).toEqual({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS', retryAfterSeconds: 1 });
        expect(a.headers['retry-after']).toBe('1');
      } else {
        expect(a.status).toBe(200);
        expect(a.text).toBe(ran[0].text);
      }
    }
    // Once the first has finished, a retry gets its answer.
    const retry = await createCc('concurrent-1', code);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe(ran[0].text);
  });

  it('keeps each caller’s keys apart: another user with the same key runs their own request', async () => {
    const code = freshCode();
    const mine = await createCc('shared-key', code);
    const theirs = await post(OTHER_ADMIN, 'shared-key', { query: CREATE_CC, variables: { i: { code, name: 'Theirs', ownerUserId: user(OTHER_ADMIN) } } });
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.data.createCostCentre).toMatchObject({ __typename: 'CostCentre', code, name: 'Theirs' });
    expect(theirs.body.data.createCostCentre.id).not.toBe(mine.body.data.createCostCentre.id);
    expect(await costCentres(code)).toBe(2);
    expect(await keys('shared-key')).toBe(2);
    // Each replays their own.
    expect((await createCc('shared-key', code)).text).toBe(mine.text);
  });

  it('does not keep a server failure: a retry with the key runs again', async () => {
    const code = freshCode();
    // A fault inside the database that Torg does not expect: INTERNAL_SERVER_ERROR.
    await t.sql(`CREATE FUNCTION idem_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault' USING ERRCODE = 'XX000'; END $$`);
    await t.sql(`CREATE TRIGGER idem_fault BEFORE INSERT ON cost_centre FOR EACH ROW WHEN (NEW.code = '${code}') EXECUTE FUNCTION idem_fault()`);
    try {
      const failed = await createCc('fault-1', code);
      expect(failed.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await keys('fault-1')).toBe(0);
    } finally {
      await t.sql('DROP TRIGGER idem_fault ON cost_centre');
      await t.sql('DROP FUNCTION idem_fault()');
    }
    const retried = await createCc('fault-1', code);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body.data.createCostCentre).toMatchObject({ __typename: 'CostCentre', code });
    expect(await costCentres(code)).toBe(1);
    // The success is kept.
    expect((await createCc('fault-1', code)).text).toBe(retried.text);
  });

  it('lets a key be used afresh once it has expired (IDEMPOTENCY_TTL_HOURS)', async () => {
    const code = freshCode();
    await createCc('expiring-1', code);
    expect((await createCc('expiring-1', code)).headers['idempotent-replayed']).toBe('true');
    await t.sql(`UPDATE idempotency_key SET created_at = now() - interval '24 hours 1 minute' WHERE key = 'expiring-1'`);
    // Runs again: the code is taken now, which is the new answer (and the key now holds it).
    const again = await createCc('expiring-1', code);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.data.createCostCentre).toMatchObject({ __typename: 'DuplicateValueError' });
    // Expired, a different request may take the key too.
    await t.sql(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = 'expiring-1'`);
    const other = freshCode();
    expect((await createCc('expiring-1', other)).body.data.createCostCentre).toMatchObject({ __typename: 'CostCentre', code: other });
  });

  it('refuses an invalid key with 400 BAD_USER_INPUT and runs nothing', async () => {
    const code = freshCode();
    for (const bad of ['x'.repeat(201), 'two words', 'nøkkel']) {
      const res = await createCc(bad, code);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('Idempotency-Key') });
    }
    expect(await costCentres(code)).toBe(0);
  });

  it('is ignored on queries, and on mutations without a caller (devLogin)', async () => {
    const before = (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_key'))[0].n;
    const query = { query: '{ costCentres(organisationId: ' + t.world.orgs.skole + ') { totalCount } }' };
    const first = await post(ADMIN, 'query-key', query);
    expect(first.status).toBe(200);
    const second = await post(ADMIN, 'query-key', query);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.data.costCentres.totalCount).toBeGreaterThan(0);
    // An invalid key on a query is ignored as well.
    expect((await post(ADMIN, 'not valid', query)).status).toBe(200);
    const login = await post(null, 'login-key', { query: 'mutation { devLogin(email: "okonomi@storby.example") { token } }' });
    expect(login.body.data.devLogin.token).toEqual(expect.any(String));
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_key'))[0].n).toBe(before);
  });

  it('refuses a bad token with a key as it does without one', async () => {
    const res = await t.http
      .post('/graphql')
      .set('Authorization', 'Bearer not-a-jwt')
      .set('Idempotency-Key', 'bad-token-1')
      .send({ query: CREATE_CC, variables: ccInput(freshCode()) });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await keys('bad-token-1')).toBe(0);
  });
});
