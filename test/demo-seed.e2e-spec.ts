import { DEMO_ACTIVITY } from '../src/seed/demo-data';
import { seedDemo } from '../src/seed/demo-seed';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What `npm start` seeds for a newcomer (README, "Demo users" and after): the demo world and its
 * purchasing history (src/seed/demo-activity.ts), placed through the services. The dashboards,
 * the exception queue and the suppliers' invoice lists are read over GraphQL as the demo users
 * read them, so each assertion fails if the seed leaves that screen empty; and a second seed (a
 * restart on the same data) adds nothing.
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
  expect(invoices).toEqual([
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
  expect(Object.fromEntries(orders.data.insightOrders.map((r: any) => [r.organisationName, r.orders]))).toEqual({ 'Nordby skole': 4, 'Storby sykehjem': 5 });

  const spend = await t.gql(unit, `{ insightSpend(filter: { groupBy: [SUPPLIER] }) { supplierName amount } }`);
  expect(spend.data.insightSpend.length).toBeGreaterThanOrEqual(3);

  const eco = await t.gql(unit, `{ insightEcoLabelledSpend { ecoLabelled notLabelled } }`);
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
  expect(exceptions.data.insightInvoiceExceptions[0]).toMatchObject({ received: expect.any(Number), exceptions: expect.any(Number) });
  expect(exceptions.data.insightInvoiceExceptions[0].exceptions).toBeGreaterThan(0);
});

it('shows each supplier its own invoices, and only those', async () => {
  const list = async (email: string) => {
    const res = await t.gql(await t.login(email), `{ invoices(first: 20) { edges { node { number kind status } } } }`);
    expect(res.errors).toBeUndefined();
    return res.data.invoices.edges.map((e: any) => e.node).sort((a: any, b: any) => a.number.localeCompare(b.number));
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
