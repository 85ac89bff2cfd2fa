import { DemoOrgKey } from '../src/seed/demo-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Every identity mutation (createOrganisation, grantMembership) as each role of each kind of
 * organisation, against each kind of target. The rule (src/identity/identity-permissions.ts):
 * a platform operator may do all of it; an ADMIN grants roles in its own organisation and those
 * below it; nobody else changes anything, and a refusal leaves the database as it was.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // The actors, set up as a platform operator would.
  const operator = await t.login('operator@torg.example');
  for (const a of ACTORS.filter((x) => !x.operator)) {
    const res = await t.gql(operator, GRANT, { i: { email: a.email, name: a.label, organisationId: t.world.orgs[a.org], roles: a.roles } });
    if (res.errors) throw new Error(`setting up ${a.label}: ${JSON.stringify(res.errors)}`);
  }
});
afterAll(() => t?.close());

type Role = 'ADMIN' | 'PURCHASER' | 'APPROVER' | 'REQUESTER' | 'SUPPLIER_ADMIN';
interface Actor {
  label: string;
  email: string;
  org: DemoOrgKey;
  roles: Role[];
  operator?: boolean;
}

/** Which organisations are below which in the demo world: Nordby skole and Storby sykehjem are under Storby kommune. */
const PARENT: Partial<Record<DemoOrgKey, DemoOrgKey>> = { skole: 'kommune', sykehjem: 'kommune' };
const selfAndAbove = (org: DemoOrgKey): DemoOrgKey[] => [org, ...(PARENT[org] ? selfAndAbove(PARENT[org]) : [])];

const ROLES_OF: Record<'buyer' | 'unit' | 'supplier', Role[]> = {
  buyer: ['ADMIN', 'PURCHASER', 'APPROVER', 'REQUESTER'],
  unit: ['ADMIN', 'PURCHASER', 'APPROVER', 'REQUESTER'],
  supplier: ['ADMIN', 'SUPPLIER_ADMIN'],
};
const ORGS: { org: DemoOrgKey; what: string; kind: keyof typeof ROLES_OF }[] = [
  { org: 'kommune', what: 'parent buyer (Storby kommune)', kind: 'buyer' },
  { org: 'skole', what: 'child buyer (Nordby skole)', kind: 'buyer' },
  { org: 'vestby', what: 'buyer (Vestby kommune)', kind: 'buyer' },
  { org: 'innkjop', what: 'purchasing unit', kind: 'unit' },
  { org: 'kontorland', what: 'supplier', kind: 'supplier' },
];
const ACTORS: Actor[] = [
  ...ORGS.flatMap(({ org, what, kind }) => ROLES_OF[kind].map((role) => ({ label: `${role} of ${what}`, email: `${role.toLowerCase()}.${org}@actors.example`, org, roles: [role] }))),
  { label: 'platform operator', email: 'operator@torg.example', org: 'innkjop', roles: [], operator: true },
];

/** Targets of grantMembership: every kind of organisation, seen from every actor. */
const TARGETS: { org: DemoOrgKey; role: Role }[] = [
  { org: 'kommune', role: 'REQUESTER' },
  { org: 'skole', role: 'REQUESTER' },
  { org: 'sykehjem', role: 'REQUESTER' },
  { org: 'vestby', role: 'REQUESTER' },
  { org: 'innkjop', role: 'PURCHASER' },
  { org: 'kontorland', role: 'SUPPLIER_ADMIN' },
];

const GRANT = 'mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { email roles organisation { id } } }';
const CREATE = 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id parentId } }';

/** Everything an identity mutation could change, as one comparable value. */
async function identityState(): Promise<unknown> {
  const [row] = await t.sql(`SELECT
    (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM organisation x) AS organisations,
    (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM app_user x) AS users,
    (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM membership x) AS memberships,
    (SELECT count(*)::int FROM audit_event) AS audit_events`);
  return row;
}

let nextOrgNumber = 70_000_000;
/** A fresh organisation number that passes the mod-11 check. */
function orgNumber(): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const base = String(nextOrgNumber++);
    const r = weights.reduce((a, w, i) => a + w * Number(base[i]), 0) % 11;
    const check = r === 0 ? 0 : 11 - r;
    if (check !== 10) return base + check;
  }
}

let caseNo = 0;
async function expectRefusedAndUnchanged(token: string, query: string, input: Record<string, unknown>) {
  const before = await identityState();
  const res = await t.gql(token, query, { i: input });
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(res.data?.grantMembership ?? res.data?.createOrganisation ?? null).toBeNull();
  expect(await identityState()).toEqual(before);
  return res.errors![0].message;
}

describe('identity mutations, by role and kind of organisation', () => {
  describe.each(ACTORS.map((a) => [a.label, a] as const))('as %s', (_label, actor) => {
    const managesTarget = (target: DemoOrgKey) => !!actor.operator || (actor.roles.includes('ADMIN') && selfAndAbove(target).includes(actor.org));

    it.each(TARGETS.map((x) => [x.org, managesTarget(x.org) ? 'allowed' : 'FORBIDDEN', x] as const))('grantMembership in %s: %s', async (_org, _outcome, target) => {
      const token = await t.login(actor.email);
      const email = `granted-${++caseNo}@cases.example`;
      const input = { email, name: 'Ny', organisationId: t.world.orgs[target.org], roles: [target.role] };
      if (managesTarget(target.org)) {
        const res = await t.gql(token, GRANT, { i: input });
        expect(res.errors).toBeUndefined();
        expect(res.data.grantMembership).toEqual({ email, roles: [target.role], organisation: { id: t.world.orgs[target.org] } });
        const stored = await t.sql('SELECT m.roles FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1 AND m.organisation_id = $2', [email, t.world.orgs[target.org]]);
        expect(stored).toEqual([{ roles: [target.role] }]);
      } else {
        await expectRefusedAndUnchanged(token, GRANT, input);
      }
    });

    const outcome = actor.operator ? 'allowed' : 'FORBIDDEN';
    it.each([
      ['a top-level buyer', outcome, undefined],
      ['a buyer under Storby kommune', outcome, 'kommune'],
      ['a buyer under its own organisation', outcome, actor.org],
    ] as const)('createOrganisation of %s: %s', async (_what, _outcome, parent) => {
      const token = await t.login(actor.email);
      const input = { name: `Ny organisasjon ${++caseNo}`, orgNumber: orgNumber(), kind: 'BUYER', parentId: parent ? t.world.orgs[parent] : null };
      if (actor.operator) {
        const res = await t.gql(token, CREATE, { i: input });
        expect(res.errors).toBeUndefined();
        expect(res.data.createOrganisation.parentId).toBe(input.parentId);
      } else {
        expect(await expectRefusedAndUnchanged(token, CREATE, input)).toMatch(/platform operator/);
      }
    });
  });

  it('covers every identity mutation in the schema', async () => {
    const res = await t.gql(null, '{ __schema { mutationType { fields { name type { name ofType { name } } } } } }');
    const identityMutations = res.data.__schema.mutationType.fields
      .filter((f: any) => ['Organisation', 'Me', 'AuthPayload'].includes(f.type.name ?? f.type.ofType?.name))
      .map((f: any) => f.name)
      .sort();
    // devLogin is the public test door (see dev-login.e2e-spec.ts); the others are covered above.
    expect(identityMutations).toEqual(['createOrganisation', 'devLogin', 'grantMembership']);
  });
});

describe('the attacks from the hostile test, replayed', () => {
  const VESTBY_ADMIN = 'admin.vestby@actors.example';

  it('an ADMIN of Vestby kommune can neither grant itself roles elsewhere, nor demote a purchaser, nor create an organisation under Storby kommune', async () => {
    const admin = await t.login(VESTBY_ADMIN);
    const self = { email: VESTBY_ADMIN, name: 'Vestby admin' };
    await expectRefusedAndUnchanged(admin, GRANT, { ...self, organisationId: t.world.orgs.innkjop, roles: ['PURCHASER'] });
    await expectRefusedAndUnchanged(admin, GRANT, { ...self, organisationId: t.world.orgs.kontorland, roles: ['SUPPLIER_ADMIN'] });
    await expectRefusedAndUnchanged(admin, GRANT, { email: 'innkjoper@storby.example', name: 'I', organisationId: t.world.orgs.innkjop, roles: ['REQUESTER'] });
    await expectRefusedAndUnchanged(admin, CREATE, { name: 'Snylteskole', orgNumber: orgNumber(), kind: 'BUYER', parentId: t.world.orgs.kommune });
    const purchaser = await t.gql(await t.login('innkjoper@storby.example'), '{ me { roles organisation { name } } }');
    expect(purchaser.data.me).toEqual({ roles: ['PURCHASER'], organisation: { name: 'Storby innkjøpssenter' } });
  });

  it('an ADMIN cannot pull another organisation’s user into its own; a parent’s ADMIN can take in a child’s user', async () => {
    const vestby = await t.login(VESTBY_ADMIN);
    const message = await expectRefusedAndUnchanged(vestby, GRANT, { email: 'innkjoper@storby.example', name: 'I', organisationId: t.world.orgs.vestby, roles: ['REQUESTER'] });
    expect(message).toMatch(/innkjoper@storby.example belongs to organisation \d+, which you do not manage/);
    const kommune = await t.login('admin.kommune@actors.example');
    const ok = await t.gql(kommune, GRANT, { i: { email: 'bestiller@nordby.example', name: 'B', organisationId: t.world.orgs.kommune, roles: ['REQUESTER'] } });
    expect(ok.data.grantMembership).toEqual({ email: 'bestiller@nordby.example', roles: ['REQUESTER'], organisation: { id: t.world.orgs.kommune } });
    const operator = await t.login('operator@torg.example');
    const byOperator = await t.gql(operator, GRANT, { i: { email: 'bestiller@sykehjem.example', name: 'S', organisationId: t.world.orgs.vestby, roles: ['REQUESTER'] } });
    expect(byOperator.errors).toBeUndefined();
  });

  it('the demo ADMIN of the purchasing unit manages its own unit only', async () => {
    const admin = await t.login('admin@torg.example');
    const ok = await t.gql(admin, GRANT, { i: { email: 'ny.innkjoper@storby.example', name: 'Ny', organisationId: t.world.orgs.innkjop, roles: ['PURCHASER'] } });
    expect(ok.data.grantMembership.roles).toEqual(['PURCHASER']);
    await expectRefusedAndUnchanged(admin, GRANT, { email: 'admin@torg.example', name: 'A', organisationId: t.world.orgs.kommune, roles: ['ADMIN'] });
  });

  it('offers no way to make someone a platform operator through the API', async () => {
    const operator = await t.login('operator@torg.example');
    const me = await t.gql(operator, '{ me { roles platformOperator } }');
    expect(me.data.me).toEqual({ roles: [], platformOperator: true });
    // There is no such role to grant: operators come from PLATFORM_OPERATORS only.
    const before = await identityState();
    const res = await t.gql(operator, 'mutation { grantMembership(input: { email: "x@cases.example", name: "X", organisationId: 1, roles: [PLATFORM_OPERATOR] }) { email } }');
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await identityState()).toEqual(before);
    const admin = await t.gql(await t.login('admin@torg.example'), '{ me { platformOperator } }');
    expect(admin.data.me.platformOperator).toBe(false);
  });
});
