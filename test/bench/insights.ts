/**
 * npm run bench:insights [-- --lines N] [--runs N] [--keep] [--sql-only] [--writer-only]   (npm run bench runs it last)
 *
 * Insight reports over generated facts (issue 16 §6 c): N order-line and N invoice-line facts
 * (default 1,000,000 each) over 20 municipalities of 10 organisations each, 300 suppliers,
 * 10,000 UNSPSC codes and 36 months, written set-based into insights' fact tables; then each
 * report through GraphQL over HTTP, as a municipality's ADMIN (its own tree) and as the
 * purchasing unit's PURCHASER (every participant: all the facts), over all 36 months. Prints
 * p50 and p95 per report; target p95 ≤ 100 ms for loyalty and leakage by organisation, segment
 * and month. Beside them the median of the report's statement run directly under EXPLAIN
 * ANALYZE (PostgreSQL's time alone: steadier than the request's on a shared machine), the
 * rollup or fact table it read and how many rows, and the machine's load average; and per scope a
 * floor, the smallest authenticated request (`me`), so that the reports can be read against what
 * any request costs on the machine at that moment.
 *
 * After the reports, the rollup triggers' write cost per fact line (insight-trigger-cost.ts): the
 * same lines inserted with no rollup trigger, without the class rollup's, without the
 * per-organisation class rollup's (migration 192), and with all. Before it, the fact writer's
 * cost per invoice with the triggers as migration 199 left them and as before
 * (insight-writer-cost.ts); `--writer-only` skips the reports and the trigger cost for it.
 *
 * `--sql-only` sends no request: each statistics report's statements (the last six below) and
 * the reports by organisation and class run under EXPLAIN ANALYZE twice in the same run, from the
 * fact lines (as before migrations 170 and 192) and as the service now sends them (from its
 * rollups), with the rows each read.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { subtreeTops } from '../../src/identity/organisation-tree';
import { startDemoService, freePort, ms, percentile, printTable } from './bench-support';
import { generateInsightFacts } from './insight-facts-generator';
import { insightQuery, statementTimes } from './insight-sql-timing';
import { rollupTriggerCost } from './insight-trigger-cost';
import { writerTriggerCost } from './insight-writer-cost';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LINES = flag('lines', 1_000_000);
const RUNS = flag('runs', 40);
const WARM_UP = 3;
/** Runs of each report's statement under EXPLAIN ANALYZE (the median is printed). */
const SQL_RUNS = 5;
const SQL_ONLY = args.includes('--sql-only');
/** Only the fact writer's cost per invoice with and without migration 199 (insight-writer-cost.ts): no reports. */
const WRITER_ONLY = args.includes('--writer-only');
/** The statistics reports that read rollups since migration 170 (their fact-line statements are timed beside them with --sql-only). */
const STATISTICS = new Set(['insightSpend', 'insightOrders', 'insightInvoices', 'insightInvoiceExceptions', 'insightOffAgreementLines', 'insightCeilingUse']);
/** Reports by organisation and family or class, which read migration 192's rollup (their fact-line statements are timed beside them with --sql-only too). */
const BY_ORGANISATION_AND_CLASS = new Set(['loyalty by organisation × class', 'leakage by organisation × family of one segment']);

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
  ['loyalty by organisation × class', 'insightLoyalty', { groupBy: ['ORGANISATION', 'CATEGORY'], unspscLevel: 'CLASS' }],
  ['leakage by organisation × family of one segment', 'insightLeakage', { groupBy: ['ORGANISATION', 'CATEGORY'], unspscLevel: 'FAMILY', unspscCode: '44000000' }],
  ['spend by supplier', 'insightSpend', { groupBy: ['SUPPLIER'] }],
  ['orders by month (approval time)', 'insightOrders', {}],
  ['invoices by month (e-order share, lead time)', 'insightInvoices', {}],
  ['invoice exceptions by month and reason', 'insightInvoiceExceptions', {}],
  ['off-agreement lines, newest 100', 'insightOffAgreementLines', {}],
  ['ceiling use', 'insightCeilingUse', {}],
];

/** Times RUNS requests after WARM_UP untimed ones; sorted milliseconds. */
async function timeRequests(request: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const started = performance.now();
    await request();
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

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
    const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
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
    rows.push(['facts generated', `${(2 * LINES).toLocaleString('en')} lines`, `${generated.toFixed(0)} s (order and invoice lines, VACUUM ANALYZE)`]);
    rows.push(['load average before the reports', load(), '1, 5, 15 minutes (2 cores: above 2, other work shares them)']);

    // Each scope as InsightsScope resolves it (its organisations and their subtrees' tops), for the statements run directly.
    const subtrees = async (roots: number[]) => {
      const found: { id: number; parentId: number | null }[] = (
        await pg.query(
          `WITH RECURSIVE down AS (SELECT id, parent_id FROM organisation WHERE id = ANY($1) UNION SELECT o.id, o.parent_id FROM organisation o JOIN down ON o.parent_id = down.id)
           SELECT id, parent_id AS "parentId" FROM down ORDER BY id`,
          [roots],
        )
      ).rows;
      return { ids: found.map((r) => r.id), tops: subtreeTops(found) };
    };
    const unit = (
      await pg.query(`SELECT o.id, array_agg(DISTINCT p.organisation_id) AS participants FROM organisation o JOIN agreement a ON a.purchasing_unit_id = o.id
                        JOIN agreement_participant p ON p.agreement_id = a.id WHERE o.org_number = '931000047' GROUP BY o.id`)
    ).rows[0];
    const scopes: [string, string, { ids: number[]; tops: number[] }][] = [
      [`one municipality (10 organisations, ${covered.toLocaleString('en')} order lines)`, await api.login('admin@bench.example'), await subtrees([municipality])],
      [`purchasing unit (${world.buyers.length} organisations, all ${LINES.toLocaleString('en')})`, await api.login('innkjoper@storby.example'), await subtrees([unit.id, ...unit.participants])],
    ];
    for (const [scope, token, organisations] of WRITER_ONLY ? [] : scopes) {
      rows.push([scope, '', `${organisations.tops.length} subtree tops`]);
      if (SQL_ONLY) {
        for (const [label, field, filter] of REPORTS.filter(([l, f]) => STATISTICS.has(f) || BY_ORGANISATION_AND_CLASS.has(l))) {
          const before = await statementTimes(pg, field, { ...insightQuery(organisations, filter), factLinesOnly: true }, SQL_RUNS);
          const after = await statementTimes(pg, field, insightQuery(organisations, filter), SQL_RUNS);
          rows.push([`  ${label}: fact lines`, `SQL ${ms(percentile(before.execution, 50))}`, `${before.rowsRead.toLocaleString('en')} rows read; ${before.top}`]);
          rows.push([`  ${label}: rollups`, `SQL ${ms(percentile(after.execution, 50))}`, `${after.rowsRead.toLocaleString('en')} rows read; ${after.top}`]);
          if (field === 'insightSpend' && !filter.from) {
            // Spend by supplier over all time reads migration 176's all-time rollups; from a date
            // before every fact (the same answer), it reads the yearly ones, as it did before 176.
            const yearly = await statementTimes(pg, field, insightQuery(organisations, { ...filter, from: '1900-01-01' }), SQL_RUNS);
            rows.push([`  ${label}: yearly rollups (as before migration 176)`, `SQL ${ms(percentile(yearly.execution, 50))}`, `${yearly.rowsRead.toLocaleString('en')} rows read; ${yearly.top}`]);
          }
        }
        continue;
      }
      // The floor: the same user's smallest authenticated GraphQL request, timed the same way. On a
      // shared machine the request's own cost (HTTP, auth, GraphQL) moves with the load; this shows it.
      const floor = await timeRequests(() => api.gql(token, `query { me { __typename } }`));
      rows.push(['  floor: `me` over the same HTTP and auth', `p95 ${ms(percentile(floor, 95))}`, `p50 ${ms(percentile(floor, 50))}; no report, to read the others against`]);
      for (const [label, field, filter] of REPORTS) {
        const query = `query($f: InsightFilter) { r: ${field}(filter: $f) { __typename } }`;
        let answered = '';
        const times = await timeRequests(async () => {
          try {
            answered = `${(await api.gql(token, query, { f: filter })).r.length} rows`;
          } catch (e) {
            // A report wider than INSIGHT_MAX_ROWS is refused: the time is the refusal's.
            if (!/more than [\d,]+ rows \(INSIGHT_MAX_ROWS\)/.test(String(e))) throw e;
            answered = 'refused, more than INSIGHT_MAX_ROWS rows';
          }
        });
        // The statement uncapped, as the report of that size would send it.
        const sql = await statementTimes(pg, field, insightQuery(organisations, filter), SQL_RUNS);
        rows.push([`  ${label}`, `p95 ${ms(percentile(times, 95))}`, `p50 ${ms(percentile(times, 50))}; SQL ${ms(percentile(sql.execution, 50))}; ${answered}; ${sql.top}`]);
      }
    }
    rows.push(['load average after the reports', load(), '']);
    // What the fact writer's statements cost per invoice, with the triggers as migration 199 left them and as before.
    const [batches, invoicesEach, linesPerInvoice] = [40, 4, 5];
    rows.push([
      'fact writer per invoice',
      '',
      `${batches} batches of ${invoicesEach} new invoices of ${linesPerInvoice} lines per turn, each in its transaction (match outcomes, then lines), then each approved again unchanged; 5 turns of each setting in rotation; the backend's CPU summed, wall time's median`,
    ]);
    for (const c of await writerTriggerCost(pg, batches, invoicesEach, linesPerInvoice, 5))
      rows.push([
        `  ${c.mode}`,
        `CPU ${c.firstCpuMicros.toFixed(0)} µs`,
        `new invoice (outcome and lines), wall ${c.firstWallMicros.toFixed(0)} µs; approved again unchanged: CPU ${c.againCpuMicros.toFixed(0)} µs, wall ${c.againWallMicros.toFixed(0)} µs`,
      ]);
    rows.push(['load average after the writer', load(), '']);
    if (!WRITER_ONLY) {
      // What the rollup triggers cost each fact line written (the class rollups' shares beside the others').
      const statements = 100;
      const linesEach = 8;
      rows.push(['rollup triggers per fact line', '', `${statements} INSERTs of ${linesEach} lines per turn, 5 turns of each setting taken in rotation, one rolled-back transaction; medians`]);
      const cost = await rollupTriggerCost(pg, statements, linesEach, 5);
      for (const fact of new Set(cost.map((c) => c.fact))) {
        const of = (mode: string) => cost.find((c) => c.fact === fact && c.mode === mode)!.microsPerLine;
        const [bare, before, withoutOrganisation, all] = [of('no rollup trigger'), of('without the class rollup'), of('without the organisation class rollup'), of('every rollup')];
        rows.push([
          `  ${fact}`,
          `${all.toFixed(0)} µs`,
          `no rollup trigger ${bare.toFixed(0)} µs; without the class rollup ${before.toFixed(0)} µs; the class rollup adds ${(all - before).toFixed(0)} µs (${(((all - before) / (before - bare)) * 100).toFixed(0)} % of the other triggers' ${(before - bare).toFixed(0)} µs)`,
        ]);
        rows.push([
          `  ${fact}: migration 192's organisation class rollup`,
          `${(all - withoutOrganisation).toFixed(0)} µs`,
          `without it ${withoutOrganisation.toFixed(0)} µs, with it ${all.toFixed(0)} µs (${(((all - withoutOrganisation) / (withoutOrganisation - bare)) * 100).toFixed(0)} % of the other triggers')`,
        ]);
      }
    }
    await pg.end();
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
