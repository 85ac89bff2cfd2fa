import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  buildClientSchema,
  getIntrospectionQuery,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isObjectType,
  isUnionType,
  isInterfaceType,
} from 'graphql';
import jwt from 'jsonwebtoken';
import { ACCESS_RULE } from '../src/platform/auth/access.decorators';
import { TORG_CONFIG, TorgConfig } from '../src/platform/config/config';
import { startTestApp, TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** A value of the right type for a required argument, so the request reaches the guard. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isScalarType(type)) return ({ Int: 1, Float: 1, Boolean: false, String: 'x', ID: '1', Decimal: '1', JSON: {} } as Record<string, unknown>)[type.name] ?? 'x';
  return null;
}

function selection(type: GraphQLNamedType): string {
  return isObjectType(type) || isUnionType(type) || isInterfaceType(type) ? '{ __typename }' : '';
}

async function schema(): Promise<GraphQLSchema> {
  const res = await t.gql(null, getIntrospectionQuery());
  return buildClientSchema(res.data);
}

describe('deny by default', () => {
  const PUBLIC = new Set(['Mutation.devLogin', 'Mutation.devClientToken', 'Query.devUsers']);

  it('refuses every query and mutation without a token, except the public ones', async () => {
    const s = await schema();
    const operations = [s.getQueryType(), s.getMutationType()].filter((x): x is GraphQLObjectType => !!x);
    let walked = 0;
    for (const root of operations) {
      for (const field of Object.values(root.getFields())) {
        const id = `${root.name}.${field.name}`;
        if (PUBLIC.has(id)) continue;
        const required = field.args.filter((a) => isNonNullType(a.type));
        const defs = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
        const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
        const op = root.name === 'Query' ? 'query' : 'mutation';
        const named = (t2: any): GraphQLNamedType => (t2.ofType ? named(t2.ofType) : t2);
        const doc = `${op}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(named(field.type))} }`;
        const vars = Object.fromEntries(required.map((a) => [a.name, sample(a.type)]));
        const res = await t.gql(null, doc, vars);
        expect({ id, code: res.errors?.[0]?.extensions?.code }).toEqual({ id, code: 'UNAUTHENTICATED' });
        walked++;
      }
    }
    expect(walked).toBeGreaterThanOrEqual(15);
  });

  it('types every price as the Decimal scalar, never Float, and documents every public field', async () => {
    const s = await schema();
    const typeOf = (type: string, field: string) => (s.getType(type) as GraphQLObjectType).getFields()[field].type.toString();
    expect(typeOf('ProductHit', 'price')).toBe('Decimal!');
    expect(typeOf('CatalogueItem', 'price')).toBe('Decimal!');
    expect(typeOf('CatalogueItemChange', 'newPrice')).toBe('Decimal');
    const undocumented: string[] = [];
    for (const type of Object.values(s.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields())) if (!field.description) undocumented.push(`${type.name}.${field.name}`);
    }
    expect(undocumented).toEqual([]);
  });

  it('has an explicit access rule on every resolver operation and REST route', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const missing: string[] = [];
    let checked = 0;
    for (const wrapper of [...discovery.getProviders(), ...discovery.getControllers()]) {
      const instance = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const gqlType = Reflect.getMetadata('graphql:resolver_type', handler);
        const isOperation = gqlType === 'Query' || gqlType === 'Mutation';
        const isRoute = Reflect.getMetadata('path', handler) !== undefined && Reflect.getMetadata('method', handler) !== undefined;
        if (!isOperation && !isRoute) continue;
        checked++;
        if (!reflector.getAllAndOverride(ACCESS_RULE, [handler, instance.constructor])) missing.push(`${instance.constructor.name}.${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('refuses a forged, expired or malformed token', async () => {
    const forged = jwt.sign({ email: 'admin@torg.example', org: t.world.orgs.innkjop }, 'not-the-secret-not-the-secret-not-the-secret', { subject: 'user:1', issuer: 'torg-dev' });
    const expired = jwt.sign({ org: 1 }, 'x'.repeat(40), { subject: 'user:1', issuer: 'torg-dev', expiresIn: -10 });
    for (const token of [forged, expired, 'garbage']) {
      const res = await t.gql(token, '{ me { email } }');
      expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
    const res = await t.http.post('/graphql').set('Authorization', 'Basic abc').send({ query: '{ me { email } }' });
    expect(res.body.errors[0].message).toMatch(/Bearer <token>/);
  });

  it('refuses operations to callers without the role, with FORBIDDEN', async () => {
    const buyer = await t.login('bestiller@nordby.example');
    const res = await t.gql(buyer, 'mutation { createOrganisation(input: { name: "X", orgNumber: "974760673", kind: BUYER }) { id } }');
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(res.errors![0].message).toMatch(/platform operator/);
    const grant = await t.gql(buyer, 'mutation($o: Int!) { grantMembership(input: { email: "x@nordby.example", name: "X", organisationId: $o, roles: [REQUESTER] }) { userId } }', {
      o: t.world.orgs.skole,
    });
    expect(grant.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(grant.errors![0].message).toMatch(/ADMIN/);
  });

  it('refuses a dev token with no subject, an object subject or one beyond a PostgreSQL integer with 401, not 500', async () => {
    // Signed with the test run's own secret, so only the subject is wrong.
    const secret = t.app.get<symbol, TorgConfig>(TORG_CONFIG).devJwtSecret;
    const cases: [string, Record<string, unknown>][] = [
      ['no sub', {}],
      ['an object sub', { sub: { id: 1 } }],
      ['sub >= 2^31', { sub: 'user:99999999999' }],
      ['sub = 2^31', { sub: 'user:2147483648' }],
    ];
    for (const [what, payload] of cases) {
      const token = jwt.sign({ ...payload, org: t.world.orgs.skole }, secret, { algorithm: 'HS256', issuer: 'torg-dev', expiresIn: 60 });
      const res = await t.http.post('/graphql').set('Authorization', `Bearer ${token}`).send({ query: '{ me { email } }' });
      expect({ what, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ what, status: 200, code: 'UNAUTHENTICATED' }); // GraphQL answers 200 with the error's code
      expect(res.body.errors[0].message).toMatch(/subject must be "user:<id>" with an id from 1 to 2147483647/);
    }
    // The same over REST.
    const token = jwt.sign({ sub: 'user:99999999999' }, secret, { algorithm: 'HS256', issuer: 'torg-dev', expiresIn: 60 });
    const upload = await t.http.post(`/agreements/${t.world.agreements['2025-001']}/catalogue`).set('Authorization', `Bearer ${token}`).attach('file', Buffer.from('x'), 'x.csv');
    expect(upload.status).toBe(401);
  });
});

describe('identity', () => {
  it('devLogin gives a token for a seeded user, and me tells who that is', async () => {
    const login = await t.gql(null, 'mutation { devLogin(email: "bestiller@nordby.example") { token me { email roles organisation { name orgNumber kind } } } }');
    expect(login.data.devLogin.me).toEqual({ email: 'bestiller@nordby.example', roles: ['REQUESTER'], organisation: { name: 'Nordby skole', orgNumber: '911000024', kind: 'BUYER' } });
    const me = await t.gql(login.data.devLogin.token, '{ me { name organisation { id } } }');
    expect(me.data.me).toEqual({ name: 'Bjørn Bestiller', organisation: { id: t.world.orgs.skole } });
    const unknown = await t.gql(null, 'mutation { devLogin(email: "nobody@example.com") { token } }');
    expect(unknown.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('validates organisation numbers (mod 11) and says why', async () => {
    const admin = await t.login('operator@torg.example');
    const bad = await t.gql(admin, 'mutation { createOrganisation(input: { name: "Feil AS", orgNumber: "974760674", kind: SUPPLIER }) { id } }');
    expect(bad.errors![0]).toMatchObject({ message: 'orgNumber 974760674 has a wrong check digit (expected 3)', extensions: { code: 'BAD_USER_INPUT', field: 'orgNumber' } });
    const short = await t.gql(admin, 'mutation { createOrganisation(input: { name: "Feil AS", orgNumber: "12345", kind: SUPPLIER }) { id } }');
    expect(short.errors![0].message).toBe('orgNumber 12345 must be 9 digits');
    const ok = await t.gql(admin, 'mutation { createOrganisation(input: { name: "Brønnøysundregistrene", orgNumber: "974 760 673", kind: BUYER, parentId: null }) { orgNumber kind } }');
    expect(ok.data.createOrganisation).toEqual({ orgNumber: '974760673', kind: 'BUYER' });
    const dup = await t.gql(admin, 'mutation { createOrganisation(input: { name: "Igjen", orgNumber: "974760673", kind: BUYER }) { id } }');
    expect(dup.errors![0].extensions!.code).toBe('CONFLICT');
    const audit = await t.sql(`SELECT action, data->>'orgNumber' AS org FROM audit_event WHERE action = 'organisation.created' AND data->>'orgNumber' = '974760673'`);
    expect(audit).toEqual([{ action: 'organisation.created', org: '974760673' }]);
  });

  it('grants memberships with roles that fit the organisation kind', async () => {
    const admin = await t.login('operator@torg.example');
    const wrong = await t.gql(admin, 'mutation($o: Int!) { grantMembership(input: { email: "ny@kontorland.example", name: "Ny", organisationId: $o, roles: [REQUESTER] }) { userId } }', {
      o: t.world.orgs.kontorland,
    });
    expect(wrong.errors![0].message).toMatch(/REQUESTER do not fit an organisation of kind SUPPLIER/);
    const badEmail = await t.gql(admin, 'mutation($o: Int!) { grantMembership(input: { email: "not-an-email", name: "Ny", organisationId: $o, roles: [SUPPLIER_ADMIN] }) { userId } }', {
      o: t.world.orgs.kontorland,
    });
    expect(badEmail.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const ok = await t.gql(admin, 'mutation($o: Int!) { grantMembership(input: { email: "Ny@Kontorland.example", name: "Ny", organisationId: $o, roles: [SUPPLIER_ADMIN] }) { email roles } }', {
      o: t.world.orgs.kontorland,
    });
    expect(ok.data.grantMembership).toEqual({ email: 'ny@kontorland.example', roles: ['SUPPLIER_ADMIN'] });
  });

  it('pages through organisations with cursors', async () => {
    const token = await t.login('bestiller@nordby.example');
    const first = await t.gql(token, '{ organisations(first: 3, filter: { kind: BUYER }) { totalCount pageInfo { hasNextPage endCursor } edges { node { name kind } } } }');
    const page1 = first.data.organisations;
    expect(page1.edges).toHaveLength(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql(token, 'query($a: String) { organisations(first: 3, after: $a, filter: { kind: BUYER }) { edges { node { name } } } }', { a: page1.pageInfo.endCursor });
    const names = [...page1.edges, ...next.data.organisations.edges].map((e: any) => e.node.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Vestby kommune');
    const tooMany = await t.gql(token, '{ organisations(first: 1000) { totalCount } }');
    expect(tooMany.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('agreements', () => {
  const CREATE = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id reference mandatory inForce supplier { name } participants { name } scope { code title } } }`;
  const input = (over: Record<string, unknown> = {}) => ({
    supplierId: t.world.orgs.kontorland,
    reference: `A-${Math.random().toString(36).slice(2, 8)}`,
    title: 'Skrivesaker',
    validFrom: '2025-01-01',
    validTo: '2028-12-31',
    participantIds: [t.world.orgs.skole],
    scope: ['44121700'],
    mandatory: true,
    ...over,
  });

  it('lets a purchaser create one and audits it', async () => {
    const res = await t.gql(await t.login('innkjoper@storby.example'), CREATE, { i: input({ reference: 'A-OK-1' }) });
    expect(res.data.createAgreement).toMatchObject({
      reference: 'A-OK-1',
      mandatory: true,
      inForce: true,
      supplier: { name: 'Kontorland AS' },
      participants: [{ name: 'Nordby skole' }],
      scope: [{ code: '44121700', title: 'Writing instruments' }],
    });
    const audit = await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'agreement.created' AND entity_id = $1`, [String(res.data.createAgreement.id)]);
    expect(audit[0].n).toBe(1);
  });

  it.each([
    ['an unknown scope code', { scope: ['44129998'] }, /Unknown UNSPSC code\(s\) in scope: 44129998/],
    ['a malformed scope code', { scope: ['4412'] }, /8-digit UNSPSC code/],
    ['a supplier that is a buyer', { supplierId: 0 }, /is not a supplier/],
    ['dates the wrong way round', { validFrom: '2027-01-01', validTo: '2026-01-01' }, /validTo 2026-01-01 is before validFrom 2027-01-01/],
    ['an impossible date', { validFrom: '2025-02-30' }, /validFrom/],
    ['a year 0 (PostgreSQL would read it as 1 BC)', { validFrom: '0000-01-01' }, /validFrom must be YYYY-MM-DD, years 1000–2999/],
    ['a supplier as participant', { participantIds: [0] }, /Participants must be buyer organisations/],
  ])('refuses %s with BAD_USER_INPUT', async (_what, over, message) => {
    const patched: Record<string, unknown> = { ...over };
    if (patched.supplierId === 0) patched.supplierId = t.world.orgs.skole;
    if (Array.isArray(patched.participantIds) && patched.participantIds[0] === 0) patched.participantIds = [t.world.orgs.medisinsk];
    const res = await t.gql(await t.login('innkjoper@storby.example'), CREATE, { i: input(patched) });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(message);
  });

  it('refuses a duplicate reference with CONFLICT, and buyers with FORBIDDEN', async () => {
    const purchaser = await t.login('innkjoper@storby.example');
    await t.gql(purchaser, CREATE, { i: input({ reference: 'A-DUP' }) });
    const dup = await t.gql(purchaser, CREATE, { i: input({ reference: 'A-DUP' }) });
    expect(dup.errors![0].extensions!.code).toBe('CONFLICT');
    const buyer = await t.gql(await t.login('attestant@nordby.example'), CREATE, { i: input() });
    expect(buyer.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('shows an agreement to its parties only', async () => {
    const id = t.world.agreements['2025-002'];
    const q = `query($id: Int!) { agreement(id: $id) { reference } }`;
    expect((await t.gql(await t.login('bestiller@sykehjem.example'), q, { id })).data.agreement.reference).toBe('2025-002');
    expect((await t.gql(await t.login('katalog@medisinsk.example'), q, { id })).data.agreement.reference).toBe('2025-002');
    expect((await t.gql(await t.login('bestiller@vestby.example'), q, { id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(await t.login('katalog@kontorland.example'), q, { id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    const list = await t.gql(await t.login('bestiller@nordby.example'), '{ agreements(inForceOnly: true) { totalCount edges { node { reference } } } }');
    const refs = list.data.agreements.edges.map((e: any) => e.node.reference);
    expect(refs).toEqual(expect.arrayContaining(['2025-001', '2025-003']));
    expect(refs).not.toContain('2025-002');
    expect(refs).not.toContain('2021-007');
  });
});

describe('operations endpoints', () => {
  it('reports health with the database, search engine and outbox', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      details: {
        database: { status: 'up', pool: expect.objectContaining({ exhausted: false }) },
        search: { engine: 'postgres', status: 'up' },
        outbox: { status: 'up', pending: 0, settling: 0, dead: 0 },
      },
    });
  });

  it('names a path that does not exist NOT_FOUND, with status 404', async () => {
    const res = await t.http.get('/no-such-path');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('exposes Prometheus metrics, including catalogue uploads and searches', async () => {
    await t.gql(await t.login('bestiller@nordby.example'), '{ searchProducts(input: { text: "penn" }) { totalCount } }');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/torg_catalogue_uploads_total\{format="csv",outcome="accepted"\} \d+/);
    expect(res.text).toMatch(/torg_search_duration_seconds_count\{engine="postgres"\} [1-9]/);
    expect(res.text).toMatch(/torg_process_resident_memory_bytes/);
  });

  it('serves the GraphQL IDE (GraphiQL, from Torg itself) to browsers outside production', async () => {
    const res = await t.http.get('/graphql').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('/graphql-ide/graphiql.js');
  });

  it('refuses over-deep queries before running them', async () => {
    const deep = '{ me { organisation { id } } ' + '}';
    expect((await t.gql(await t.login('bestiller@nordby.example'), deep)).errors).toBeUndefined();
    const nested = `{ unspscNode(code: "44000000") { ${'children { edges { node { '.repeat(5)} code ${'} } }'.repeat(5)} } }`;
    const res = await t.gql(await t.login('bestiller@nordby.example'), nested);
    expect(res.errors![0].message).toMatch(/nested \d+ levels deep; at most 12/);
  });

  it('refuses lists of lists whose estimated cost is too high, page sizes given as variables too', async () => {
    const token = await t.login('bestiller@nordby.example');
    const nested = `query($n: Int!) { unspscNode(code: "44000000") { ${'children(first: $n) { edges { node { '.repeat(3)} code title ${'} } }'.repeat(3)} } }`;
    const small = await t.gql(token, nested, { n: 5 });
    expect(small.errors).toBeUndefined();
    expect(small.data.unspscNode.children.edges.length).toBeGreaterThan(0);
    const res = await t.http
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: nested, variables: { n: 100 } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/estimated cost is \d+; at most 20000/);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.data).toBeUndefined();
    // The same text again: small pages still pass, large ones are still refused.
    expect((await t.gql(token, nested, { n: 5 })).errors).toBeUndefined();
    expect((await t.gql(token, nested, { n: 100 })).errors![0].message).toMatch(/estimated cost/);
  });
});
