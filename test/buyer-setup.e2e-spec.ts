import { osloToday, osloYear } from '../src/platform/time/oslo-date';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A buyer organisation's set-up for ordering (issue 15 §1), over HTTP: cost centres with yearly
 * budgets, personal limits and approver rights with the approval route they give, delegations,
 * delivery addresses. The demo seed gives Storby kommune an ADMIN (okonomi@storby.example), who
 * manages the kommune, Nordby skole and Storby sykehjem.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const ADMIN = 'okonomi@storby.example'; // ADMIN of Storby kommune, above Nordby skole
const APPROVER = 'attestant@nordby.example'; // APPROVER (and REQUESTER) at Nordby skole
const REQUESTER = 'bestiller@nordby.example';
const VESTBY = 'bestiller@vestby.example'; // another tenant
const UNIT_ADMIN = 'admin@torg.example'; // ADMIN of the purchasing unit: an ADMIN, but not of these buyers

const user = (email: string) => t.world.users[email].userId;
const skole = () => t.world.orgs.skole;
const cc = (key: string) => t.world.buyerSetup.costCentres[key];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function as<T = any>(email: string, query: string, variables?: Record<string, unknown>) {
  return t.gql<T>(await t.login(email), query, variables);
}
const code = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;
const audit = (entityType: string, entityId: number | string) =>
  t.sql<{ action: string; actor_user_id: number | null; data: any }>('SELECT action, actor_user_id, data FROM audit_event WHERE entity_type = $1 AND entity_id = $2 ORDER BY id', [
    entityType,
    String(entityId),
  ]);

const COST_CENTRE = 'id organisationId code name active ownerUserId owner { name } budgets { year amount currency }';
const CREATE_CC = `mutation($i: CreateCostCentreInput!) { createCostCentre(input: $i) { __typename ... on CostCentre { ${COST_CENTRE} } ... on ErrorResult { errorCode message } ... on DuplicateValueError { field value existingId } ... on UserNotInOrganisationError { userId organisationId field } } }`;
const UPDATE_CC = `mutation($i: UpdateCostCentreInput!) { updateCostCentre(input: $i) { __typename ... on CostCentre { ${COST_CENTRE} } ... on ErrorResult { errorCode message } ... on DuplicateValueError { existingId } } }`;
const LIST_CC = `query($org: Int, $all: Boolean) { costCentres(organisationId: $org, includeInactive: $all, first: 50) { totalCount edges { node { code name active } } } }`;
const ROUTE = `query($cc: Int!, $amount: String!) { approvalRoute(costCentreId: $cc, amount: $amount) { __typename
  ... on ApprovalRoute { decision amount personalLimit approvers { userId onBehalfOfUserId maxAmount user { email } onBehalfOf { email } } }
  ... on ErrorResult { errorCode message } } }`;

describe('cost centres', () => {
  it('are seeded for the demo buyers, with this year’s budget, and listed to members', async () => {
    const res = await as(REQUESTER, `{ costCentres { totalCount edges { node { ${COST_CENTRE} } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.costCentres.edges.map((e: any) => [e.node.code, e.node.name, e.node.owner.name, e.node.budgets])).toEqual([
      ['2100', 'Undervisning', 'Astrid Attestant', [{ year: osloYear(), amount: '450000.00', currency: 'NOK' }]],
      ['2150', 'IKT i skolen', 'Astrid Attestant', [{ year: osloYear(), amount: '200000.00', currency: 'NOK' }]],
    ]);
  });

  it('are created, changed and given budgets by the ADMIN of an organisation above, every change audited', async () => {
    const created = await as(ADMIN, CREATE_CC, {
      i: { organisationId: skole(), code: 'SPES-1', name: ' Spesialundervisning ', ownerUserId: user(APPROVER), budgets: [{ year: 2027, amount: '125000.5' }] },
    });
    expect(created.errors).toBeUndefined();
    const c = created.data.createCostCentre;
    expect(c).toMatchObject({
      __typename: 'CostCentre',
      organisationId: skole(),
      code: 'SPES-1',
      name: 'Spesialundervisning',
      active: true,
      budgets: [{ year: 2027, amount: '125000.50', currency: 'NOK' }],
    });

    const updated = await as(ADMIN, UPDATE_CC, { i: { id: c.id, name: 'Spesialpedagogikk', ownerUserId: user(REQUESTER), active: false } });
    expect(updated.data.updateCostCentre).toMatchObject({ name: 'Spesialpedagogikk', ownerUserId: user(REQUESTER), active: false });
    const budget = await as(ADMIN, 'mutation($i: SetCostCentreBudgetInput!) { setCostCentreBudget(input: $i) { budgets { year amount } } }', {
      i: { costCentreId: c.id, year: 2027, amount: '130000' },
    });
    expect(budget.data.setCostCentreBudget.budgets).toEqual([{ year: 2027, amount: '130000.00' }]);

    // Retired: listed only on request.
    expect((await as(REQUESTER, LIST_CC)).data.costCentres.edges.map((e: any) => e.node.code)).toEqual(['2100', '2150']);
    expect((await as(REQUESTER, LIST_CC, { all: true })).data.costCentres.edges.map((e: any) => e.node.code)).toEqual(['2100', '2150', 'SPES-1']);

    const rows = await audit('cost_centre', c.id);
    expect(rows.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['cost-centre.created', user(ADMIN)],
      ['cost-centre.updated', user(ADMIN)],
      ['cost-centre.budget-set', user(ADMIN)],
    ]);
    expect(rows[1].data.changes).toEqual({
      name: { from: 'Spesialundervisning', to: 'Spesialpedagogikk' },
      ownerUserId: { from: user(APPROVER), to: user(REQUESTER) },
      active: { from: true, to: false },
    });
    expect(rows[2].data).toMatchObject({ year: 2027, from: '125000.50', to: '130000' });
  });

  it('refuses a duplicate code (letter case ignored) and stores nothing', async () => {
    const dup = await as(ADMIN, CREATE_CC, { i: { organisationId: skole(), code: '2150', name: 'Igjen', ownerUserId: user(APPROVER) } });
    expect(dup.data.createCostCentre).toMatchObject({ __typename: 'DuplicateValueError', errorCode: 'DUPLICATE', field: 'code', value: '2150', existingId: cc('skole:2150') });
    await as(ADMIN, CREATE_CC, { i: { organisationId: skole(), code: 'abc', name: 'Små bokstaver', ownerUserId: user(APPROVER) } });
    expect((await as(ADMIN, CREATE_CC, { i: { organisationId: skole(), code: 'ABC', name: 'Store', ownerUserId: user(APPROVER) } })).data.createCostCentre.errorCode).toBe('DUPLICATE');
    const renamed = await as(ADMIN, UPDATE_CC, { i: { id: cc('skole:2100'), code: '2150' } });
    expect(renamed.data.updateCostCentre).toMatchObject({ __typename: 'DuplicateValueError', existingId: cc('skole:2150') });
    // The same code in another organisation is fine.
    expect(
      (await as(ADMIN, CREATE_CC, { i: { organisationId: t.world.orgs.sykehjem, code: '2150', name: 'Samme kode', ownerUserId: user('leder@sykehjem.example') } })).data.createCostCentre.__typename,
    ).toBe('CostCentre');
    const stored = await t.sql('SELECT name FROM cost_centre WHERE organisation_id = $1 AND upper(code) IN ($2, $3) ORDER BY id', [skole(), '2150', 'ABC']);
    expect(stored.map((r) => r.name)).toEqual(['IKT i skolen', 'Små bokstaver']);
  });

  it('gives a code to exactly one of two requests at once', async () => {
    const input = { organisationId: skole(), code: 'SAMTIDIG', name: 'Samtidig', ownerUserId: user(APPROVER) };
    const results = await Promise.all([as(ADMIN, CREATE_CC, { i: input }), as(ADMIN, CREATE_CC, { i: { ...input, code: 'samtidig' } })]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(results.map((r) => r.data.createCostCentre.__typename).sort()).toEqual(['CostCentre', 'DuplicateValueError']);
    expect(await t.sql(`SELECT code FROM cost_centre WHERE upper(code) = 'SAMTIDIG'`)).toHaveLength(1);
  });

  it('refuses an owner from outside the organisation', async () => {
    const res = await as(ADMIN, CREATE_CC, { i: { organisationId: skole(), code: '2990', name: 'Ukjent eier', ownerUserId: user(VESTBY) } });
    expect(res.data.createCostCentre).toMatchObject({
      __typename: 'UserNotInOrganisationError',
      errorCode: 'USER_NOT_IN_ORGANISATION',
      userId: user(VESTBY),
      organisationId: skole(),
      field: 'ownerUserId',
    });
    expect(await t.sql(`SELECT id FROM cost_centre WHERE code = '2990'`)).toEqual([]);
  });

  it.each([
    ['negative', '-5'],
    ['three decimals', '12.345'],
    ['not a number', 'tusen'],
    ['an exponent', '1e5'],
    ['too many digits', '12345678901234567'],
  ])('refuses a budget that is %s with BAD_USER_INPUT', async (_what, amount) => {
    const res = await as(ADMIN, 'mutation($i: SetCostCentreBudgetInput!) { setCostCentreBudget(input: $i) { id } }', { i: { costCentreId: cc('skole:2100'), year: 2028, amount } });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(await t.sql('SELECT * FROM cost_centre_budget WHERE cost_centre_id = $1 AND year = 2028', [cc('skole:2100')])).toEqual([]);
  });

  it('refuses members without ADMIN, and ADMINs of other organisations, changing nothing', async () => {
    const input = { organisationId: skole(), code: '2500', name: 'Forsøk', ownerUserId: user(APPROVER) };
    for (const email of [REQUESTER, APPROVER]) expect(code(await as(email, CREATE_CC, { i: input }))).toBe('FORBIDDEN');
    // An ADMIN elsewhere is not told the organisation's cost centres exist.
    expect(code(await as(UNIT_ADMIN, CREATE_CC, { i: input }))).toBe('NOT_FOUND');
    expect(code(await as(UNIT_ADMIN, UPDATE_CC, { i: { id: cc('skole:2100'), name: 'Kapret' } }))).toBe('NOT_FOUND');
    expect(await t.sql(`SELECT id FROM cost_centre WHERE code = '2500' OR name = 'Kapret'`)).toEqual([]);
  });

  it('keeps tenants apart: another organisation’s cost centre is NOT_FOUND', async () => {
    const one = await as(VESTBY, `query($id: Int!) { costCentre(id: $id) { code } }`, { id: cc('skole:2100') });
    expect(code(one)).toBe('NOT_FOUND');
    expect(one.errors![0].message).toBe(`Cost centre ${cc('skole:2100')} was not found`);
    expect(code(await as(VESTBY, LIST_CC, { org: skole() }))).toBe('NOT_FOUND');
    // A school's requester does not see its municipality's cost centres either.
    expect(code(await as(REQUESTER, LIST_CC, { org: t.world.orgs.kommune }))).toBe('NOT_FOUND');
    expect((await as(VESTBY, LIST_CC)).data.costCentres.edges.map((e: any) => e.node.code)).toEqual(['100']);
    // Suppliers have no cost centres; their staff hold no buyer role.
    expect(code(await as('katalog@kontorland.example', LIST_CC))).toBe('FORBIDDEN');
    const onSupplier = await as('operator@torg.example', CREATE_CC, { i: { organisationId: t.world.orgs.kontorland, code: '1', name: 'X', ownerUserId: user('katalog@kontorland.example') } });
    expect(code(onSupplier)).toBe('BAD_USER_INPUT');
  });
});

describe('approval authority', () => {
  const SET_LIMIT = `mutation($i: SetPersonalLimitInput!) { setPersonalLimit(input: $i) { __typename ... on ApprovalAuthority { userId personalLimit } ... on ErrorResult { errorCode } } }`;
  const SET_RIGHT = `mutation($i: SetApproverRightInput!) { setApproverRight(input: $i) { __typename ... on ApprovalAuthority { userId approverRights { costCentreId maxAmount costCentre { code } } } ... on ErrorResult { errorCode message } ... on MissingRoleError { role } } }`;

  it('routes a requisition: within the personal limit at once, else to the approvers with authority, else nobody', async () => {
    const within = await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '5000' });
    expect(within.data.approvalRoute).toMatchObject({ __typename: 'ApprovalRoute', decision: 'WITHIN_OWN_LIMIT', amount: '5000.00', personalLimit: '5000.00', approvers: [] });
    const above = await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '5000.01' });
    expect(above.data.approvalRoute).toMatchObject({
      decision: 'NEEDS_APPROVAL',
      approvers: [{ userId: user(APPROVER), onBehalfOfUserId: null, maxAmount: '100000.00', user: { email: APPROVER }, onBehalfOf: null }],
    });
    // The approver's own requisition goes past her: above her limit nobody else at the school may approve it.
    expect((await as(APPROVER, ROUTE, { cc: cc('skole:2150'), amount: '25000' })).data.approvalRoute.decision).toBe('NO_APPROVER');
    expect((await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '100000.01' })).data.approvalRoute.decision).toBe('NO_APPROVER');
  });

  it('sets limits and rights as the ADMIN, audited, and the route follows them', async () => {
    const limit = await as(ADMIN, SET_LIMIT, { i: { organisationId: skole(), userId: user(REQUESTER), amount: '7500' } });
    expect(limit.data.setPersonalLimit).toEqual({ __typename: 'ApprovalAuthority', userId: user(REQUESTER), personalLimit: '7500.00' });
    expect((await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '7000' })).data.approvalRoute.decision).toBe('WITHIN_OWN_LIMIT');

    const right = await as(ADMIN, SET_RIGHT, { i: { organisationId: skole(), userId: user(APPROVER), costCentreId: cc('skole:2150'), maxAmount: '250000' } });
    expect(right.data.setApproverRight.approverRights).toEqual([
      { costCentreId: null, maxAmount: '100000.00', costCentre: null },
      { costCentreId: cc('skole:2150'), maxAmount: '250000.00', costCentre: { code: '2150' } },
    ]);
    expect((await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '200000' })).data.approvalRoute.approvers.map((a: any) => [a.userId, a.maxAmount])).toEqual([[user(APPROVER), '250000.00']]);
    // Only on 2150: on 2100 her right on all cost centres still caps it.
    expect((await as(REQUESTER, ROUTE, { cc: cc('skole:2100'), amount: '200000' })).data.approvalRoute.decision).toBe('NO_APPROVER');

    const revoked = await as(ADMIN, `mutation($i: RevokeApproverRightInput!) { revokeApproverRight(input: $i) { approverRights { costCentreId } } }`, {
      i: { organisationId: skole(), userId: user(APPROVER), costCentreId: cc('skole:2150') },
    });
    expect(revoked.data.revokeApproverRight.approverRights).toEqual([{ costCentreId: null }]);
    const rows = await audit('user', user(APPROVER));
    expect(rows.filter((r) => r.action.startsWith('approver-right')).map((r) => [r.action, r.actor_user_id, r.data.costCentreId])).toEqual([
      ['approver-right.set', null, null], // the demo seed, as the system
      ['approver-right.set', user(ADMIN), cc('skole:2150')],
      ['approver-right.revoked', user(ADMIN), cc('skole:2150')],
    ]);
    const limitRows = (await audit('user', user(REQUESTER))).filter((r) => r.action === 'approval-limit.set');
    expect(limitRows.map((r) => [r.actor_user_id, r.data.from, r.data.to])).toEqual([
      [null, null, '5000'],
      [user(ADMIN), '5000.00', '7500'],
    ]);

    const list = await as(REQUESTER, '{ approvalAuthorities(first: 50) { totalCount edges { node { user { email } personalLimit approverRights { maxAmount } } } } }');
    expect(list.data.approvalAuthorities.edges.map((e: any) => [e.node.user.email, e.node.personalLimit, e.node.approverRights.length])).toEqual([
      [REQUESTER, '7500.00', 0],
      [APPROVER, '20000.00', 1],
    ]);
  });

  it('refuses rights for users without APPROVER or outside the organisation, cost centres of others, and bad amounts', async () => {
    const noRole = await as(ADMIN, SET_RIGHT, { i: { organisationId: skole(), userId: user(REQUESTER), maxAmount: '1000' } });
    expect(noRole.data.setApproverRight).toMatchObject({ __typename: 'MissingRoleError', errorCode: 'MISSING_ROLE', role: 'APPROVER' });
    const outsider = await as(ADMIN, SET_RIGHT, { i: { organisationId: skole(), userId: user(VESTBY), maxAmount: '1000' } });
    expect(outsider.data.setApproverRight.__typename).toBe('UserNotInOrganisationError');
    const otherCc = await as(ADMIN, SET_RIGHT, { i: { organisationId: skole(), userId: user(APPROVER), costCentreId: cc('vestby:100'), maxAmount: '1000' } });
    expect(code(otherCc)).toBe('NOT_FOUND');
    expect(code(await as(ADMIN, SET_RIGHT, { i: { organisationId: skole(), userId: user(APPROVER), maxAmount: '0' } }))).toBe('BAD_USER_INPUT');
    expect(code(await as(ADMIN, SET_LIMIT, { i: { organisationId: skole(), userId: user(REQUESTER), amount: '-1' } }))).toBe('BAD_USER_INPUT');
    expect(code(await as(APPROVER, SET_LIMIT, { i: { userId: user(APPROVER), amount: '999999' } }))).toBe('FORBIDDEN');
    expect(code(await as(UNIT_ADMIN, SET_LIMIT, { i: { organisationId: skole(), userId: user(REQUESTER), amount: '1' } }))).toBe('NOT_FOUND');
    expect(await t.sql('SELECT user_id FROM approver_right WHERE organisation_id = $1 AND user_id <> $2', [skole(), user(APPROVER)])).toEqual([]);
  });

  it('answers NOT_FOUND for another organisation’s cost centre and says when a cost centre is inactive', async () => {
    expect(code(await as(VESTBY, ROUTE, { cc: cc('skole:2150'), amount: '10' }))).toBe('NOT_FOUND');
    expect(code(await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '-10' }))).toBe('BAD_USER_INPUT');
    const retired = await as(ADMIN, CREATE_CC, { i: { organisationId: skole(), code: 'GAMMEL', name: 'Nedlagt', ownerUserId: user(APPROVER) } });
    await as(ADMIN, UPDATE_CC, { i: { id: retired.data.createCostCentre.id, active: false } });
    expect((await as(REQUESTER, ROUTE, { cc: retired.data.createCostCentre.id, amount: '10' })).data.approvalRoute).toMatchObject({
      __typename: 'CostCentreInactiveError',
      errorCode: 'COST_CENTRE_INACTIVE',
    });
  });
});

describe('delegations', () => {
  const CREATE = `mutation($i: CreateDelegationInput!) { createDelegation(input: $i) { __typename
    ... on ApprovalDelegation { id principalUserId substituteUserId validFrom validTo status principal { email } substitute { email } }
    ... on ErrorResult { errorCode message } ... on DelegationOverlapError { conflictingDelegationId } } }`;
  const CANCEL = `mutation($id: Int!) { cancelDelegation(id: $id) { __typename ... on ApprovalDelegation { status cancelledAt } ... on ErrorResult { errorCode message } } }`;
  const WHO = `query($u: Int!, $d: String) { whoMayApproveFor(userId: $u, date: $d) { email } }`;
  const SUBSTITUTE = 'vikar@nordby.example';
  const today = osloToday();
  let delegationId: number;

  beforeAll(async () => {
    // A second approver at the school, granted by the kommune's ADMIN.
    const res = await as(ADMIN, 'mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { userId } }', {
      i: { email: SUBSTITUTE, name: 'Vera Vikar', organisationId: t.world.orgs.skole, roles: ['APPROVER', 'REQUESTER'] },
    });
    t.world.users[SUBSTITUTE] = { userId: res.data.grantMembership.userId, organisationId: t.world.orgs.skole };
  });

  it('lets an approver name a substitute, who then approves on their behalf', async () => {
    const res = await as(APPROVER, CREATE, { i: { substituteUserId: user(SUBSTITUTE), validFrom: today, validTo: addDays(today, 13) } });
    expect(res.errors).toBeUndefined();
    const d = res.data.createDelegation;
    expect(d).toMatchObject({
      __typename: 'ApprovalDelegation',
      principalUserId: user(APPROVER),
      substituteUserId: user(SUBSTITUTE),
      validFrom: today,
      status: 'ACTIVE',
      substitute: { email: SUBSTITUTE },
    });
    delegationId = d.id;
    const rows = await audit('approval_delegation', d.id);
    expect(rows.map((r) => [r.action, r.actor_user_id, r.data.substituteUserId])).toEqual([['delegation.created', user(APPROVER), user(SUBSTITUTE)]]);

    const route = await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '50000' });
    expect(route.data.approvalRoute.approvers.map((a: any) => [a.user.email, a.onBehalfOf?.email ?? null, a.maxAmount])).toEqual([
      [APPROVER, null, '100000.00'],
      [SUBSTITUTE, APPROVER, '100000.00'],
    ]);
    expect((await as(REQUESTER, WHO, { u: user(APPROVER) })).data.whoMayApproveFor).toEqual([{ email: APPROVER }, { email: SUBSTITUTE }]);
    expect((await as(REQUESTER, WHO, { u: user(APPROVER), d: addDays(today, 14) })).data.whoMayApproveFor).toEqual([{ email: APPROVER }]);
    expect((await as(REQUESTER, '{ delegations { totalCount edges { node { id status } } } }')).data.delegations).toEqual({ totalCount: 1, edges: [{ node: { id: d.id, status: 'ACTIVE' } }] });
  });

  it('refuses self-delegation, periods in the past, reversed periods, outsiders, substitutes without APPROVER and overlaps', async () => {
    const period = { validFrom: addDays(today, 30), validTo: addDays(today, 40) };
    const self = await as(APPROVER, CREATE, { i: { substituteUserId: user(APPROVER), ...period } });
    expect(self.data.createDelegation).toMatchObject({ __typename: 'InvalidDelegationError', errorCode: 'SELF_DELEGATION' });
    const past = await as(APPROVER, CREATE, { i: { substituteUserId: user(SUBSTITUTE), validFrom: addDays(today, -1), validTo: addDays(today, 3) } });
    expect(past.data.createDelegation).toMatchObject({ __typename: 'InvalidDelegationError', errorCode: 'PERIOD_IN_PAST' });
    expect(code(await as(APPROVER, CREATE, { i: { substituteUserId: user(SUBSTITUTE), validFrom: addDays(today, 5), validTo: addDays(today, 4) } }))).toBe('BAD_USER_INPUT');
    expect(code(await as(APPROVER, CREATE, { i: { substituteUserId: user(SUBSTITUTE), validFrom: '2026-02-30', validTo: '2026-03-01' } }))).toBe('BAD_USER_INPUT');
    const outsider = await as(APPROVER, CREATE, { i: { substituteUserId: user(VESTBY), ...period } });
    expect(outsider.data.createDelegation).toMatchObject({ __typename: 'UserNotInOrganisationError', errorCode: 'USER_NOT_IN_ORGANISATION' });
    const noRole = await as(APPROVER, CREATE, { i: { substituteUserId: user(REQUESTER), ...period } });
    expect(noRole.data.createDelegation).toMatchObject({ __typename: 'MissingRoleError', errorCode: 'MISSING_ROLE' });
    // A second substitute over the same days, and the substitute naming the approver back.
    const second = await as(ADMIN, CREATE, {
      i: { organisationId: skole(), principalUserId: user(APPROVER), substituteUserId: user(SUBSTITUTE), validFrom: addDays(today, 13), validTo: addDays(today, 20) },
    });
    expect(second.data.createDelegation).toMatchObject({ __typename: 'DelegationOverlapError', errorCode: 'OVERLAPPING_DELEGATION', conflictingDelegationId: delegationId });
    const back = await as(SUBSTITUTE, CREATE, { i: { substituteUserId: user(APPROVER), validFrom: addDays(today, 2), validTo: addDays(today, 3) } });
    expect(back.data.createDelegation.errorCode).toBe('OVERLAPPING_DELEGATION');
    expect((await t.sql('SELECT count(*)::int AS n FROM approval_delegation'))[0].n).toBe(1);
  });

  it('lets only the approver themself or an ADMIN name a substitute', async () => {
    const period = { validFrom: addDays(today, 30), validTo: addDays(today, 40) };
    expect(code(await as(REQUESTER, CREATE, { i: { substituteUserId: user(SUBSTITUTE), ...period } }))).toBe('FORBIDDEN');
    // One approver cannot send another away.
    expect(code(await as(SUBSTITUTE, CREATE, { i: { principalUserId: user(APPROVER), substituteUserId: user(SUBSTITUTE), ...period } }))).toBe('FORBIDDEN');
    expect(code(await as(UNIT_ADMIN, CREATE, { i: { organisationId: skole(), principalUserId: user(SUBSTITUTE), substituteUserId: user(APPROVER), ...period } }))).toBe('NOT_FOUND');
    expect(code(await as(UNIT_ADMIN, CANCEL, { id: delegationId }))).toBe('NOT_FOUND');
    expect(code(await as(VESTBY, '{ delegations { totalCount } }'))).toBeUndefined();
    expect((await as(VESTBY, '{ delegations { totalCount } }')).data.delegations.totalCount).toBe(0);
    const byAdmin = await as(ADMIN, CREATE, { i: { organisationId: skole(), principalUserId: user(SUBSTITUTE), substituteUserId: user(APPROVER), ...period } });
    expect(byAdmin.data.createDelegation).toMatchObject({ __typename: 'ApprovalDelegation', status: 'SCHEDULED' });
    expect((await audit('approval_delegation', byAdmin.data.createDelegation.id))[0].actor_user_id).toBe(user(ADMIN));
  });

  it('cancels a delegation: the substitute no longer approves, and cancelling twice is refused', async () => {
    const cancelled = await as(APPROVER, CANCEL, { id: delegationId });
    expect(cancelled.data.cancelDelegation).toMatchObject({ __typename: 'ApprovalDelegation', status: 'CANCELLED' });
    expect((await as(REQUESTER, ROUTE, { cc: cc('skole:2150'), amount: '50000' })).data.approvalRoute.approvers.map((a: any) => a.user.email)).toEqual([APPROVER]);
    expect((await as(APPROVER, CANCEL, { id: delegationId })).data.cancelDelegation).toMatchObject({ __typename: 'InvalidDelegationError', errorCode: 'ALREADY_CANCELLED' });
    expect((await audit('approval_delegation', delegationId)).map((r) => [r.action, r.actor_user_id])).toEqual([
      ['delegation.created', user(APPROVER)],
      ['delegation.cancelled', user(APPROVER)],
    ]);
  });
});

describe('delivery addresses', () => {
  const ADDRESS = 'id label streetName additionalStreetName addressLine postalCode city countryCode gln active';
  const CREATE = `mutation($i: CreateDeliveryAddressInput!) { createDeliveryAddress(input: $i) { __typename ... on DeliveryAddress { ${ADDRESS} } ... on ErrorResult { errorCode message } ... on DuplicateValueError { existingId } } }`;
  const UPDATE = `mutation($i: UpdateDeliveryAddressInput!) { updateDeliveryAddress(input: $i) { __typename ... on DeliveryAddress { ${ADDRESS} } ... on ErrorResult { errorCode } } }`;
  const LIST = `query($org: Int) { deliveryAddresses(organisationId: $org) { totalCount edges { node { label gln } } } }`;
  const gym = { label: 'Gymsal', streetName: 'Skoleveien 3', additionalStreetName: 'Bakdøra', postalCode: '0655', city: 'Storby', gln: '7080003430038' };

  it('are created and changed by the ADMIN and listed to members, audited', async () => {
    const created = await as(ADMIN, CREATE, { i: { organisationId: skole(), ...gym } });
    expect(created.data.createDeliveryAddress).toMatchObject({ __typename: 'DeliveryAddress', ...gym, countryCode: 'NO', addressLine: null, active: true });
    const id = created.data.createDeliveryAddress.id;
    expect((await as(REQUESTER, LIST)).data.deliveryAddresses.edges.map((e: any) => [e.node.label, e.node.gln])).toEqual([
      ['Gymsal', '7080003430038'],
      ['Varemottak', '7080003430014'],
    ]);
    const updated = await as(ADMIN, UPDATE, { i: { id, additionalStreetName: null, gln: null, city: 'Storby sentrum' } });
    expect(updated.data.updateDeliveryAddress).toMatchObject({ additionalStreetName: null, gln: null, city: 'Storby sentrum', streetName: 'Skoleveien 3' });
    await as(ADMIN, UPDATE, { i: { id, active: false } });
    expect((await as(REQUESTER, LIST)).data.deliveryAddresses.totalCount).toBe(1);
    const rows = await audit('delivery_address', id);
    expect(rows.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['delivery-address.created', user(ADMIN)],
      ['delivery-address.updated', user(ADMIN)],
      ['delivery-address.updated', user(ADMIN)],
    ]);
    expect(rows[1].data.changes).toEqual({ additionalStreetName: { from: 'Bakdøra', to: null }, city: { from: 'Storby', to: 'Storby sentrum' }, gln: { from: '7080003430038', to: null } });
  });

  it('refuses a duplicate label, bad codes, other tenants and other roles', async () => {
    const dup = await as(ADMIN, CREATE, { i: { organisationId: skole(), ...gym, label: 'VAREMOTTAK' } });
    expect(dup.data.createDeliveryAddress).toMatchObject({ __typename: 'DuplicateValueError', errorCode: 'DUPLICATE', existingId: t.world.buyerSetup.deliveryAddresses.skole });
    for (const bad of [{ gln: '7080003430039' }, { postalCode: '655' }, { countryCode: 'XX' }, { gln: '12345' }, { streetName: '   ' }]) {
      const res = await as(ADMIN, CREATE, { i: { organisationId: skole(), ...gym, label: 'Feil', ...bad } });
      expect({ bad, code: code(res) }).toEqual({ bad, code: 'BAD_USER_INPUT' });
    }
    expect(code(await as(REQUESTER, CREATE, { i: { ...gym, label: 'Ny' } }))).toBe('FORBIDDEN');
    expect(code(await as(UNIT_ADMIN, CREATE, { i: { organisationId: skole(), ...gym, label: 'Ny' } }))).toBe('NOT_FOUND');
    expect(code(await as(VESTBY, `query($id: Int!) { deliveryAddress(id: $id) { label } }`, { id: t.world.buyerSetup.deliveryAddresses.skole }))).toBe('NOT_FOUND');
    expect(code(await as(VESTBY, LIST, { org: skole() }))).toBe('NOT_FOUND');
    expect(await t.sql(`SELECT id FROM delivery_address WHERE label IN ('Feil', 'Ny')`)).toEqual([]);
  });
});
