import { DataSource } from 'typeorm';
import { DrawRecorded } from '../src/agreements/agreement-ceiling.service';
import { AgreementDrawdownRepository } from '../src/agreements/agreement-drawdown.repository';
import { CeilingExceededError } from '../src/agreements/agreements.errors';
import { AgreementsService } from '../src/agreements/agreements.service';
import { IdentityService } from '../src/identity/identity.service';
import { OrganisationKind } from '../src/identity/organisation-kind';
import { Role } from '../src/identity/role';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { DomainError } from '../src/platform/errors/domain-error';
import { Money } from '../src/platform/money/money';
import { DEMO_AGREEMENTS } from '../src/seed/demo-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An agreement's value ceiling shared by its participants (joint purchasing, issue 15 §3): set by
 * the purchasing unit that manages it, drawn on by approved orders through AgreementsService in
 * the caller's transaction, never overdrawn by concurrent orders, shown live over GraphQL.
 */
let t: TestApp;
let ds: DataSource;
let agreements: AgreementsService;
beforeAll(async () => {
  t = await startTestApp();
  ds = t.app.get(DataSource);
  agreements = t.app.get(AgreementsService);
});
afterAll(() => t?.close());

const PURCHASER = 'innkjoper@storby.example'; // PURCHASER of the purchasing unit that manages the demo agreements
const UNIT_ADMIN = 'admin@torg.example'; // also PURCHASER of that unit
const BUYER = 'bestiller@nordby.example'; // participant through Storby kommune
const SUPPLIER = 'katalog@kontorland.example';
const OTHER_UNIT = 'innkjoper@annen.example'; // PURCHASER of another purchasing unit (made below)

const nok = (amount: string) => Money.of(amount, 'NOK');
const system = () => new RequestContext(undefined, ds.manager);
const inTx = <T>(work: (tx: RequestContext) => Promise<T>) => inTransaction(ds, system(), work);
const code = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;
async function as<T = any>(email: string, query: string, variables?: Record<string, unknown>) {
  return t.gql<T>(await t.login(email), query, variables);
}

const FIELDS = 'id reference currency valueCeiling committed invoiced remainingHeadroom';
const CREATE = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { ${FIELDS} } }`;
const SET = `mutation($id: Int!, $c: String) { setAgreementCeiling(agreementId: $id, valueCeiling: $c) { ${FIELDS} } }`;
const GET = `query($id: Int!) { agreement(id: $id) { ${FIELDS} } }`;

let refs = 0;
async function createAgreement(valueCeiling?: string) {
  const template = DEMO_AGREEMENTS[0];
  const res = await as(PURCHASER, CREATE, {
    i: {
      supplierId: t.world.orgs.kontorland,
      reference: `TAK-${++refs}`,
      title: 'Rammeavtale med tak',
      validFrom: '2025-01-01',
      validTo: '2030-12-31',
      participantIds: [t.world.orgs.kommune],
      scope: template.scope,
      ...(valueCeiling === undefined ? {} : { valueCeiling }),
    },
  });
  expect(res.errors).toBeUndefined();
  return res.data.createAgreement;
}

const order = (id: string | number) => ({ type: 'ORDER', id: String(id) });
const draw = (agreementId: number, source: { type: string; id: string }, amount: string) => inTx((tx) => agreements.draw(tx, { agreementId, source, amount: nok(amount) }));
const headroom = async (agreementId: number) => {
  const h = await inTx((tx) => agreements.headroom(tx, agreementId));
  return { ceiling: h.ceiling?.toDecimalString() ?? null, committed: h.committed.toDecimalString(), invoiced: h.invoiced.toDecimalString(), remaining: h.remaining?.toDecimalString() ?? null };
};
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    return e instanceof DomainError ? `${e.code}: ${e.message}` : String(e);
  }
};

describe('the value ceiling', () => {
  it('is set when the agreement is created, and shown with what is drawn and left', async () => {
    const a = await createAgreement('250000.5');
    expect(a).toMatchObject({ valueCeiling: '250000.50', committed: '0.00', invoiced: '0.00', remainingHeadroom: '250000.50' });
    const none = await createAgreement();
    expect(none).toMatchObject({ valueCeiling: null, committed: '0.00', remainingHeadroom: null });
  });

  it.each([['-1'], ['1.005'], ['1e6'], ['12345678901234567']])('refuses a ceiling of %s with BAD_USER_INPUT', async (valueCeiling) => {
    const res = await as(PURCHASER, CREATE, {
      i: {
        supplierId: t.world.orgs.kontorland,
        reference: 'BAD',
        title: 'Feil',
        validFrom: '2025-01-01',
        validTo: '2030-12-31',
        participantIds: [t.world.orgs.kommune],
        scope: DEMO_AGREEMENTS[0].scope,
        valueCeiling,
      },
    });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/valueCeiling must be an amount such as "250000"/);
    const set = await as(PURCHASER, SET, { id: (await createAgreement()).id, c: valueCeiling });
    expect(code(set)).toBe('BAD_USER_INPUT');
  });

  it('is set and removed by the managing purchasing unit only, every change audited', async () => {
    const a = await createAgreement();
    const set = await as(PURCHASER, SET, { id: a.id, c: '1000' });
    expect(set.errors).toBeUndefined();
    expect(set.data.setAgreementCeiling).toMatchObject({ valueCeiling: '1000.00', remainingHeadroom: '1000.00' });
    expect((await as(UNIT_ADMIN, SET, { id: a.id, c: '1500' })).data.setAgreementCeiling.valueCeiling).toBe('1500.00');

    // A participant or the supplier lacks the role; another purchasing unit is told the agreement does not exist.
    for (const email of [BUYER, SUPPLIER]) expect(code(await as(email, SET, { id: a.id, c: '1' }))).toBe('FORBIDDEN');
    const other = await as(OTHER_UNIT, SET, { id: a.id, c: '1' });
    expect(code(other)).toBe('NOT_FOUND');
    expect(code(await as(PURCHASER, SET, { id: 999999, c: '1' }))).toBe('NOT_FOUND');

    const cleared = await as(PURCHASER, SET, { id: a.id, c: null });
    expect(cleared.data.setAgreementCeiling).toMatchObject({ valueCeiling: null, remainingHeadroom: null });
    const events = await t.sql(`SELECT actor_user_id, data FROM audit_event WHERE entity_type = 'agreement' AND entity_id = $1 AND action = 'agreement.ceiling-set' ORDER BY id`, [String(a.id)]);
    expect(events.map((e) => [e.actor_user_id, e.data.from, e.data.to])).toEqual([
      [t.world.users[PURCHASER].userId, null, '1000'],
      [t.world.users[UNIT_ADMIN].userId, '1000.00', '1500'],
      [t.world.users[PURCHASER].userId, '1500.00', null],
    ]);
  });
});

describe('drawing on the ceiling', () => {
  it('records a draw within the ceiling and refuses one past it with the remaining amount', async () => {
    const a = await createAgreement('1000');
    const ok = (await draw(a.id, order('a-1'), '600')) as DrawRecorded;
    expect(ok).toBeInstanceOf(DrawRecorded);
    expect([ok.committed.toString(), ok.remaining!.toString()]).toEqual(['600 NOK', '400 NOK']);

    const refused = await draw(a.id, order('a-2'), '400.01');
    expect(refused).toBeInstanceOf(CeilingExceededError);
    const e = refused as CeilingExceededError;
    expect([e.errorCode, e.agreementId, e.agreementReference, e.ceiling.toString(), e.committed.toString(), e.remaining.toString(), e.requested.toString()]).toEqual([
      'AGREEMENT_CEILING_EXCEEDED',
      a.id,
      a.reference,
      '1000 NOK',
      '600 NOK',
      '400 NOK',
      '400.01 NOK',
    ]);
    expect(e.message).toBe(`Agreement ${a.reference} has too little left under its value ceiling of NOK 1000.00: remaining NOK 400.00, requested NOK 400.01`);
    expect(await headroom(a.id)).toEqual({ ceiling: '1000', committed: '600', invoiced: '0', remaining: '400' });
    expect(await draw(a.id, order('a-2'), '400')).toBeInstanceOf(DrawRecorded);
    expect(await headroom(a.id)).toMatchObject({ committed: '1000', remaining: '0' });
  });

  it('always records without a ceiling, and refuses an amount in another currency or an unknown agreement', async () => {
    const a = await createAgreement();
    expect(await draw(a.id, order('n-1'), '99999999')).toBeInstanceOf(DrawRecorded);
    expect(await headroom(a.id)).toMatchObject({ ceiling: null, committed: '99999999', remaining: null });
    expect(await refusal(inTx((tx) => agreements.draw(tx, { agreementId: a.id, source: order('eur'), amount: Money.of('1', 'EUR') })))).toBe('BAD_USER_INPUT: amount must be in NOK, not EUR');
    expect(await refusal(draw(999999, order('x'), '1'))).toBe('NOT_FOUND: Agreement 999999 was not found');
  });

  it('release frees the headroom (idempotent); adjust records an accepted change past the ceiling', async () => {
    const a = await createAgreement('1000');
    await draw(a.id, order('r-1'), '700');
    expect(await draw(a.id, order('r-2'), '500')).toBeInstanceOf(CeilingExceededError);
    await inTx((tx) => agreements.releaseDraw(tx, order('r-1')));
    await inTx((tx) => agreements.releaseDraw(tx, order('r-1')));
    await inTx((tx) => agreements.releaseDraw(tx, order('never-drawn')));
    expect(await headroom(a.id)).toMatchObject({ committed: '0', remaining: '1000' });
    expect(await draw(a.id, order('r-2'), '500')).toBeInstanceOf(DrawRecorded);

    await inTx((tx) => agreements.adjustDraw(tx, order('r-2'), nok('1100')));
    expect(await headroom(a.id)).toMatchObject({ committed: '1100', remaining: '-100' });
    expect(await refusal(inTx((tx) => agreements.adjustDraw(tx, order('never-drawn'), nok('1'))))).toBe('NOT_FOUND: Drawdown for ORDER never-drawn was not found');
    const actions = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'agreement' AND entity_id = $1 AND action LIKE 'agreement.draw%' ORDER BY id`, [String(a.id)]);
    expect(actions.map((r) => r.action)).toEqual(['agreement.drawn', 'agreement.draw-released', 'agreement.drawn', 'agreement.draw-adjusted']);
  });

  it('is used by the larger of a draw and what was invoiced of it: an invoice above its order counts against the next draw, a credit note gives it back (issue 16)', async () => {
    const a = await createAgreement('1000');
    const invoice = (source: string, amount: string) => inTx((tx) => agreements.invoiceDraw(tx, order(source), nok(amount), { type: 'INVOICE', id: source }));
    await draw(a.id, order('inv-1'), '600');
    expect(await invoice('inv-1', '650')).toBe(true);
    expect(await headroom(a.id)).toEqual({ ceiling: '1000', committed: '650', invoiced: '650', remaining: '350' });
    expect((await as(PURCHASER, GET, { id: a.id })).data.agreement).toMatchObject({ committed: '650.00', invoiced: '650.00', remainingHeadroom: '350.00' });

    // 400 would fit beside the 600 drawn, not beside the 650 spent.
    const refused = await draw(a.id, order('inv-2'), '400');
    expect(refused).toBeInstanceOf(CeilingExceededError);
    expect([(refused as CeilingExceededError).committed.toString(), (refused as CeilingExceededError).remaining.toString()]).toEqual(['650 NOK', '350 NOK']);

    // A credit note of 50 brings the use back to the 600 drawn; 400 fits again.
    expect(await invoice('inv-1', '-50')).toBe(true);
    expect(await headroom(a.id)).toEqual({ ceiling: '1000', committed: '600', invoiced: '600', remaining: '400' });
    expect(await draw(a.id, order('inv-2'), '400')).toBeInstanceOf(DrawRecorded);

    // Released (a cancelled order), a draw keeps using what was invoiced of it: spent money stays spent.
    await inTx((tx) => agreements.releaseDraw(tx, order('inv-1')));
    expect(await headroom(a.id)).toEqual({ ceiling: '1000', committed: '1000', invoiced: '600', remaining: '0' });
    const [released] = await t.sql(`SELECT data FROM audit_event WHERE entity_type = 'agreement' AND entity_id = $1 AND action = 'agreement.draw-released'`, [String(a.id)]);
    expect(released.data).toMatchObject({ amount: '600.00', invoiced: '600.00' });
  });

  it('is never overdrawn by concurrent orders: of 8 parallel draws where 5 fit, exactly 5 succeed', async () => {
    const a = await createAgreement('5000');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inTx(async (tx) => {
          const r = await agreements.draw(tx, { agreementId: a.id, source: order(`race-${a.id}-${i}`), amount: nok('1000') });
          // Hold the transaction open a little, as an approval does more work after drawing.
          await tx.manager.query('SELECT pg_sleep(0.1)');
          return r;
        }),
      ),
    );
    expect(results.filter((r) => r instanceof DrawRecorded)).toHaveLength(5);
    expect(results.filter((r) => r instanceof CeilingExceededError)).toHaveLength(3);
    expect(await headroom(a.id)).toMatchObject({ committed: '5000', remaining: '0' });
  });

  it('is not held up by a catalogue upload or review holding the agreement', async () => {
    const a = await createAgreement('1000');
    let finish!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const upload = inTx(async (tx) => {
      expect(await agreements.lock(tx, a.id, false)).toBe(true);
      locked();
      await new Promise<void>((r) => (finish = r));
    });
    await isLocked;
    const started = Date.now();
    const drawn = await draw(a.id, order('during-upload'), '100');
    const waited = Date.now() - started;
    finish();
    await upload;
    expect(drawn).toBeInstanceOf(DrawRecorded);
    expect(waited).toBeLessThan(2000); // DATABASE_LOCK_TIMEOUT_MS is 5 s
  });

  it('shows live over GraphQL to the parties, in the list too', async () => {
    const a = await createAgreement('10000');
    await draw(a.id, order('g-1'), '1234.50');
    await draw(a.id, order('g-2'), '65.50');
    for (const email of [PURCHASER, BUYER, SUPPLIER]) {
      const res = await as(email, GET, { id: a.id });
      expect(res.errors).toBeUndefined();
      expect(res.data.agreement).toMatchObject({ valueCeiling: '10000.00', committed: '1300.00', invoiced: '0.00', remainingHeadroom: '8700.00' });
    }
    expect(code(await as(OTHER_UNIT, GET, { id: a.id }))).toBe('NOT_FOUND');
    // The whole list's totals come in one grouped query, not one per agreement.
    const totals = jest.spyOn(t.app.get(AgreementDrawdownRepository), 'totals');
    const list = await as(PURCHASER, '{ agreements(first: 100) { edges { node { id committed invoiced remainingHeadroom } } } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.agreements.edges.length).toBeGreaterThan(3);
    expect(totals).toHaveBeenCalledTimes(1);
    totals.mockRestore();
    expect(list.data.agreements.edges.find((e: any) => e.node.id === a.id).node).toEqual({ id: a.id, committed: '1300.00', invoiced: '0.00', remainingHeadroom: '8700.00' });
  });
});

beforeAll(async () => {
  const identity = t.app.get(IdentityService);
  const unit = await identity.createOrganisation(system(), { name: 'Annen innkjøpsenhet', orgNumber: '974760673', kind: OrganisationKind.PURCHASING_UNIT });
  await identity.grantMembership(system(), { email: OTHER_UNIT, name: 'Annen Innkjøper', organisationId: unit.id, roles: [Role.PURCHASER] });
});
