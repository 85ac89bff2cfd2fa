import { DataSource } from 'typeorm';
import { BudgetExceededError } from '../src/identity/buyer-setup/buyer-setup.errors';
import { CommitmentRepository } from '../src/identity/buyer-setup/commitment.repository';
import { CommitmentRecorded, CommitmentsService } from '../src/identity/buyer-setup/commitments.service';
import { CostCentresService } from '../src/identity/buyer-setup/cost-centres.service';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { DomainError } from '../src/platform/errors/domain-error';
import { Money } from '../src/platform/money/money';
import { isErrorResult } from '../src/platform/results/error-result';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The commitment ledger (disposisjonsregnskap, issue 15 §4) through CommitmentsService, in real
 * transactions on the real database, as ordering's approval will call it; and the cost centre's
 * budget, committed and remaining over GraphQL.
 */
let t: TestApp;
let ds: DataSource;
let commitments: CommitmentsService;
beforeAll(async () => {
  t = await startTestApp();
  ds = t.app.get(DataSource);
  commitments = t.app.get(CommitmentsService);
});
afterAll(() => t?.close());

const APPROVER = 'attestant@nordby.example';
const YEAR = 2030;
const nok = (amount: string) => Money.of(amount, 'NOK');
const skole = () => t.world.orgs.skole;
const approverId = () => t.world.users[APPROVER].userId;
/** The approver's context, as ordering's approval runs the ledger. */
const approverCtx = () => new RequestContext({ userId: approverId(), email: APPROVER, organisationId: skole(), roles: ['APPROVER', 'REQUESTER'] }, ds.manager);
const inTx = <T>(work: (tx: RequestContext) => Promise<T>) => inTransaction(ds, approverCtx(), work);

let codes = 0;
/** A fresh cost centre of Nordby skole with a budget for YEAR (none when budget is null). */
async function costCentre(budget: string | null): Promise<number> {
  const system = new RequestContext(undefined, ds.manager);
  const created = await t.app.get(CostCentresService).create(system, {
    organisationId: skole(),
    code: `L-${++codes}`,
    name: 'Ledger test',
    ownerUserId: approverId(),
    budgets: budget === null ? [] : [{ year: YEAR, amount: budget }],
  });
  if (isErrorResult(created)) throw new Error(created.message);
  return created.id;
}

const order = (id: string | number) => ({ type: 'ORDER', id: String(id) });
const commit = (costCentreId: number, source: { type: string; id: string }, amount: string, override?: { reason: string; byUserId: number }) =>
  inTx((tx) => commitments.commit(tx, { organisationId: skole(), costCentreId, year: YEAR, source, amount: nok(amount), override }));
const status = async (costCentreId: number) => {
  const s = await inTx((tx) => commitments.budgetStatus(tx, costCentreId, YEAR));
  return { budget: s.budget?.toDecimalString() ?? null, committed: s.committed.toDecimalString(), invoiced: s.invoiced.toDecimalString(), remaining: s.remaining?.toDecimalString() ?? null };
};
const audit = (costCentreId: number) =>
  t.sql<{ action: string; actor_user_id: number; data: any }>(
    `SELECT action, actor_user_id, data FROM audit_event WHERE entity_type = 'cost_centre' AND entity_id = $1 AND action LIKE 'cost-centre.commit%' ORDER BY id`,
    [String(costCentreId)],
  );
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    return e instanceof DomainError ? `${e.code}: ${e.message}` : String(e);
  }
};

describe('committing on a cost centre', () => {
  it('records a commitment within the budget and says where the year stands, audited', async () => {
    const cc = await costCentre('1000');
    const result = await commit(cc, order('within-1'), '400');
    expect(result).toBeInstanceOf(CommitmentRecorded);
    const recorded = result as CommitmentRecorded;
    expect([recorded.amount.toString(), recorded.budget!.toString(), recorded.committed.toString(), recorded.remaining!.toString(), recorded.overridden]).toEqual([
      '400 NOK',
      '1000 NOK',
      '400 NOK',
      '600 NOK',
      false,
    ]);
    expect(await status(cc)).toEqual({ budget: '1000', committed: '400', invoiced: '0', remaining: '600' });
    expect(await audit(cc)).toEqual([
      expect.objectContaining({
        action: 'cost-centre.committed',
        actor_user_id: approverId(),
        data: expect.objectContaining({ year: YEAR, source: order('within-1'), amount: '400', override: null }),
      }),
    ]);
  });

  it('refuses one that would pass the budget, naming the remaining amount, and writes nothing', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('over-1'), '400');
    const result = await commit(cc, order('over-2'), '600.01');
    expect(result).toBeInstanceOf(BudgetExceededError);
    const e = result as BudgetExceededError;
    expect(e.errorCode).toBe('BUDGET_EXCEEDED');
    expect([e.costCentreId, e.year, e.budget.toString(), e.committed.toString(), e.remaining.toString(), e.requested.toString()]).toEqual([cc, YEAR, '1000 NOK', '400 NOK', '600 NOK', '600.01 NOK']);
    expect(e.message).toBe(`Cost centre L-${codes} has too little left of its ${YEAR} budget: remaining NOK 600.00, requested NOK 600.01; an approver may override with a reason`);
    expect(await status(cc)).toMatchObject({ committed: '400', remaining: '600' });
    // Exactly up to the budget is fine.
    expect(await commit(cc, order('over-3'), '600')).toBeInstanceOf(CommitmentRecorded);
    expect(await status(cc)).toMatchObject({ committed: '1000', remaining: '0' });
  });

  it('lets an approver override with a reason, recorded on the commitment and in the audit', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('ovr-1'), '900');
    expect(await refusal(commit(cc, order('ovr-2'), '300', { reason: '   ', byUserId: approverId() }))).toBe('BAD_USER_INPUT: An override needs a reason');
    const result = (await commit(cc, order('ovr-2'), '300', { reason: ' Akutt behov ', byUserId: approverId() })) as CommitmentRecorded;
    expect([result.overridden, result.committed.toString(), result.remaining!.toString()]).toEqual([true, '1200 NOK', '-200 NOK']);
    expect(await t.sql('SELECT source_id, override_reason, overridden_by FROM cost_centre_commitment WHERE cost_centre_id = $1 ORDER BY id', [cc])).toEqual([
      { source_id: 'ovr-1', override_reason: null, overridden_by: null },
      { source_id: 'ovr-2', override_reason: 'Akutt behov', overridden_by: approverId() },
    ]);
    expect((await audit(cc)).at(-1)!.data.override).toEqual({ reason: 'Akutt behov', byUserId: approverId() });
  });

  it('counts a source once: committing it again replaces its amount', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('again'), '700');
    expect(await commit(cc, order('again'), '800')).toBeInstanceOf(CommitmentRecorded);
    expect(await status(cc)).toMatchObject({ committed: '800', remaining: '200' });
    // Its own earlier amount does not stand in its way, but the budget does.
    expect(await commit(cc, order('again'), '1000.50')).toBeInstanceOf(BudgetExceededError);
    expect(await status(cc)).toMatchObject({ committed: '800' });
  });

  it('has no control without a budget for the year: recorded, nothing remaining to speak of', async () => {
    const cc = await costCentre(null);
    const result = (await commit(cc, order('no-budget'), '5000000')) as CommitmentRecorded;
    expect([result.budget, result.remaining, result.committed.toString()]).toEqual([null, null, '5000000 NOK']);
    expect(await status(cc)).toEqual({ budget: null, committed: '5000000', invoiced: '0', remaining: null });
  });

  it('refuses another organisation’s cost centre, and amounts the ledger cannot hold', async () => {
    const cc = await costCentre('1000');
    const vestby = t.world.buyerSetup.costCentres['vestby:100'];
    expect(await refusal(inTx((tx) => commitments.commit(tx, { organisationId: skole(), costCentreId: vestby, year: YEAR, source: order('x'), amount: nok('1') })))).toBe(
      `NOT_FOUND: Cost centre ${vestby} was not found`,
    );
    expect(await refusal(commit(cc, order('neg'), '-1'))).toMatch(/^BAD_USER_INPUT: amount must not be negative/);
    expect(await refusal(commit(cc, order('frac'), '1.005'))).toMatch(/^BAD_USER_INPUT: amount must have at most 2 decimals/);
    expect(await refusal(inTx((tx) => commitments.commit(tx, { organisationId: skole(), costCentreId: cc, year: YEAR, source: order('eur'), amount: Money.of('1', 'EUR') })))).toBe(
      'BAD_USER_INPUT: amount must be in NOK, not EUR',
    );
    expect(await status(cc)).toMatchObject({ committed: '0' });
  });

  it('rolls back with the caller’s transaction', async () => {
    const cc = await costCentre('1000');
    await expect(
      inTx(async (tx) => {
        await commitments.commit(tx, { organisationId: skole(), costCentreId: cc, year: YEAR, source: order('rolled-back'), amount: nok('100') });
        throw new Error('approval failed later');
      }),
    ).rejects.toThrow('approval failed later');
    expect(await status(cc)).toMatchObject({ committed: '0' });
  });
});

describe('releasing and adjusting', () => {
  it('release frees the headroom, once; releasing again or an unknown source does nothing', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('rel-1'), '800');
    expect(await commit(cc, order('rel-2'), '300')).toBeInstanceOf(BudgetExceededError);
    await inTx((tx) => commitments.release(tx, order('rel-1')));
    expect(await status(cc)).toMatchObject({ committed: '0', remaining: '1000' });
    expect(await commit(cc, order('rel-2'), '300')).toBeInstanceOf(CommitmentRecorded);
    await inTx((tx) => commitments.release(tx, order('rel-1')));
    await inTx((tx) => commitments.release(tx, order('never-committed')));
    expect(await status(cc)).toMatchObject({ committed: '300', remaining: '700' });
    expect((await audit(cc)).map((a) => a.action)).toEqual(['cost-centre.committed', 'cost-centre.commitment-released', 'cost-centre.committed']);
  });

  it('adjust records an accepted change even past the budget, and says so in the audit', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('adj'), '900');
    await inTx((tx) => commitments.adjust(tx, order('adj'), nok('850.50')));
    expect(await status(cc)).toMatchObject({ committed: '850.5', remaining: '149.5' });
    await inTx((tx) => commitments.adjust(tx, order('adj'), nok('1200')));
    expect(await status(cc)).toMatchObject({ committed: '1200', remaining: '-200' });
    expect((await audit(cc)).slice(1).map((a) => [a.action, a.data.from, a.data.to, a.data.overBudget])).toEqual([
      ['cost-centre.commitment-adjusted', '900.00', '850.5', false],
      ['cost-centre.commitment-adjusted', '850.50', '1200', true],
    ]);
    expect(await refusal(inTx((tx) => commitments.adjust(tx, order('no-such'), nok('1'))))).toBe('NOT_FOUND: Commitment for ORDER no-such was not found');
  });
});

describe('invoicing a commitment', () => {
  it('records invoiced amounts (never below 0), audited, without waiting for a commit holding the budget', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('invoiced-1'), '300');
    // Another approval on the same budget holds its row until it ends.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const holder = inTx(async (tx) => {
      await tx.manager.query('SELECT 1 FROM cost_centre_budget WHERE cost_centre_id = $1 AND year = $2 FOR UPDATE', [cc, YEAR]);
      locked();
      await held;
    });
    await lockTaken;
    const invoiced = await Promise.race([
      inTx((tx) => commitments.invoice(tx, order('invoiced-1'), nok('120.50'), { type: 'INVOICE', id: '1' })),
      new Promise((r) => setTimeout(() => r('waited for the budget row'), 3000)),
    ]);
    release();
    await holder;
    expect(invoiced).toBe(true);
    expect(await inTx((tx) => commitments.invoice(tx, order('invoiced-1'), nok('-500'), { type: 'CREDIT_NOTE', id: '2' }))).toBe(true);
    expect(await inTx((tx) => commitments.invoice(tx, order('no-such-order'), nok('10'), { type: 'INVOICE', id: '3' }))).toBe(false);
    expect(await status(cc)).toEqual({ budget: '1000', committed: '300', invoiced: '0', remaining: '700' });
    const events = await t.sql<{ data: any }>(`SELECT data FROM audit_event WHERE entity_type = 'cost_centre' AND entity_id = $1 AND action = 'cost-centre.invoiced' ORDER BY id`, [String(cc)]);
    expect(events.map((e) => [e.data.amount, e.data.invoiced])).toEqual([
      ['120.5', '120.50'],
      ['-500', '0.00'],
    ]);
  });
});

describe('what an entry charges the budget: the larger of its amount and what was invoiced of it (issue 16)', () => {
  const invoice = (source: string, amount: string, id: string) => inTx((tx) => commitments.invoice(tx, order(source), nok(amount), { type: 'INVOICE', id }));
  const entry = (source: string) => t.sql(`SELECT amount::text, invoiced::text FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [source]).then((r) => r[0]);

  it('counts an invoice approved above its commitment in full, in the totals and against the next commit; a credit note gives it back', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('over-inv-1'), '600');
    // Accounts payable approves 650 of the 600 committed (a price variance, with a reason): the amount stays, 650 is charged.
    expect(await invoice('over-inv-1', '650', '11')).toBe(true);
    expect(await entry('over-inv-1')).toEqual({ amount: '600.00', invoiced: '650.00' });
    expect(await status(cc)).toEqual({ budget: '1000', committed: '650', invoiced: '650', remaining: '350' });

    // 400 would fit beside the 600 committed, not beside the 650 spent.
    const refused = await commit(cc, order('over-inv-2'), '400');
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect([(refused as BudgetExceededError).committed.toString(), (refused as BudgetExceededError).remaining.toString()]).toEqual(['650 NOK', '350 NOK']);
    expect(await commit(cc, order('over-inv-2'), '350')).toBeInstanceOf(CommitmentRecorded);
    expect(await status(cc)).toMatchObject({ committed: '1000', remaining: '0' });

    // A credit note of 30 lowers the charge to 620; one of 100 more leaves it at the 600 committed, never below.
    expect(await invoice('over-inv-1', '-30', '12')).toBe(true);
    expect(await status(cc)).toEqual({ budget: '1000', committed: '970', invoiced: '620', remaining: '30' });
    expect(await invoice('over-inv-1', '-100', '13')).toBe(true);
    expect(await status(cc)).toEqual({ budget: '1000', committed: '950', invoiced: '520', remaining: '50' });
    expect(await entry('over-inv-1')).toEqual({ amount: '600.00', invoiced: '520.00' });
    const events = await t.sql<{ data: any }>(`SELECT data FROM audit_event WHERE entity_type = 'cost_centre' AND entity_id = $1 AND action = 'cost-centre.invoiced' ORDER BY id`, [String(cc)]);
    expect(events.map((e) => [e.data.invoiced, e.data.charged])).toEqual([
      ['650.00', '650'],
      ['620.00', '620'],
      ['520.00', '600'],
    ]);
  });

  it('keeps what was invoiced charged when the entry is released or settled below it', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('rel-inv'), '500');
    await invoice('rel-inv', '200', '21');
    // A cancelled order: what was promised and not invoiced (300) is freed, the 200 spent stays.
    await inTx((tx) => commitments.release(tx, order('rel-inv')));
    expect(await status(cc)).toEqual({ budget: '1000', committed: '200', invoiced: '200', remaining: '800' });
    const [released] = await t.sql<{ data: any }>(`SELECT data FROM audit_event WHERE entity_type = 'cost_centre' AND entity_id = $1 AND action = 'cost-centre.commitment-released'`, [String(cc)]);
    expect(released.data).toMatchObject({ amount: '500.00', invoiced: '200.00' });

    // A closed order: 300 invoiced, 100 delivered. The commitment becomes 100, the charge stays 300 until the 200 not delivered is credited.
    await commit(cc, order('settle-inv'), '500');
    await invoice('settle-inv', '300', '22');
    await inTx((tx) => commitments.settle(tx, order('settle-inv'), nok('100')));
    expect(await entry('settle-inv')).toEqual({ amount: '100.00', invoiced: '300.00' });
    expect(await status(cc)).toMatchObject({ committed: '500', invoiced: '500', remaining: '500' });
    await invoice('settle-inv', '-200', '23');
    expect(await status(cc)).toMatchObject({ committed: '300', invoiced: '300', remaining: '700' });
  });
});

describe('concurrent commitments', () => {
  it('never overdraw the budget: of 8 parallel approvals where 5 fit, exactly 5 succeed', async () => {
    const cc = await costCentre('500');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inTx(async (tx) => {
          const r = await commitments.commit(tx, { organisationId: skole(), costCentreId: cc, year: YEAR, source: order(`race-${i}`), amount: nok('100') });
          // Hold the transaction open a little, as an approval does more work after committing.
          await tx.manager.query('SELECT pg_sleep(0.1)');
          return r;
        }),
      ),
    );
    expect(results.filter((r) => r instanceof CommitmentRecorded)).toHaveLength(5);
    expect(results.filter((r) => r instanceof BudgetExceededError)).toHaveLength(3);
    expect(await status(cc)).toMatchObject({ committed: '500', remaining: '0' });
    const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM cost_centre_commitment WHERE cost_centre_id = $1', [cc]);
    expect(n).toBe(5);
  });
});

describe('GraphQL', () => {
  it('shows budget, committed, invoiced and remaining per year on the cost centre', async () => {
    const cc = await costCentre('1000');
    await commit(cc, order('gql-1'), '250.40');
    await commit(cc, order('gql-2'), '100');
    const token = await t.login(APPROVER);
    const res = await t.gql(token, 'query($id: Int!) { costCentre(id: $id) { budgets { year amount committed invoiced remaining } } }', { id: cc });
    expect(res.errors).toBeUndefined();
    expect(res.data.costCentre.budgets).toEqual([{ year: YEAR, amount: '1000.00', committed: '350.40', invoiced: '0.00', remaining: '649.60' }]);

    // The whole list's totals come in one grouped query, not one per cost centre.
    const totals = jest.spyOn(t.app.get(CommitmentRepository), 'totals');
    const list = await t.gql(token, '{ costCentres(first: 100) { edges { node { id budgets { year committed invoiced remaining } } } } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.costCentres.edges.length).toBeGreaterThan(3);
    expect(totals).toHaveBeenCalledTimes(1);
    totals.mockRestore();
    const node = list.data.costCentres.edges.find((e: any) => e.node.id === cc).node;
    expect(node.budgets).toEqual([{ year: YEAR, committed: '350.40', invoiced: '0.00', remaining: '649.60' }]);

    // 300 invoiced of the 250.40 committed: the budget holder sees it charged in full.
    await inTx((tx) => commitments.invoice(tx, order('gql-1'), nok('300'), { type: 'INVOICE', id: '31' }));
    const over = await t.gql(token, 'query($id: Int!) { costCentre(id: $id) { budgets { committed invoiced remaining } } }', { id: cc });
    expect(over.data.costCentre.budgets).toEqual([{ committed: '400.00', invoiced: '300.00', remaining: '600.00' }]);
  });
});
