import { startTestApp, TestApp } from './support/test-app';
import { fixture } from './support/fixtures';

const LIMIT = 4;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
afterAll(() => t?.close());

const ME = '{ me { email } }';
const me = (token: string) => t.http.post('/graphql').set('Authorization', `Bearer ${token}`).send({ query: ME });

describe('rate limit per caller', () => {
  it('counts each signed-in caller on their own, answers 429 with Retry-After, and never limits /health', async () => {
    // Two devLogins: the address has used 2 of its 4 (anonymous callers are counted by address).
    const buyer = await t.login('bestiller@nordby.example');
    const supplier = await t.login('katalog@kontorland.example');

    for (let i = 1; i <= LIMIT; i++) {
      const ok = await me(buyer);
      expect(ok.status).toBe(200);
      expect(ok.body.data.me.email).toBe('bestiller@nordby.example');
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
    }
    const limited = await me(buyer);
    expect(limited.status).toBe(429);
    expect(limited.body.data).toBeNull();
    expect(limited.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.body.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.body.errors[0].message).toMatch(/Too many requests: try again in \d+ s/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another caller from the same address has a budget of their own.
    for (let i = 1; i < LIMIT; i++) expect((await me(supplier)).status).toBe(200);
    expect((await me(supplier)).status).toBe(200);
    // Uploads share the caller's budget; the refused one writes nothing.
    const agreementId = Object.values(t.world.agreements)[0];
    const [{ n: before }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_version');
    const upload = await t.http.post(`/agreements/${agreementId}/catalogue`).set('Authorization', `Bearer ${supplier}`).attach('file', fixture('kontor-good.csv'));
    expect(upload.status).toBe(429);
    expect(upload.body.code).toBe('TOO_MANY_REQUESTS');
    expect(upload.headers['retry-after']).toBeDefined();
    const [{ n: after }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_version');
    expect(after).toBe(before);

    for (let i = 0; i < LIMIT + 2; i++) expect((await t.http.get('/health')).status).toBe(200);

    // The address: two more anonymous devLogins, then it is refused too.
    const devLogin = () => t.gql(null, 'mutation { devLogin(email: "innkjoper@storby.example") { token } }');
    expect((await devLogin()).data.devLogin.token).toEqual(expect.any(String));
    expect((await devLogin()).data.devLogin.token).toEqual(expect.any(String));
    expect((await devLogin()).errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
  });
});
