/**
 * npm run bench:insights [-- --lines N] [--runs N] [--keep]   (npm run bench runs it last)
 *
 * Insight reports over generated facts (issue 16 §6 c): N order-line and N invoice-line facts
 * (default 1,000,000 each) over 20 municipalities of 10 organisations each, 300 suppliers,
 * 10,000 UNSPSC codes and 36 months, written set-based into insights' fact tables; then each
 * report through GraphQL over HTTP, as a municipality's ADMIN (its own tree) and as the
 * purchasing unit's PURCHASER (every participant: all the facts), over all 36 months. Prints
 * p50 and p95 per report; target p95 ≤ 100 ms for loyalty and leakage by organisation, segment
 * and month.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { startDemoService, freePort, ms, percentile, printTable } from './bench-support';
import { generateInsightFacts } from './insight-facts-generator';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LINES = flag('lines', 1_000_000);
const RUNS = flag('runs', 40);
const WARM_UP = 3;

/** The reports timed: [label, query field, filter]; the first six carry the target. */
const REPORTS: [string, string, Record<string, unknown>][] = [
  ['loyalty by organisation', 'insightLoyalty', { groupBy: ['ORGANISATION'] }],
  ['loyalty by segment', 'insightLoyalty', { groupBy: ['CATEGORY'] }],
  ['loyalty by month', 'insightLoyalty', { groupBy: ['PERIOD'] }],
  ['leakage by organisation', 'insightLeakage', { groupBy: ['ORGANISATION'] }],
  ['leakage by segment', 'insightLeakage', { groupBy: ['CATEGORY'] }],
  ['leakage by month', 'insightLeakage', { groupBy: ['PERIOD'] }],
  ['loyalty by month × segment', 'insightLoyalty', { groupBy: ['PERIOD', 'CATEGORY'] }],
  ['loyalty, invoiced, by month', 'insightLoyalty', { groupBy: ['PERIOD'], basis: 'INVOICED' }],
  ['loyalty of one segment by class', 'insightLoyalty', { groupBy: ['CATEGORY'], unspscLevel: 'CLASS', unspscCode: '44000000' }],
  ['spend by supplier', 'insightSpend', { groupBy: ['SUPPLIER'] }],
  ['orders by month (approval time)', 'insightOrders', {}],
  ['invoices by month (e-order share, lead time)', 'insightInvoices', {}],
  ['invoice exceptions by month and reason', 'insightInvoiceExceptions', {}],
  ['off-agreement lines, newest 100', 'insightOffAgreementLines', {}],
  ['ceiling use', 'insightCeilingUse', {}],
];

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'torg-bench-insights-'));
  const log = (m: string) => process.stderr.write(`[bench:insights] ${m}\n`);
  const db = await startEmbeddedDatabase(join(work, 'data'), await freePort(), log);
  let service: ChildProcess | undefined;
  const rows: [string, string, string][] = [];
  try {
    const { service: running, api } = await startDemoService(db.url);
    service = running;
    const pg = new Client({ connectionString: db.url });
    pg.on('error', (e) => log(`generator connection: ${e.message}`));
    await pg.connect();
    const t0 = performance.now();
    const world = await generateInsightFacts(pg, { municipalities: 20, unitsEach: 9, supplierCount: 300, orderLines: LINES, invoiceLines: LINES });
    const generated = (performance.now() - t0) / 1000;
    const operator = await api.login('operator@torg.example');
    const municipality = world.municipalities[5];
    await api.gql(operator, `mutation($o: Int!) { grantMembership(input: { email: "admin@bench.example", name: "Bench admin", organisationId: $o, roles: [ADMIN] }) { userId } }`, {
      o: municipality,
    });
    const [{ n: covered }] = (
      await pg.query(`SELECT count(*)::int AS n FROM insights_order_line WHERE buyer_organisation_id IN (SELECT id FROM organisation WHERE id = $1 OR parent_id = $1)`, [municipality])
    ).rows;
    await pg.end();
    rows.push(['facts generated', `${(2 * LINES).toLocaleString('en')} lines`, `${generated.toFixed(0)} s (order and invoice lines, VACUUM ANALYZE)`]);

    const scopes: [string, string][] = [
      [`one municipality (10 organisations, ${covered.toLocaleString('en')} order lines)`, await api.login('admin@bench.example')],
      [`purchasing unit (${world.buyers.length} organisations, all ${LINES.toLocaleString('en')})`, await api.login('innkjoper@storby.example')],
    ];
    for (const [scope, token] of scopes) {
      rows.push([scope, '', '']);
      for (const [label, field, filter] of REPORTS) {
        const query = `query($f: InsightFilter) { r: ${field}(filter: $f) { __typename } }`;
        let answered = 0;
        const times: number[] = [];
        for (let i = 0; i < WARM_UP + RUNS; i++) {
          const started = performance.now();
          answered = (await api.gql(token, query, { f: filter })).r.length;
          if (i >= WARM_UP) times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        rows.push([`  ${label}`, `p95 ${ms(percentile(times, 95))}`, `p50 ${ms(percentile(times, 50))}; ${answered} rows`]);
      }
    }
  } finally {
    service?.kill('SIGTERM');
    await new Promise((r) => (service ? service.once('exit', r) : r(undefined)));
    await db.stop();
    if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
  printTable(`Torg insight benchmark: ${LINES.toLocaleString('en')} order lines + ${LINES.toLocaleString('en')} invoice lines, 36 months, ${RUNS} runs per report; ${cpus().length} cores`, rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
