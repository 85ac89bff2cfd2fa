import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { TORG_CONFIG, TorgConfig } from '../src/platform/config/config';
import { LocalOidcProvider } from './support/local-oidc';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Machine clients: a supplier's system calls Torg with client-credentials tokens (from the OIDC
 * provider; outside production from devClientToken), acting for its organisation with the roles
 * its ADMIN registered, through the same access rules as people.
 */
const REGISTER = `mutation($i: RegisterMachineClientInput!) { registerMachineClient(input: $i) {
  __typename ... on MachineClient { id clientId organisationId roles active createdBy } ... on ErrorResult { errorCode message } } }`;
const REVOKE = `mutation($id: Int!) { revokeMachineClient(id: $id) {
  __typename ... on MachineClient { id active revokedAt revokedBy } ... on ErrorResult { errorCode message } } }`;
const DEV_CLIENT_TOKEN = 'mutation($c: String, $o: Int) { devClientToken(clientId: $c, organisationId: $o) { token machineClient { id clientId organisationId roles } } }';
const GRANT = 'mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { userId } }';
const VERSIONS = 'query($a: Int!) { catalogueVersions(agreementId: $a) { edges { node { id status } } } }';
const CATALOGUE = join(__dirname, '..', 'catalogs', 'kontorland-kontorrekvisita.csv');

describe('machine clients, with dev tokens', () => {
  let t: TestApp;
  let kontorlandAdmin: string;
  let kontorlandAdminId: number;

  const devClientToken = async (which: { c?: string; o?: number }) => t.gql(null, DEV_CLIENT_TOKEN, which);
  const clientToken = async (clientId: string) => {
    const res = await devClientToken({ c: clientId });
    if (!res.data) throw new Error(`devClientToken ${clientId}: ${JSON.stringify(res.errors)}`);
    return res.data.devClientToken.token as string;
  };
  const upload = (token: string, agreementId: number) => t.http.post(`/agreements/${agreementId}/catalogue`).set('Authorization', `Bearer ${token}`).attach('file', CATALOGUE);
  const register = async (token: string, input: Record<string, unknown>) => await t.gql(token, REGISTER, { i: { name: 'Et system', roles: ['SUPPLIER_ADMIN'], ...input } });

  beforeAll(async () => {
    t = await startTestApp();
    const operator = await t.login('operator@torg.example');
    const granted = await t.gql(operator, GRANT, { i: { email: 'sjef@kontorland.example', name: 'Sjef Kontorland', organisationId: t.world.orgs.kontorland, roles: ['ADMIN'] } });
    kontorlandAdminId = granted.data.grantMembership.userId;
    kontorlandAdmin = await t.login('sjef@kontorland.example');
  });
  afterAll(() => t?.close());

  it('uploads a catalogue and reads its versions as its supplier, and the audit names the machine client', async () => {
    const token = await clientToken('kontorland-erp');
    const agreementId = t.world.agreements['2025-001'];
    const res = await upload(token, agreementId);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: { agreementId, status: 'DRAFT' }, problemCount: 0 });
    expect(res.body.version.itemCount).toBeGreaterThan(100);
    const versionId = res.body.version.id;

    const [stored] = await t.sql('SELECT created_by FROM catalogue_version WHERE id = $1', [versionId]);
    expect(stored.created_by).toBeNull(); // no person uploaded it
    const audit = await t.sql(`SELECT actor_user_id, actor_client_id, actor_org_id FROM audit_event WHERE action = 'catalogue.uploaded' AND entity_id = $1`, [String(versionId)]);
    expect(audit).toEqual([{ actor_user_id: null, actor_client_id: t.world.machineClients['kontorland-erp'], actor_org_id: t.world.orgs.kontorland }]);

    const versions = await t.gql(token, VERSIONS, { a: agreementId });
    expect(versions.errors).toBeUndefined();
    expect(versions.data.catalogueVersions.edges.map((e: { node: { id: number; status: string } }) => e.node)).toContainEqual({ id: versionId, status: 'DRAFT' });
    const submitted = await t.gql(token, 'mutation($v: Int!) { submitCatalogueVersion(versionId: $v) { ... on CatalogueVersion { status } } }', { v: versionId });
    expect(submitted.data.submitCatalogueVersion.status).toBe('SUBMITTED');
    const trail = await t.sql(`SELECT action, actor_client_id FROM audit_event WHERE entity_type = 'catalogue_version' AND entity_id = $1 ORDER BY id`, [String(versionId)]);
    expect(trail).toEqual([
      { action: 'catalogue.uploaded', actor_client_id: t.world.machineClients['kontorland-erp'] },
      { action: 'catalogue.submitted', actor_client_id: t.world.machineClients['kontorland-erp'] },
    ]);

    const who = await t.gql(token, '{ currentMachineClient { clientId organisationId roles active } }');
    expect(who.data.currentMachineClient).toEqual({ clientId: 'kontorland-erp', organisationId: t.world.orgs.kontorland, roles: ['SUPPLIER_ADMIN'], active: true });
    const me = await t.gql(token, '{ me { email } }');
    expect(me.errors![0]).toMatchObject({ message: expect.stringMatching(/machine client asks currentMachineClient/), extensions: { code: 'FORBIDDEN' } });
  });

  it('issues a dev token by client id or for an organisation with one active client, and for no other', async () => {
    const byOrg = await devClientToken({ o: t.world.orgs.medisinsk });
    expect(byOrg.data.devClientToken.machineClient).toEqual({
      id: t.world.machineClients['medisinsk-erp'],
      clientId: 'medisinsk-erp',
      organisationId: t.world.orgs.medisinsk,
      roles: ['SUPPLIER_ADMIN'],
    });
    const none = await devClientToken({ o: t.world.orgs.vestby });
    expect(none.errors![0]).toMatchObject({ message: `Organisation ${t.world.orgs.vestby} has no active machine client: its ADMIN registers one with registerMachineClient` });
    const unknown = await devClientToken({ c: 'nobody-erp' });
    expect(unknown.errors![0].message).toBe('No active machine client has client id "nobody-erp"');
    const elsewhere = await devClientToken({ c: 'kontorland-erp', o: t.world.orgs.medisinsk });
    expect(elsewhere.errors![0].message).toMatch(/does not act for organisation/);
  });

  it("keeps one supplier's client out of another supplier's agreements and catalogue versions", async () => {
    const token = await clientToken('kontorland-erp');
    const theirs = t.world.agreements['2025-002']; // Medisinsk Forsyning's
    const res = await upload(token, theirs);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const versions = await t.gql(token, VERSIONS, { a: theirs });
    expect(versions.errors![0].extensions!.code).toBe('NOT_FOUND');
    const [{ id: theirVersion }] = await t.sql('SELECT id FROM catalogue_version WHERE agreement_id = $1', [theirs]);
    const one = await t.gql(token, 'query($v: Int!) { catalogueVersion(id: $v) { id } }', { v: theirVersion });
    expect(one.errors![0].extensions!.code).toBe('NOT_FOUND');
    const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_version WHERE agreement_id = $1', [theirs]);
    expect(n).toBe(1); // nothing stored
  });

  it('holds a machine client to its roles: no buying, no publishing, no managing', async () => {
    const token = await clientToken('kontorland-erp');
    const agreement = await t.gql(
      token,
      'mutation { createAgreement(input: { supplierId: 1, reference: "X-1", title: "X", validFrom: "2026-01-01", validTo: "2026-12-31", participantIds: [], scope: ["14110000"], mandatory: false }) { id } }',
    );
    expect(agreement.errors![0]).toMatchObject({ message: 'This needs one of the roles PURCHASER in your organisation', extensions: { code: 'FORBIDDEN' } });
    const publish = await t.gql(token, 'mutation { publishCatalogueVersion(versionId: 1) { __typename } }');
    expect(publish.errors![0].extensions!.code).toBe('FORBIDDEN');
    const registered = await register(token, { organisationId: t.world.orgs.kontorland, clientId: 'sneaky' });
    expect(registered.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const grant = await t.gql(token, GRANT, { i: { email: 'x@kontorland.example', name: 'X', organisationId: t.world.orgs.kontorland, roles: ['SUPPLIER_ADMIN'] } });
    expect(grant.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await t.sql(`SELECT 1 FROM machine_client WHERE client_id = 'sneaky'`)).toEqual([]);
  });

  it("registering needs the ADMIN of the client's organisation (or above) or a platform operator, and machine roles only", async () => {
    const org = t.world.orgs.kontorland;
    const supplierStaff = await register(await t.login('katalog@kontorland.example'), { organisationId: org, clientId: 'k-staff' });
    expect(supplierStaff.errors![0]).toMatchObject({ message: 'This needs one of the roles ADMIN in your organisation, or a platform operator', extensions: { code: 'FORBIDDEN' } });
    const otherAdmin = await register(await t.login('admin@torg.example'), { organisationId: org, clientId: 'k-other' });
    expect(otherAdmin.errors![0]).toMatchObject({ message: expect.stringMatching(/managed by its ADMIN/), extensions: { code: 'FORBIDDEN' } });
    const admin = await register(kontorlandAdmin, { organisationId: org, clientId: 'k-admin', roles: ['SUPPLIER_ADMIN', 'ADMIN'] });
    expect(admin.errors![0]).toMatchObject({ message: expect.stringMatching(/ADMIN cannot be given to a machine client/), extensions: { code: 'BAD_USER_INPUT' } });
    const buyer = await register(await t.login('operator@torg.example'), { organisationId: t.world.orgs.skole, clientId: 'skole-erp', roles: ['REQUESTER'] });
    expect(buyer.errors![0].message).toMatch(/kind BUYER may hold only ACCOUNTS_PAYABLE/);
    const spaces = await register(kontorlandAdmin, { organisationId: org, clientId: 'has space' });
    expect(spaces.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const blankName = await register(kontorlandAdmin, { organisationId: org, clientId: 'k-blank', name: '   ' });
    expect(blankName.errors![0]).toMatchObject({ message: 'name must not be blank', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await t.sql(`SELECT client_id FROM machine_client WHERE client_id IN ('k-staff', 'k-other', 'k-admin', 'skole-erp', 'has space', 'k-blank')`)).toEqual([]);

    const ok = await register(kontorlandAdmin, { organisationId: org, clientId: 'k-pim', name: 'Kontorland PIM' });
    expect(ok.data.registerMachineClient).toEqual({
      __typename: 'MachineClient',
      id: expect.any(Number),
      clientId: 'k-pim',
      organisationId: org,
      roles: ['SUPPLIER_ADMIN'],
      active: true,
      createdBy: kontorlandAdminId,
    });
    const audit = await t.sql(`SELECT actor_user_id, actor_client_id, data FROM audit_event WHERE action = 'machine-client.registered' AND entity_id = $1`, [String(ok.data.registerMachineClient.id)]);
    expect(audit).toEqual([{ actor_user_id: kontorlandAdminId, actor_client_id: null, data: { clientId: 'k-pim', organisationId: org, roles: ['SUPPLIER_ADMIN'] } }]);
    const taken = await register(await t.login('operator@torg.example'), { organisationId: t.world.orgs.medisinsk, clientId: 'k-pim' });
    expect(taken.data.registerMachineClient).toMatchObject({ __typename: 'ClientIdTakenError', errorCode: 'CLIENT_ID_TAKEN' });

    const list = await t.gql(kontorlandAdmin, 'query($o: Int!) { machineClients(organisationId: $o) { totalCount edges { node { clientId } } } }', { o: org });
    expect(list.data.machineClients.edges.map((e: { node: { clientId: string } }) => e.node.clientId)).toEqual(['kontorland-erp', 'k-pim']);
    const peek = await t.gql(await t.login('admin@torg.example'), 'query($o: Int!) { machineClients(organisationId: $o) { totalCount } }', { o: org });
    expect(peek.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a revoked client from its next call on; only its managers revoke it; its id may be registered afresh', async () => {
    const registered = await register(kontorlandAdmin, { organisationId: t.world.orgs.kontorland, clientId: 'k-old' });
    const id = registered.data.registerMachineClient.id;
    const token = await clientToken('k-old');
    expect((await t.gql(token, '{ currentMachineClient { id } }')).data.currentMachineClient.id).toBe(id);

    const outsider = await t.gql(await t.login('admin@torg.example'), REVOKE, { id });
    expect(outsider.errors![0]).toMatchObject({ message: `Machine client ${id} was not found`, extensions: { code: 'NOT_FOUND' } });
    const revoked = await t.gql(kontorlandAdmin, REVOKE, { id });
    expect(revoked.data.revokeMachineClient).toMatchObject({ __typename: 'MachineClient', id, active: false, revokedBy: kontorlandAdminId });

    const after = await t.gql(token, '{ currentMachineClient { id } }');
    expect(after.errors![0]).toMatchObject({ message: expect.stringMatching(/^Machine client "k-old" was revoked on .*: Torg refuses its tokens$/), extensions: { code: 'UNAUTHENTICATED' } });
    const rest = await upload(token, t.world.agreements['2025-001']);
    expect(rest.status).toBe(401);
    expect(rest.body.message).toMatch(/revoked/);
    expect((await devClientToken({ c: 'k-old' })).errors![0].message).toBe('No active machine client has client id "k-old"');
    const again = await t.gql(kontorlandAdmin, REVOKE, { id });
    expect(again.data.revokeMachineClient).toMatchObject({ __typename: 'MachineClientRevokedError', errorCode: 'ALREADY_REVOKED' });
    expect(await t.sql(`SELECT actor_user_id FROM audit_event WHERE action = 'machine-client.revoked' AND entity_id = $1`, [String(id)])).toEqual([{ actor_user_id: kontorlandAdminId }]);

    const fresh = await register(kontorlandAdmin, { organisationId: t.world.orgs.kontorland, clientId: 'k-old' });
    expect(fresh.data.registerMachineClient).toMatchObject({ __typename: 'MachineClient', active: true });
    expect(fresh.data.registerMachineClient.id).not.toBe(id);
    // The old registration's tokens stay refused.
    expect((await t.gql(token, '{ currentMachineClient { id } }')).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('machine clients, with OIDC client-credentials tokens (production)', () => {
  const provider = new LocalOidcProvider();
  let t: TestApp;

  const call = async (token: string, query = '{ currentMachineClient { clientId organisationId } }') => {
    const res = await t.http.post('/graphql').set('Authorization', `Bearer ${token}`).send({ query });
    expect(res.status).toBeLessThan(500);
    return res.body as { data?: Record<string, any>; errors?: { message: string; extensions: { code: string } }[] };
  };

  beforeAll(async () => {
    await provider.start();
    t = await startTestApp({ NODE_ENV: 'production', ...provider.env(), PLATFORM_OPERATORS: 'drift@kommune.example' });
  });
  afterAll(async () => {
    await t?.close();
    provider.stop();
  });

  it('accepts a registered client by client_id (no subject needed, as from Maskinporten) or azp', async () => {
    const kontorland = { clientId: 'kontorland-erp', organisationId: t.world.orgs.kontorland };
    expect((await call(provider.sign({ client_id: 'kontorland-erp', scope: 'torg:catalogue' }))).data!.currentMachineClient).toEqual(kontorland);
    expect((await call(provider.sign({ azp: 'kontorland-erp' }, { subject: 'service-account-7f3a' }))).data!.currentMachineClient).toEqual(kontorland);
    // RFC 9068: a client-credentials token's subject is the client itself.
    const versions = await call(provider.sign({ client_id: 'kontorland-erp' }, { subject: 'kontorland-erp' }), `{ catalogueVersions(agreementId: ${t.world.agreements['2025-001']}) { totalCount } }`);
    expect(versions.data!.catalogueVersions.totalCount).toBe(1);
  });

  it('lets a machine client act for its own organisation only', async () => {
    const res = await t.http
      .post('/graphql')
      .set('Authorization', `Bearer ${provider.sign({ client_id: 'kontorland-erp' })}`)
      .set('X-Torg-Organisation', String(t.world.orgs.medisinsk))
      .send({ query: '{ currentMachineClient { id } }' });
    expect(res.body.errors[0]).toMatchObject({
      message: `Machine client "kontorland-erp" acts for organisation ${t.world.orgs.kontorland} only, not ${t.world.orgs.medisinsk}`,
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a client that is not registered, or revoked', async () => {
    const unknown = await call(provider.sign({ client_id: 'ukjent-erp' }));
    expect(unknown.errors![0]).toMatchObject({
      message: 'The token names no known Torg user, and its client "ukjent-erp" is not a registered machine client (an ADMIN of its organisation registers it with registerMachineClient)',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Revoked as revokeMachineClient does it (no person can sign in to this provider's test app to call it).
    await t.sql(`UPDATE machine_client SET revoked_at = now() WHERE client_id = 'datautstyr-erp'`);
    const revoked = await call(provider.sign({ client_id: 'datautstyr-erp' }));
    expect(revoked.errors![0]).toMatchObject({ message: expect.stringMatching(/^Machine client "datautstyr-erp" was revoked on /), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it("never takes a person's token for a machine client's", async () => {
    for (const claims of [
      { client_id: 'kontorland-erp', email: 'kari@kontorland.example', email_verified: true },
      { client_id: 'kontorland-erp', pid: '01017012345' },
    ]) {
      const res = await call(provider.sign(claims, { subject: 'person-at-kontorland' }));
      expect(res.errors![0]).toMatchObject({ message: 'The token names no known Torg user', extensions: { code: 'UNAUTHENTICATED' } });
    }
    // A Torg user stays that user whatever client the token was issued to.
    const linked = await call(provider.sign({ azp: 'kontorland-erp', email: 'katalog@kontorland.example', email_verified: true }, { subject: 'pid-kari' }), '{ me { email } }');
    expect(linked.data!.me.email).toBe('katalog@kontorland.example');
    const bySubjectOnly = await call(provider.sign({ azp: 'kontorland-erp' }, { subject: 'pid-kari' }), '{ me { email } }');
    expect(bySubjectOnly.data!.me.email).toBe('katalog@kontorland.example');
  });

  it("checks Maskinporten's consumer organisation against the client's", async () => {
    const own = await call(provider.sign({ client_id: 'kontorland-erp', consumer: { authority: 'iso6523-actorid-upis', ID: '0192:981000056' } }));
    expect(own.data!.currentMachineClient.clientId).toBe('kontorland-erp');
    const other = await call(provider.sign({ client_id: 'kontorland-erp', consumer: { authority: 'iso6523-actorid-upis', ID: '0192:982000068' } }));
    expect(other.errors![0]).toMatchObject({ message: expect.stringMatching(/consumer organisation 982000068 is not the organisation/), extensions: { code: 'UNAUTHENTICATED' } });
    const garbled = await call(provider.sign({ client_id: 'kontorland-erp', consumer: 'Kontorland' }));
    expect(garbled.errors![0].message).toMatch(/consumer claim names no Norwegian organisation number/);
  });

  it("refuses Torg's own client id (OIDC_AUDIENCE) as a machine client's", async () => {
    const admin = provider.sign({ email: 'admin@torg.example', email_verified: true }, { subject: 'pid-admin' });
    const res = await call(admin, `mutation { registerMachineClient(input: { organisationId: ${t.world.orgs.innkjop}, clientId: "torg", name: "x", roles: [PURCHASER] }) { __typename } }`);
    expect(res.errors![0]).toMatchObject({ message: `Client id "torg" is Torg's own (OIDC_AUDIENCE), not a machine client's`, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('issues no tokens of its own: no devClientToken, and a dev client token signed with the right secret is refused', async () => {
    const res = await t.gql(null, 'mutation { devClientToken(clientId: "kontorland-erp") { token } }');
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/Cannot query field "devClientToken"/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const config = t.app.get<symbol, TorgConfig>(TORG_CONFIG);
    expect(config.env).toBe('production');
    const forged = jwt.sign({ client_id: 'kontorland-erp', org: t.world.orgs.kontorland }, config.devJwtSecret, {
      algorithm: 'HS256',
      issuer: 'torg-dev',
      subject: `client:${t.world.machineClients['kontorland-erp']}`,
      expiresIn: 60,
    });
    expect((await call(forged)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
