import { Client } from 'pg';
import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { generateInsightFacts } from './bench/insight-facts-generator';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The insight benchmark's generator (issue 16 §6c) writes its facts beside the demo world's own
 * (the demo's orders and invoices have facts too, from id 1), and the reports read them: a bench
 * that cannot fill its tables measures nothing (it once stopped at its first INSERT on a key the
 * demo held).
 */
/** A report's row cap low enough for the generated facts to pass it. */
const MAX_ROWS = 60;
let t: TestApp;
let pg: Client;
beforeAll(async () => {
  // With the demo's orders and invoices, as `npm start` and the benchmarks seed it, and their facts written.
  t = await startTestApp({ INSIGHT_MAX_ROWS: String(MAX_ROWS) }, { activity: true });
  await t.app.get(OutboxDispatcher).drain();
  pg = new Client({ connectionString: t.databaseUrl });
  await pg.connect();
});
afterAll(async () => {
  await pg?.end();
  await t?.close();
});

const counts = async () =>
  (
    await pg.query(`SELECT (SELECT count(*) FROM insights_order_line)::int AS "orderLines", (SELECT count(*) FROM insights_invoice_line)::int AS "invoiceLines",
                           (SELECT count(*) FROM insights_invoice)::int AS invoices, (SELECT max(order_line_id) FROM insights_order_line)::int AS "lastOrderLine"`)
  ).rows[0];
/** What the facts up to this order line (the demo's) add up to. */
const orderedUpTo = async (orderLineId: number) => (await pg.query(`SELECT sum(amount)::text AS s, count(*)::int AS n FROM insights_order_line WHERE order_line_id <= $1`, [orderLineId])).rows[0];

it('fills the fact tables beside the demo world’s facts, which it leaves as they were, and the purchasing unit’s loyalty report counts its buyers’ lines', async () => {
  const before = await counts();
  expect(before.orderLines).toBeGreaterThan(0); // the demo's own facts: the generator's ids must start after them
  const demo = await orderedUpTo(before.lastOrderLine);
  const world = await generateInsightFacts(pg, { municipalities: 2, unitsEach: 2, supplierCount: 3, orderLines: 100, invoiceLines: 40 });
  const after = await counts();
  expect(after.orderLines - before.orderLines).toBe(100);
  expect(after.invoiceLines - before.invoiceLines).toBe(40);
  expect(after.invoices - before.invoices).toBe(10); // 4 lines an invoice
  expect(world.buyers).toHaveLength(2 * 3);

  const purchaser = await t.login('innkjoper@storby.example');
  const res = await t.gql(purchaser, `query { insightLoyalty(filter: { groupBy: [ORGANISATION] }) { organisationId lines total } }`);
  expect(res.errors).toBeUndefined();
  // A row per buyer organisation that bought: the generated ones hold every generated line (none of its 20 orders is cancelled).
  const generated = res.data.insightLoyalty.filter((r: any) => world.buyers.includes(r.organisationId));
  expect(generated.length).toBeGreaterThan(1);
  expect(generated.reduce((n: number, r: any) => n + r.lines, 0)).toBe(100);
  expect(await orderedUpTo(before.lastOrderLine)).toEqual(demo);
});

it('refuses a report wider than INSIGHT_MAX_ROWS with what would narrow it, over GraphQL and as an export, and answers the narrower one', async () => {
  const purchaser = await t.login('innkjoper@storby.example');
  // Every commodity of every organisation by month: a row for nearly each of the generated lines.
  const wide = { groupBy: ['ORGANISATION', 'CATEGORY', 'PERIOD'], unspscLevel: 'COMMODITY' };
  const refused = await t.gql(purchaser, `query($f: InsightFilter) { insightLoyalty(filter: $f) { lines } }`, { f: wide });
  expect(refused.data).toBeNull();
  expect(refused.errors![0]).toMatchObject({
    message: expect.stringMatching(/^The report has more than 60 rows \(INSIGHT_MAX_ROWS\): narrow it by period \(from, to\), category/),
    extensions: { code: 'BAD_USER_INPUT', field: 'groupBy' },
  });
  const exported = await t.http.get('/insights/loyalty.csv').query({ groupBy: 'ORGANISATION,CATEGORY,PERIOD', unspscLevel: 'COMMODITY' }).set('Authorization', `Bearer ${purchaser}`);
  expect(exported.status).toBe(400);
  expect(JSON.stringify(exported.body)).toContain('more than 60 rows');
  // By organisation alone it is a few rows, answered.
  const narrow = await t.gql(purchaser, `query { insightLoyalty(filter: { groupBy: [ORGANISATION] }) { lines } }`);
  expect(narrow.errors).toBeUndefined();
  expect(narrow.data.insightLoyalty.length).toBeGreaterThan(1);
  expect(narrow.data.insightLoyalty.length).toBeLessThanOrEqual(MAX_ROWS);
});
