import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { runCli } from '../src/cli';
import { loadConfig } from '../src/platform/config/config';
import { createAgreement, publishFile } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** A stand-in OIDC provider on loopback: one RSA key, published as a JWKS. */
function startJwks(publicKey: KeyObject): Promise<{ server: Server; url: string }> {
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks` })));
}

describe('production: tokens from an OIDC provider (ID-porten style)', () => {
  const issuer = 'https://idporten.test.example';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let t: TestApp;
  let jwks: { server: Server; url: string };
  const sign = (claims: Record<string, unknown>, opts: jwt.SignOptions = {}) =>
    jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: 'test-key', issuer, audience: 'torg', expiresIn: 300, ...opts });

  beforeAll(async () => {
    jwks = await startJwks(publicKey);
    t = await startTestApp({ NODE_ENV: 'production', OIDC_ISSUER: issuer, OIDC_JWKS_URI: jwks.url, OIDC_AUDIENCE: 'torg', SEED_DEMO: 'false', PLATFORM_OPERATORS: 'operator@torg.example' });
  });
  afterAll(async () => {
    await t?.close();
    jwks?.server.close();
  });

  it('accepts a signed token, links the subject to the user by verified e-mail, and uses the subject afterwards', async () => {
    const first = await t.gql(sign({ email: 'bestiller@nordby.example', email_verified: true }, { subject: 'pid-01017012345' }), '{ me { email organisation { name } roles } }');
    expect(first.data.me).toEqual({ email: 'bestiller@nordby.example', organisation: { name: 'Nordby skole' }, roles: ['REQUESTER'] });
    const again = await t.gql(sign({}, { subject: 'pid-01017012345' }), '{ me { email } }');
    expect(again.data.me.email).toBe('bestiller@nordby.example');
  });

  it('refuses tokens with the wrong issuer, audience, key or expiry', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const tokens = [
      sign({ email: 'bestiller@nordby.example', email_verified: true }, { subject: 'x1', issuer: 'https://evil.example' }),
      sign({ email: 'bestiller@nordby.example', email_verified: true }, { subject: 'x2', audience: 'someone-else' }),
      jwt.sign({ email: 'bestiller@nordby.example', email_verified: true }, other, { algorithm: 'RS256', keyid: 'test-key', issuer, audience: 'torg', subject: 'x3' }),
      sign({ email: 'bestiller@nordby.example', email_verified: true }, { subject: 'x4', expiresIn: -60 }),
    ];
    for (const token of tokens) {
      const res = await t.gql(token, '{ me { email } }');
      expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('has no devLogin in production', async () => {
    const res = await t.gql(null, 'mutation { devLogin(email: "admin@torg.example") { token } }');
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(/Cannot query field "devLogin"/);
  });

  it('lets a member of several organisations choose one with X-Torg-Organisation', async () => {
    const operator = sign({ email: 'operator@torg.example', email_verified: true }, { subject: 'pid-operator' });
    const grant = await t.gql(operator, 'mutation($o: Int!) { grantMembership(input: { email: "attestant@nordby.example", name: "A", organisationId: $o, roles: [APPROVER] }) { userId } }', {
      o: t.world.orgs.sykehjem,
    });
    expect(grant.errors).toBeUndefined();
    const token = sign({ email: 'attestant@nordby.example', email_verified: true }, { subject: 'pid-attestant' });
    const ambiguous = await t.gql(token, '{ me { email } }');
    expect(ambiguous.errors![0].message).toMatch(/X-Torg-Organisation/);
    const res = await t.http
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Torg-Organisation', String(t.world.orgs.sykehjem))
      .send({ query: '{ me { organisation { name } roles } }' });
    expect(res.body.data.me).toEqual({ organisation: { name: 'Storby sykehjem' }, roles: ['APPROVER'] });
    const garbled = await t.http.post('/graphql').set('Authorization', `Bearer ${token}`).set('X-Torg-Organisation', 'sykehjem').send({ query: '{ me { email } }' });
    expect(garbled.body.errors[0]).toMatchObject({ message: 'X-Torg-Organisation must be an organisation id (a whole number)', extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('search-engine trouble never blocks catalogue work', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('publishes while the index cannot be written, records the failure, and catches up once it can', async () => {
    const a = await createAgreement(t, { participants: ['skole'], scope: ['44120000'] });
    // Break the projection: the engine's writes now fail.
    await t.sql('ALTER TABLE search_item RENAME TO search_item_away');
    let versionId: number;
    try {
      versionId = await publishFile(t, a.id, Buffer.from('seller_item_id,name,unspsc,price,vat_rate,unit\nR-1,Robusthetsblyant,44121706,5.00,25,EA\n'), 'r.csv');
    } finally {
      const [row] = await t.sql(`SELECT attempts, last_error, state FROM outbox_message WHERE topic = 'search.catalogue-changed' AND key = $1 ORDER BY id DESC LIMIT 1`, [String(a.id)]);
      await t.sql('ALTER TABLE search_item_away RENAME TO search_item');
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      expect(row.last_error).toMatch(/search_item/);
      expect(row.state).toBe('pending');
    }
    const [version] = await t.sql('SELECT status FROM catalogue_version WHERE id = $1', [versionId!]);
    expect(version.status).toBe('PUBLISHED');
    // Retry is due after the back-off; make it due now instead of waiting.
    await t.sql(`UPDATE outbox_message SET next_attempt_at = now() WHERE state = 'pending'`);
    await t.indexed();
    const res = await t.gql(await t.login('bestiller@nordby.example'), '{ searchProducts(input: { text: "robusthetsblyant" }) { totalCount } }');
    expect(res.data.searchProducts.totalCount).toBe(1);
  });

  it('rebuilds the index from the database with the reindex command', async () => {
    await t.sql('DELETE FROM search_item');
    const empty = await t.gql(await t.login('bestiller@nordby.example'), '{ searchProducts(input: { text: "kopipapir" }) { totalCount } }');
    expect(empty.data.searchProducts.totalCount).toBe(0);
    const lines: string[] = [];
    expect(await runCli(['reindex'], loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' }), (l) => lines.push(l), true)).toBe(0);
    expect(lines[0]).toMatch(/Reindexed \d+ items into the postgres engine/);
    const back = await t.gql(await t.login('bestiller@nordby.example'), '{ searchProducts(input: { text: "kopipapir" }) { totalCount } }');
    expect(back.data.searchProducts.totalCount).toBeGreaterThan(10);
  });
});
