import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { runCli } from '../src/cli';
import { loadConfig, TORG_CONFIG, TorgConfig } from '../src/platform/config/config';
import { startTestApp, TestApp } from './support/test-app';

/**
 * OIDC tokens an attacker can get signed by a real provider (any account there, any e-mail in
 * its profile), and a provider that misbehaves. Real RS256 tokens, verified against a JWKS served
 * over HTTP on loopback. The app runs as the tests do (NODE_ENV=test), but with OIDC configured.
 */
type JwksMode = 'ok' | 'hang-up' | 'error' | 'garbage';

const issuer = 'https://idporten.test.example';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let mode: JwksMode = 'ok';
let fetches = 0;
let server: Server;
let t: TestApp;
const OIDC_ENV = { NODE_ENV: 'test', OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'torg', PLATFORM_OPERATORS: 'drift@kommune.example' };

function startJwks(): Promise<string> {
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  server = createServer((req, res) => {
    fetches++;
    if (mode === 'hang-up') return req.socket.destroy();
    if (mode === 'error') {
      res.statusCode = 500;
      return res.end('internal error');
    }
    res.setHeader('content-type', 'application/json');
    res.end(mode === 'garbage' ? '{"keys": "not a list"' : JSON.stringify({ keys: [jwk] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`)));
}

const sign = (claims: Record<string, unknown>, opts: jwt.SignOptions = {}) =>
  jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: 'test-key', issuer, audience: 'torg', expiresIn: 300, ...opts });

async function me(token: string) {
  const res = await t.http.post('/graphql').set('Authorization', `Bearer ${token}`).send({ query: '{ me { email roles } }' });
  expect(res.status).toBeLessThan(500);
  return res.body as { data?: { me: { email: string; roles: string[] } }; errors?: { message: string; extensions: { code: string } }[] };
}

const subjectOf = async (email: string) => (await t.sql('SELECT external_subject FROM app_user WHERE email = $1', [email]))[0].external_subject;

beforeAll(async () => {
  const jwksUri = await startJwks();
  t = await startTestApp({ ...OIDC_ENV, OIDC_JWKS_URI: jwksUri });
});
afterAll(async () => {
  await t?.close();
  server?.close();
});

describe('first login links by e-mail only when the provider verified it', () => {
  it('refuses a token with the admin’s e-mail but no email_verified, and leaves the admin unlinked', async () => {
    for (const claims of [{ email: 'admin@torg.example' }, { email: 'admin@torg.example', email_verified: false }, { email: 'admin@torg.example', email_verified: 'true' }]) {
      const res = await me(sign(claims, { subject: `new-${randomUUID()}` }));
      expect(res.errors![0]).toMatchObject({ message: 'The token names no known Torg user', extensions: { code: 'UNAUTHENTICATED' } });
    }
    expect(await subjectOf('admin@torg.example')).toBeNull();
  });

  it('links a verified e-mail once; a second subject with the same verified e-mail cannot take the account over', async () => {
    const owner = await me(sign({ email: 'Admin@Torg.example', email_verified: true }, { subject: 'pid-owner' }));
    expect(owner.data!.me).toEqual({ email: 'admin@torg.example', roles: ['ADMIN', 'PURCHASER'] });
    expect(await subjectOf('admin@torg.example')).toBe('pid-owner');
    const intruder = await me(sign({ email: 'admin@torg.example', email_verified: true }, { subject: 'new' }));
    expect(intruder.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await subjectOf('admin@torg.example')).toBe('pid-owner');
    // The owner still gets in, by subject alone.
    expect((await me(sign({}, { subject: 'pid-owner' }))).data!.me.email).toBe('admin@torg.example');
  });
});

describe('claims every token must have', () => {
  it('refuses a token without exp', async () => {
    const token = jwt.sign({ email: 'bestiller@nordby.example', email_verified: true }, privateKey, { algorithm: 'RS256', keyid: 'test-key', issuer, audience: 'torg', subject: 'pid-no-exp' });
    const res = await me(token);
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/no expiry \(exp\)/), extensions: { code: 'UNAUTHENTICATED' } });
    expect(await subjectOf('bestiller@nordby.example')).toBeNull(); // nothing linked
  });

  it('refuses a token without an audience, or for another client', async () => {
    for (const token of [
      jwt.sign({ email: 'bestiller@nordby.example', email_verified: true }, privateKey, { algorithm: 'RS256', keyid: 'test-key', issuer, subject: 'pid-no-aud', expiresIn: 300 }),
      sign({ email: 'bestiller@nordby.example', email_verified: true }, { subject: 'pid-other-aud', audience: 'another-client' }),
    ]) {
      const res = await me(token);
      expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/audience/), extensions: { code: 'UNAUTHENTICATED' } });
    }
    expect(await subjectOf('bestiller@nordby.example')).toBeNull();
  });

  it('refuses a subject that is not a string', async () => {
    const res = await me(sign({ sub: { id: 1 }, email: 'bestiller@nordby.example', email_verified: true }));
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/subject/), extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('failures to get the signing key are 401, never 500', () => {
  const unknownKid = (kid: string) =>
    jwt.sign({ email: 'bestiller@sykehjem.example', email_verified: true }, privateKey, { algorithm: 'RS256', keyid: kid, issuer, audience: 'torg', subject: `pid-${kid}`, expiresIn: 300 });

  afterEach(() => {
    mode = 'ok';
  });

  it.each([
    ['an unknown key id', 'ok', /no signing key for key id "kid-unknown-ok" \(the provider publishes no such key\)/],
    ['the provider hanging up', 'hang-up', /no signing key for key id "kid-unknown-hang-up" \(the provider's keys could not be fetched\)/],
    ['the provider answering 500', 'error', /no signing key for key id "kid-unknown-error" \(the provider's keys could not be fetched\)/],
    ['the provider answering garbage', 'garbage', /no signing key for key id "kid-unknown-garbage" \(the provider's keys could not be fetched\)/],
  ] as const)('%s', async (_what, jwksMode, message) => {
    mode = jwksMode;
    const before = fetches;
    const res = await me(unknownKid(`kid-unknown-${jwksMode}`));
    expect(fetches).toBe(before + 1); // the provider was asked, and its failure reached the client as:
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('the client’s fetch limit (JwksRateLimitError) after many unknown key ids, while known keys keep working', async () => {
    const good = sign({ email: 'bestiller@sykehjem.example', email_verified: true }, { subject: 'pid-sykehjem' });
    expect((await me(good)).data!.me.email).toBe('bestiller@sykehjem.example'); // its key is now cached
    const messages: string[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await me(unknownKid(`kid-flood-${i}`));
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      messages.push(res.errors![0].message);
    }
    expect(messages.some((m) => /too many unknown key ids lately/.test(m))).toBe(true);
    // A fresh token with the known key still passes (its key comes from the cache, not the limited fetch).
    expect((await me(sign({}, { subject: 'pid-sykehjem', jwtid: 'fresh' }))).data!.me.email).toBe('bestiller@sykehjem.example');
  });
});

describe('with OIDC configured, Torg issues no tokens of its own, also in tests', () => {
  it('has no devLogin in the schema', async () => {
    const res = await t.gql(null, 'mutation { devLogin(email: "admin@torg.example") { token } }');
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/Cannot query field "devLogin"/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('refuses a dev token even when it is signed with the right secret', async () => {
    const config = t.app.get<symbol, TorgConfig>(TORG_CONFIG);
    const dev = jwt.sign({ email: 'admin@torg.example', org: t.world.orgs.innkjop }, config.devJwtSecret, {
      algorithm: 'HS256',
      issuer: 'torg-dev',
      subject: `user:${t.world.users['admin@torg.example'].userId}`,
      expiresIn: 60,
    });
    expect((await me(dev)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the first operator of a new installation', () => {
  const cli = async (...args: string[]) => {
    const lines: string[] = [];
    const config = loadConfig({ ...OIDC_ENV, OIDC_JWKS_URI: t.app.get<symbol, TorgConfig>(TORG_CONFIG).oidc!.jwksUri, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
    const code = await runCli(args, config, (l) => lines.push(l), true);
    return { code, text: lines.join('\n') };
  };

  it('refuses to let in an e-mail that is not in PLATFORM_OPERATORS, and writes nothing', async () => {
    const res = await cli('bootstrap-operator', 'admin@torg.example', '974760673', '--organisation-name', 'Drift');
    expect(res).toEqual({ code: 65, text: expect.stringMatching(/admin@torg.example is not in PLATFORM_OPERATORS \(drift@kommune.example\)/) });
    expect(await t.sql(`SELECT id FROM organisation WHERE org_number = '974760673'`)).toEqual([]);
  });

  it('gets a membership from the CLI, then signs in through OIDC as an operator and registers an organisation', async () => {
    const res = await cli('bootstrap-operator', 'drift@kommune.example', '974760673', '--organisation-name', 'Torg drift');
    expect(res).toEqual({ code: 0, text: 'drift@kommune.example can now sign in (through OIDC) as a platform operator of Torg drift (974760673).' });
    const token = sign({ email: 'drift@kommune.example', email_verified: true }, { subject: 'pid-drift' });
    const who = await t.gql(token, '{ me { roles platformOperator organisation { name kind } } }');
    expect(who.data.me).toEqual({ roles: [], platformOperator: true, organisation: { name: 'Torg drift', kind: 'PURCHASING_UNIT' } });
    const created = await t.gql(token, 'mutation { createOrganisation(input: { name: "Ny kommune", orgNumber: "911000016", kind: BUYER }) { name } }');
    expect(created).toEqual({ data: { createOrganisation: { name: 'Ny kommune' } } });
    // Running it again changes nothing.
    expect((await cli('bootstrap-operator', 'drift@kommune.example', '974760673')).text).toMatch(/member of Torg drift already/);
  });
});
