import { getIntrospectionQuery } from 'graphql';
import { Agent } from 'node:http';
import jwt from 'jsonwebtoken';
import type { Test } from 'supertest';
import { fixture } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const LIMIT = 4;
const DEV_SECRET = 'rate-limit-test-secret-of-32-characters!';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), JWT_DEV_SECRET: DEV_SECRET });
});
afterAll(() => t?.close());

const ME = '{ me { email } }';
const me = (token: string) => t.http.post('/graphql').set('Authorization', `Bearer ${token}`).send({ query: ME });

/** Requests from another loopback address (127.0.0.0/8 is all this machine): a caller with a budget of its own. */
function from(address: string) {
  const agent = new Agent({ localAddress: address });
  return {
    post: (path: string) => t.http.post(path).agent(agent),
    get: (path: string) => t.http.get(path).agent(agent),
  };
}

/** The headers README promises on a refusal, and the GraphQL error. */
function expectRefused(res: Awaited<Test>) {
  expect(res.status).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
  expect(res.headers['x-ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
}

/** n fragments, each spreading the next twice. */
const fragmentBomb = (n: number) =>
  'query { ...F0 }' + Array.from({ length: n - 1 }, (_, i) => ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('') + ` fragment F${n - 1} on Query { __typename }`;
const expiredToken = () => jwt.sign({ email: 'bestiller@nordby.example', exp: Math.floor(Date.now() / 1000) - 60 }, DEV_SECRET, { algorithm: 'HS256', subject: 'user:1', issuer: 'torg-dev' });

describe('rate limit per caller', () => {
  it('counts each signed-in caller on their own, answers 429 with Retry-After, and never limits /health or /metrics', async () => {
    // Two devLogins: the address has used 2 of its 4 (anonymous callers are counted by address).
    const buyer = await t.login('bestiller@nordby.example');
    const supplier = await t.login('katalog@kontorland.example');

    for (let i = 1; i <= LIMIT; i++) {
      const ok = await me(buyer);
      expect(ok.status).toBe(200);
      expect(ok.body.data.me.email).toBe('bestiller@nordby.example');
      expect(ok.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
      expect(Number(ok.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    }
    const limited = await me(buyer);
    expectRefused(limited);
    expect(limited.body.data).toBeUndefined();
    expect(limited.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.body.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.body.errors[0].message).toMatch(/Too many requests: try again in \d+ s/);
    // The same user from another address: still refused (counted by user, not address).
    expectRefused(await from('127.0.0.9').post('/graphql').set('Authorization', `Bearer ${buyer}`).send({ query: ME }));

    // Another caller from the same address has a budget of their own.
    for (let i = 0; i < LIMIT; i++) expect((await me(supplier)).status).toBe(200);
    // Uploads share the caller's budget; the refused one writes nothing.
    const agreementId = Object.values(t.world.agreements)[0];
    const [{ n: before }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_version');
    const upload = await t.http.post(`/agreements/${agreementId}/catalogue`).set('Authorization', `Bearer ${supplier}`).attach('file', fixture('kontor-good.csv'));
    expectRefused(upload);
    expect(upload.body).toEqual({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many requests: try again in \d+ s$/), retryAfterSeconds: expect.any(Number) });
    const [{ n: after }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_version');
    expect(after).toBe(before);

    for (let i = 0; i < LIMIT + 2; i++) {
      const health = await t.http.get('/health');
      expect(health.status).toBe(200);
      expect(health.headers['x-ratelimit-limit']).toBeUndefined();
      expect((await t.http.get('/metrics')).status).toBe(200);
    }

    // The address: two more anonymous devLogins, then it is refused too.
    const devLogin = () => t.gql(null, 'mutation { devLogin(email: "innkjoper@storby.example") { token } }');
    expect((await devLogin()).data.devLogin.token).toEqual(expect.any(String));
    expect((await devLogin()).data.devLogin.token).toEqual(expect.any(String));
    expect((await devLogin()).errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
  });

  // Each kind from an address of its own, so each starts with a full budget.
  const refusedBeforeAnyResolver: [string, string, (caller: ReturnType<typeof from>) => Test, (res: Awaited<Test>) => void][] = [
    [
      'a token that is not a JWT',
      '127.0.0.21',
      (c) => c.post('/graphql').set('Authorization', 'Bearer not-a-token').send({ query: ME }),
      (res) => expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED'),
    ],
    [
      'an expired token',
      '127.0.0.22',
      (c) => c.post('/graphql').set('Authorization', `Bearer ${expiredToken()}`).send({ query: ME }),
      (res) => expect(res.body.errors[0].message).toMatch(/jwt expired/),
    ],
    ['a syntax error', '127.0.0.23', (c) => c.post('/graphql').send({ query: '{ me { email' }), (res) => expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED')],
    ['an unknown field', '127.0.0.24', (c) => c.post('/graphql').send({ query: '{ nothingHere }' }), (res) => expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED')],
    ['{ __typename }', '127.0.0.25', (c) => c.post('/graphql').send({ query: '{ __typename }' }), (res) => expect(res.body.data).toEqual({ __typename: 'Query' })],
    ['{ __typename } by GET', '127.0.0.26', (c) => c.get('/graphql?query=%7B__typename%7D').set('Apollo-Require-Preflight', 'true'), (res) => expect(res.body.data).toEqual({ __typename: 'Query' })],
    ['the introspection query', '127.0.0.27', (c) => c.post('/graphql').send({ query: getIntrospectionQuery() }), (res) => expect(res.body.data.__schema.queryType.name).toBe('Query')],
    ['a refused fragment bomb', '127.0.0.28', (c) => c.post('/graphql').send({ query: fragmentBomb(30) }), (res) => expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT')],
    [
      'a refused deep query',
      '127.0.0.29',
      (c) => c.post('/graphql').send({ query: `{ ${'me { organisation { '.repeat(7)} id ${'} } '.repeat(7)} }` }),
      (res) => expect(res.body.errors[0].message).toMatch(/nested 15 levels deep/),
    ],
    [
      'an upload with a bad token',
      '127.0.0.30',
      (c) => c.post('/agreements/1/catalogue').set('Authorization', 'Bearer not-a-token').attach('file', fixture('kontor-good.csv')),
      (res) => expect(res.status).toBe(401),
    ],
  ];
  it.each(refusedBeforeAnyResolver)('counts %s against the caller’s address', async (_kind, address, send, check) => {
    const caller = from(address);
    for (let i = 1; i <= LIMIT; i++) {
      const res = await send(caller);
      check(res);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
    }
    const refused = await send(caller);
    expectRefused(refused);
    expect(refused.body.errors?.[0].extensions.code ?? refused.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('counts a signed-in caller’s refused queries against the user, not the address', async () => {
    const caller = from('127.0.0.41');
    const login = await caller.post('/graphql').send({ query: 'mutation { devLogin(email: "innkjoper@storby.example") { token } }' });
    const token = login.body.data.devLogin.token as string;
    const bomb = () =>
      caller
        .post('/graphql')
        .set('Authorization', `Bearer ${token}`)
        .send({ query: fragmentBomb(30) });
    for (let i = 1; i <= LIMIT; i++) expect((await bomb()).headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
    expectRefused(await bomb());
    // The address has used one request (the devLogin): an anonymous caller there is still served.
    const anonymous = await caller.post('/graphql').send({ query: '{ __typename }' });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 2));
  });
});
