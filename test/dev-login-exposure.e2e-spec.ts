import jwt from 'jsonwebtoken';
import { TORG_CONFIG, TorgConfig } from '../src/platform/config/config';
import { startTestApp, TestApp } from './support/test-app';

/**
 * devLogin (and devClientToken) hands out any user (or machine client), so it exists only in an
 * explicit development run on the embedded database (and in tests). Against a real database (DATABASE_URL) it must not exist, whether
 * NODE_ENV says development or says nothing (the hostile tester's deployment said nothing).
 */
describe.each([
  ['NODE_ENV=development with DATABASE_URL', { NODE_ENV: 'development' }],
  ['no NODE_ENV with DATABASE_URL', { NODE_ENV: '' }],
])('%s', (_what, env) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(env); // startTestApp always sets DATABASE_URL
  });
  afterAll(() => t?.close());

  it('has no devLogin in the schema', async () => {
    expect(t.app.get<symbol, TorgConfig>(TORG_CONFIG).env).toBe('development');
    const res = await t.http.post('/graphql').send({ query: 'mutation { devLogin(email: "admin@torg.example") { token } }' });
    expect(res.status).toBeLessThan(500);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/Cannot query field "devLogin"/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('accepts no dev token, even one signed with the right secret', async () => {
    const { devJwtSecret } = t.app.get<symbol, TorgConfig>(TORG_CONFIG);
    const token = jwt.sign({ email: 'admin@torg.example', org: t.world.orgs.innkjop }, devJwtSecret, {
      algorithm: 'HS256',
      issuer: 'torg-dev',
      subject: `user:${t.world.users['admin@torg.example'].userId}`,
      expiresIn: 60,
    });
    const res = await t.gql(token, '{ me { email } }');
    expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lists no demo users (devUsers, for the web sign-in page, is not in the schema) and tells the web app there is no development sign-in', async () => {
    const res = await t.http.post('/graphql').send({ query: '{ devUsers { email } }' });
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/Cannot query field "devUsers"/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const web = await t.http.get('/web-config.json');
    expect(web.body).toEqual({ devLogin: false, oidc: null }); // no OIDC configured here either: the page says so
  });

  it('has no devClientToken either, and accepts no dev client token', async () => {
    const res = await t.http.post('/graphql').send({ query: 'mutation { devClientToken(clientId: "kontorland-erp") { token } }' });
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(/Cannot query field "devClientToken"/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const { devJwtSecret } = t.app.get<symbol, TorgConfig>(TORG_CONFIG);
    const token = jwt.sign({ client_id: 'kontorland-erp', org: t.world.orgs.kontorland }, devJwtSecret, {
      algorithm: 'HS256',
      issuer: 'torg-dev',
      subject: `client:${t.world.machineClients['kontorland-erp']}`,
      expiresIn: 60,
    });
    const call = await t.gql(token, '{ currentMachineClient { id } }');
    expect(call.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
