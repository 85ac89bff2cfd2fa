import { DEMO_ACTIVITY, DEMO_FEATURED, DEMO_ROUTINE_MONTHS } from '../src/seed/demo-data';
import { seedDemo } from '../src/seed/demo-seed';
import { approvedOrder } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What `npm start` seeds for a newcomer (README, "Demo users" and after): the demo world and its
 * purchasing history (src/seed/demo-activity.ts), placed through the services. The dashboards,
 * the exception queue and the suppliers' invoice lists are read over GraphQL as the demo users
 * read them, so each assertion fails if the seed leaves that screen empty; the history spreads
 * over the past year (each step's business time is its RequestContext's acting time, which only
 * the seed sets), and a second seed (a restart on the same data) adds nothing.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { activity: true });
}, 300_000);
afterAll(() => t?.close());

const num = (v: string) => Number(v);

it('places every demo order and invoice, each invoice through the document intake', async () => {
  expect(Object.keys(t.world.activity!.orders).sort()).toEqual(DEMO_ACTIVITY.orders.map((o) => o.key).sort());
  expect(Object.keys(t.world.activity!.invoices).sort()).toEqual(DEMO_ACTIVITY.invoices.map((i) => i.number).sort());
  // The README names them by id: the featured first (orders 1–9, invoices 1–6), the routine after.
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  expect(DEMO_ACTIVITY.orders.map((o) => t.world.activity!.orders[o.key])).toEqual(range(DEMO_ACTIVITY.orders.length));
  expect(DEMO_ACTIVITY.invoices.map((i) => t.world.activity!.invoices[i.number])).toEqual(range(DEMO_ACTIVITY.invoices.length));
  expect([DEMO_FEATURED.orders.length, DEMO_FEATURED.invoices.length, DEMO_ACTIVITY.orders.length]).toEqual([9, 6, 29]);
  const orders = await t.sql(`SELECT id, status FROM purchase_order ORDER BY id`);
  const status = (key: string) => orders.find((o) => o.id === t.world.activity!.orders[key])?.status;
  expect({ paper: status('paper'), chairs: status('chairs'), it: status('it'), care: status('care'), cleaning: status('cleaning'), outside: status('paper-outside') }).toEqual({
    paper: 'RECEIVED',
    chairs: 'RECEIVED',
    it: 'RECEIVED',
    care: 'ACCEPTED',
    cleaning: 'RECEIVED',
    outside: 'SENT',
  });
  // Each invoice names the document it came as (the ERP's to POST /documents' intake, the portal's too).
  const invoices = await t.sql(`SELECT i.invoice_number AS number, d.document_type AS type FROM invoice i JOIN received_document d ON d.id = i.received_document_id ORDER BY 1`);
  expect(invoices).toHaveLength(DEMO_ACTIVITY.invoices.length);
  expect(invoices.filter((i) => DEMO_FEATURED.invoices.includes(i.number))).toEqual([
    { number: 'DU-5501', type: 'Invoice' },
    { number: 'KL-70001', type: 'Invoice' },
    { number: 'KL-70002', type: 'Invoice' },
    { number: 'KL-K-70001', type: 'CreditNote' },
    { number: 'MF-2026-0412', type: 'Invoice' },
    { number: 'MF-2026-0413', type: 'Invoice' },
  ]);
});

it("shows the purchasing unit's loyalty with on- and off-agreement spend, leakage, statistics and eco-labelled spend", async () => {
  const unit = await t.login('innkjoper@storby.example');
  const loyalty = await t.gql(unit, `{ insightLoyalty(filter: { groupBy: [ORGANISATION] }) { organisationName onAgreement offAgreement offCatalogue } }`);
  expect(loyalty.errors).toBeUndefined();
  const byOrg = Object.fromEntries(loyalty.data.insightLoyalty.map((r: any) => [r.organisationName, r]));
  for (const org of ['Nordby skole', 'Storby sykehjem']) {
    expect(num(byOrg[org].onAgreement)).toBeGreaterThan(0);
    expect(num(byOrg[org].offAgreement)).toBeGreaterThan(0);
  }
  const invoiced = await t.gql(unit, `{ insightLoyalty(filter: { basis: INVOICED }) { onAgreement } }`);
  expect(num(invoiced.data.insightLoyalty[0].onAgreement)).toBeGreaterThan(0);

  const leakage = await t.gql(unit, `{ insightLeakage(filter: { groupBy: [CATEGORY], unspscLevel: SEGMENT }) { category amount linesWithAlternative potentialSaving } }`);
  expect(leakage.data.insightLeakage.map((r: any) => r.category).sort()).toEqual(['14000000', '43000000']);
  for (const r of leakage.data.insightLeakage) expect(num(r.potentialSaving)).toBeGreaterThan(0);

  const lines = await t.gql(unit, `{ insightOffAgreementLines { justificationCode justificationText supplierName } }`);
  expect(lines.data.insightOffAgreementLines.map((l: any) => l.justificationCode).sort()).toEqual(['ITEM_NOT_IN_AGREEMENT', 'URGENT_NEED']);

  const orders = await t.gql(unit, `{ insightOrders(filter: { groupBy: [ORGANISATION] }) { organisationName orders averageApprovalHours } }`);
  // The featured orders, and a routine order a month each (seed/demo-data.ts).
  expect(Object.fromEntries(orders.data.insightOrders.map((r: any) => [r.organisationName, r.orders]))).toEqual({
    'Nordby skole': 4 + DEMO_ROUTINE_MONTHS,
    'Storby sykehjem': 5 + DEMO_ROUTINE_MONTHS,
  });

  const spend = await t.gql(unit, `{ insightSpend(filter: { groupBy: [SUPPLIER] }) { supplierName amount } }`);
  expect(spend.data.insightSpend.length).toBeGreaterThanOrEqual(3);

  // One row of totals: by period (the default), the history's months each have their own.
  const eco = await t.gql(unit, `{ insightEcoLabelledSpend(filter: { groupBy: [] }) { ecoLabelled notLabelled } }`);
  expect(eco.errors).toBeUndefined();
  expect(num(eco.data.insightEcoLabelledSpend[0].ecoLabelled)).toBeGreaterThan(0);
  expect(num(eco.data.insightEcoLabelledSpend[0].notLabelled)).toBeGreaterThan(0);
});

it('gives accounts payable an exception queue with a price variance and an invoice waiting for goods', async () => {
  const ap = await t.login('faktura@storby.example');
  const queue = await t.gql(ap, `{ invoiceExceptions(first: 20) { totalCount edges { node { number status reasons { code } } } } }`);
  expect(queue.errors).toBeUndefined();
  expect(queue.data.invoiceExceptions.edges.map((e: any) => ({ number: e.node.number, status: e.node.status, codes: [...new Set(e.node.reasons.map((r: any) => r.code))] }))).toEqual([
    { number: 'KL-70002', status: 'EXCEPTION', codes: expect.arrayContaining(['PRICE_ABOVE_AGREED']) },
    { number: 'MF-2026-0412', status: 'WAITING', codes: ['NOT_RECEIVED'] },
  ]);
  const exceptions = await t.gql(ap, `{ insightInvoiceExceptions(filter: { groupBy: [PERIOD] }) { received exceptions } }`);
  for (const row of exceptions.data.insightInvoiceExceptions) expect(row).toMatchObject({ received: expect.any(Number), exceptions: expect.any(Number) });
  expect(exceptions.data.insightInvoiceExceptions.some((r: any) => r.exceptions > 0)).toBe(true);
});

it('shows each supplier its own invoices, and only those', async () => {
  const routine = new Set<string>();
  const list = async (email: string) => {
    const res = await t.gql(await t.login(email), `{ invoices(first: 50) { edges { node { number kind status } } } }`);
    expect(res.errors).toBeUndefined();
    const all = res.data.invoices.edges.map((e: any) => e.node).sort((a: any, b: any) => a.number.localeCompare(b.number));
    // The routine invoices match their orders: approved.
    for (const i of all.filter((i: any) => !DEMO_FEATURED.invoices.includes(i.number))) {
      expect(i).toMatchObject({ kind: 'INVOICE', status: 'APPROVED' });
      routine.add(i.number);
    }
    return all.filter((i: any) => DEMO_FEATURED.invoices.includes(i.number));
  };
  expect(await list('katalog@kontorland.example')).toEqual([
    { number: 'KL-70001', kind: 'INVOICE', status: 'APPROVED' },
    { number: 'KL-70002', kind: 'INVOICE', status: 'EXCEPTION' },
    { number: 'KL-K-70001', kind: 'CREDIT_NOTE', status: 'APPROVED' },
  ]);
  expect(await list('katalog@medisinsk.example')).toEqual([
    { number: 'MF-2026-0412', kind: 'INVOICE', status: 'WAITING' },
    { number: 'MF-2026-0413', kind: 'INVOICE', status: 'APPROVED' },
  ]);
  expect(await list('katalog@datautstyr.example')).toEqual([{ number: 'DU-5501', kind: 'INVOICE', status: 'APPROVED' }]);
  expect(routine.size).toBe(DEMO_ACTIVITY.invoices.length - DEMO_FEATURED.invoices.length);
});

it('seeds nothing a second time (a restart on the same data)', async () => {
  const counts = () =>
    t.sql(`SELECT (SELECT count(*) FROM organisation)::int AS orgs, (SELECT count(*) FROM purchase_order)::int AS orders, (SELECT count(*) FROM invoice)::int AS invoices,
      (SELECT count(*) FROM received_document)::int AS documents, (SELECT count(*) FROM insights_order_line)::int AS "orderFacts", (SELECT count(*) FROM insights_invoice)::int AS "invoiceFacts"`);
  const before = await counts();
  expect(before[0]).toMatchObject({ orders: DEMO_ACTIVITY.orders.length, invoices: DEMO_ACTIVITY.invoices.length });
  expect(await seedDemo(t.app, undefined, { activity: true })).toBeNull();
  expect(await counts()).toEqual(before);
});

describe('the demo history over the past year', () => {
  const month = (d: Date | string) => new Date(d).toISOString().slice(0, 7);
  const ids = () => ({ orders: Object.values(t.world.activity!.orders), invoices: Object.values(t.world.activity!.invoices) });

  it('approves the orders and dates the invoices over at least six past months, each step after the one before', async () => {
    const seededAt = new Date();
    const orders = await t.sql(
      `SELECT o.id, o.submitted_at, o.decided_at, o.sent_at, (SELECT min(r.created_at) FROM order_response r WHERE r.order_id = o.id) AS answered_at,
              (SELECT min(g.received_at) FROM goods_receipt g WHERE g.order_id = o.id) AS received_at
         FROM purchase_order o WHERE o.id = ANY($1::int[])`,
      [ids().orders],
    );
    expect(orders).toHaveLength(DEMO_ACTIVITY.orders.length);
    for (const o of orders) {
      expect(o.decided_at.getTime()).toBeGreaterThanOrEqual(o.submitted_at.getTime());
      expect(o.decided_at.getTime()).toBeLessThan(seededAt.getTime());
      if (o.answered_at) expect(o.answered_at.getTime()).toBeGreaterThan(o.decided_at.getTime());
      if (o.received_at) expect(o.received_at.getTime()).toBeGreaterThan(o.decided_at.getTime());
    }
    // The chairs waited for their approver (above the requester's limit); the paper was within it, approved at submission.
    const approvalHours = (key: string) => {
      const o = orders.find((r) => r.id === t.world.activity!.orders[key])!;
      return (o.decided_at.getTime() - o.submitted_at.getTime()) / 3_600_000;
    };
    expect([approvalHours('chairs'), approvalHours('paper')]).toEqual([27, 0]);
    const perMonth = (dates: Date[]) => [...dates.reduce((m, d) => m.set(month(d), (m.get(month(d)) ?? 0) + 1), new Map<string, number>()).values()];
    expect(perMonth(orders.map((o) => o.decided_at)).length).toBeGreaterThanOrEqual(6);
    // Several orders in most months, not one a month.
    expect(perMonth(orders.map((o) => o.decided_at)).filter((n) => n >= 2).length).toBeGreaterThanOrEqual(6);
    expect(Math.min(...orders.map((o) => o.submitted_at.getTime()))).toBeLessThan(seededAt.getTime() - 300 * 86_400_000);

    const invoices = await t.sql(
      `SELECT i.invoice_number AS number, i.issue_date::text AS issue_date, i.received_at, i.matched_at, i.decided_at,
              (SELECT max(g.received_at) FROM goods_receipt g WHERE g.order_id = i.order_id) AS goods_at,
              (SELECT max(r.created_at) FROM invoice_response r WHERE r.invoice_id = i.id) AS answered_at
         FROM invoice i WHERE i.id = ANY($1::int[])`,
      [ids().invoices],
    );
    expect(new Set(invoices.map((i) => i.issue_date.slice(0, 7))).size).toBeGreaterThanOrEqual(6);
    for (const i of invoices) {
      expect(i.received_at.getTime()).toBeLessThan(seededAt.getTime());
      expect(month(i.received_at)).toBe(i.issue_date.slice(0, 7));
      if (i.goods_at) expect(i.received_at.getTime()).toBeGreaterThan(i.goods_at.getTime());
      expect(i.matched_at.getTime()).toBe(i.received_at.getTime());
      if (i.decided_at) expect(i.decided_at.getTime()).toBe(i.received_at.getTime());
      expect(i.answered_at.getTime()).toBe(i.received_at.getTime());
    }
    const credit = invoices.find((i) => i.number === 'KL-K-70001')!;
    const credited = invoices.find((i) => i.number === 'KL-70001')!;
    expect(credit.received_at.getTime()).toBeGreaterThan(credited.received_at.getTime());
    // What stays real time: the audit trail and insights' recorded_at (the newer event wins).
    const [audit] = await t.sql(`SELECT min(occurred_at) AS first FROM audit_event WHERE entity_type = 'purchase_order' AND entity_id = ANY($1::text[])`, [ids().orders.map(String)]);
    expect(audit.first.getTime()).toBeGreaterThan(seededAt.getTime() - 3_600_000);
    const [facts] = await t.sql(`SELECT min(recorded_at) AS first, count(DISTINCT to_char(spend_date, 'YYYY-MM'))::int AS months FROM insights_order_line`);
    expect(facts.first.getTime()).toBeGreaterThan(seededAt.getTime() - 3_600_000);
    expect(facts.months).toBeGreaterThanOrEqual(6);
  });

  it('shows the purchasing unit spend, orders and invoices by month over several months', async () => {
    const unit = await t.login('innkjoper@storby.example');
    const res = await t.gql(
      unit,
      `{ spend: insightSpend(filter: { groupBy: [PERIOD] }) { period amount }
         orders: insightOrders(filter: { groupBy: [PERIOD] }) { period orders averageApprovalHours }
         invoices: insightInvoices(filter: { groupBy: [PERIOD] }) { period invoices creditNotes averageOrderToInvoiceDays } }`,
    );
    expect(res.errors).toBeUndefined();
    const { spend, orders, invoices } = res.data;
    expect(new Set(spend.map((r: any) => r.period)).size).toBeGreaterThanOrEqual(6);
    expect(orders.filter((r: any) => r.orders > 0).length).toBeGreaterThanOrEqual(6);
    expect(orders.reduce((n: number, r: any) => n + r.orders, 0)).toBe(DEMO_ACTIVITY.orders.length);
    // Approval took hours in some months, none in others (approved at submission).
    expect(orders.some((r: any) => r.averageApprovalHours > 1)).toBe(true);
    expect(invoices.filter((r: any) => r.invoices + r.creditNotes > 0).length).toBeGreaterThanOrEqual(4);
    expect(invoices.some((r: any) => r.averageOrderToInvoiceDays > 5)).toBe(true);
  });

  it('stamps an order placed through the API with the real time (nothing but the seed acts in the past)', async () => {
    const before = new Date();
    const order = await approvedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
    const after = new Date();
    const [row] = await t.sql(`SELECT submitted_at, decided_at FROM purchase_order WHERE id = $1`, [Number(order.id)]);
    for (const at of [row.submitted_at, row.decided_at]) {
      expect(at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(at.getTime()).toBeLessThanOrEqual(after.getTime() + 1000);
    }
  });
});
