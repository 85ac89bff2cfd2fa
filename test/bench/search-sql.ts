/**
 * node dist/test/bench/search-sql.js --data DIR [--other ENGINE.js] [--rounds R] [--explain FILE] [--kinds 'K;K…']
 *
 * The PostgreSQL engine's search, measured on a database a `bench.js --keep` run left behind
 * (DIR: its work dir's `data`), without the service: the bench's mix of queries (and a few more
 * words per kind) run directly through the engine, R rounds (5). With `--other`, a second build of
 * the engine (another checkout's `dist/src/search/engines/postgres-search.engine.js`) runs
 * alternately query by query on the same connection pool size, its answers are compared with
 * this one's (hits, total, facets, relaxed, dropped words), and both are timed side by side:
 * the lowest-noise comparison this shared machine allows. Prints per kind p50 / p95 and the
 * statements each search sent; `--explain FILE` writes EXPLAIN (ANALYZE, BUFFERS, SETTINGS) of
 * the main statement of each kind's first query (each build's) to FILE and prints its planning and execution times.
 * Also prints the server time (planning + execution) per search of each kind, and each build's
 * CPU per search (the engine's Node and PostgreSQL's), in all and per kind, which other work
 * on a shared machine does not inflate as it does the times. `--kinds` measures only the kinds
 * named (separated by ';', as the tables print them).
 */
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { Client } from 'pg';
import { createDataSource } from '../../src/platform/database/data-source';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { PostgresSearchEngine } from '../../src/search/engines/postgres-search.engine';
import type { SearchQuery, SearchScope } from '../../src/search/product-search';
import { freePort, ms, percentile, postgresCpuSeconds, printTable } from './bench-support';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DATA = arg('data');
const OTHER = arg('other');
const ROUNDS = Number(arg('rounds') ?? 5);
const EXPLAIN = arg('explain');
const KINDS = arg('kinds')
  ?.split(';')
  .map((k) => k.trim());
const VISIBLE = 10;

/** Every statement a pg client sends, while `recording` holds a list. */
let recording: { text: string; values: unknown[] }[] | null = null;
const clientQuery = Client.prototype.query;
Client.prototype.query = function (this: Client, ...a: unknown[]) {
  const q = a[0] as string | { text: string; values?: unknown[] };
  if (recording) recording.push(typeof q === 'string' ? { text: q, values: (a[1] as unknown[]) ?? [] } : { text: q.text, values: q.values ?? [] });
  return (clientQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof Client.prototype.query;

type Engine = { search(q: SearchQuery, s: SearchScope): Promise<unknown> };

async function main() {
  if (!DATA) throw new Error('--data DIR (a kept bench run’s work dir/data) is required');
  const log = (m: string) => process.stderr.write(`[search-sql] ${m}\n`);
  // pg_stat_statements splits each statement's time into planning and execution.
  const db = await startEmbeddedDatabase(resolve(DATA), await freePort(), log, { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' });
  const pg = new Client({ connectionString: db.url });
  try {
    await pg.connect();
    const ds = createDataSource(db.url, 4);
    await ds.initialize();
    const engines: [string, Engine][] = [['this', new PostgresSearchEngine(ds)]];
    if (OTHER) {
      const mod = (await import(resolve(OTHER))) as { PostgresSearchEngine: new (d: unknown) => Engine };
      engines.push(['other', new mod.PostgresSearchEngine(ds)]);
    }
    // The bench's buyer sees the first VISIBLE agreements; every fifth is mandatory.
    const visible: number[] = (await pg.query(`SELECT agreement_id FROM search_index_state WHERE engine = 'postgres' ORDER BY agreement_id LIMIT ${VISIBLE}`)).rows.map((r) => r.agreement_id);
    const scope: SearchScope = { agreementIds: visible, mandatoryIds: visible.filter((_, i) => i % 5 === 0) };
    const versions = (await pg.query(`SELECT version_id FROM search_index_state WHERE engine = 'postgres' AND agreement_id = ANY($1)`, [visible])).rows.map((r) => r.version_id as number);
    const visibleWords: string[] = (
      await pg.query(`SELECT w FROM (SELECT DISTINCT lower(split_part(name, ' ', 1)) AS w FROM search_item WHERE version_id = ANY($1)) x WHERE length(w) >= 5 ORDER BY w`, [versions])
    ).rows.map((r) => r.w);
    const segmentOf = async (agreementId: number) =>
      (await pg.query(`SELECT segment_code FROM search_item WHERE agreement_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [agreementId])).rows[0].segment_code as string;
    const [seg0, seg1] = [await segmentOf(visible[0]), await segmentOf(visible[1])];
    const typo = (w: string) => w.slice(0, 2) + w[3] + w[2] + w.slice(4);
    const words = [0, 1, 2, 3, 4, 5].map((i) => visibleWords[Math.floor((i * visibleWords.length) / 6)]);
    // The bench's mix (bench.ts), then a second word per kind for the word kinds.
    const more = [0, 1, 2, 3, 4, 5].map((i) => visibleWords[Math.floor(((i + 0.5) * visibleWords.length) / 6)]);
    const kinds: [string, Partial<SearchQuery>][] = [];
    for (const w of [words, more]) {
      kinds.push(
        ['one word', { text: w[0] }],
        ['one word', { text: w[1] }],
        ['two words', { text: `${w[2]} ${w[3]}` }],
        ['typo', { text: typo(w[4]) }],
        ['typo + word', { text: `${typo(w[5])} ${w[0]}` }],
        ['prefix (4 letters)', { text: w[1].slice(0, 4) }],
        ['word + segment', { text: w[2], unspsc: [seg0] }],
        ['word, price ≤, by price', { text: w[3], priceMax: '1000', sort: 'PRICE_ASC' }],
        ['word + attribute', { text: w[0], attributes: [{ name: 'ecolabel', values: ['Svanemerket'] }] }],
        ['word, page 2', { text: w[1], offset: 20 }],
      );
    }
    kinds.push(['segment, no text', { unspsc: [seg0] }], ['segment, no text', { unspsc: [seg1] }], ['common word', { text: 'standard' }], ['no match', { text: 'qqqzzyx' }]);
    // Filters with a facet of their own (disjunctive facets, facet-groups.ts): a supplier, a supplier
    // and an attribute, a segment and a supplier, with and without text.
    const supplierOf = async (agreementId: number) => (await pg.query(`SELECT supplier_id FROM search_item WHERE agreement_id = $1 LIMIT 1`, [agreementId])).rows[0].supplier_id as number;
    const [sup0, sup1] = [await supplierOf(visible[0]), await supplierOf(visible[1])];
    const eco = { name: 'ecolabel', values: ['Svanemerket'] };
    for (const w of [words, more]) {
      kinds.push(
        ['word + supplier', { text: w[0], supplierIds: [sup0] }],
        ['word + supplier + attribute', { text: w[1], supplierIds: [sup1], attributes: [eco] }],
        ['word + segment + supplier', { text: w[2], unspsc: [seg0], supplierIds: [sup0] }],
      );
    }
    // Browsing without any filter counts the facets over every visible item too: the floor of the filtered kinds without text.
    kinds.push(['supplier, no text', { supplierIds: [sup0] }], ['segment + supplier, no text', { unspsc: [seg1], supplierIds: [sup1] }], ['browse, no filter', {}]);
    if (KINDS) {
      const unknown = KINDS.filter((k) => !kinds.some(([kind]) => kind === k));
      if (unknown.length) throw new Error(`--kinds: no kind ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
      kinds.splice(0, kinds.length, ...kinds.filter(([k]) => KINDS.includes(k)));
    }
    const query = (q: Partial<SearchQuery>): SearchQuery => ({ offset: 0, limit: 20, ...q });
    await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const times = new Map<string, Map<string, number[]>>(engines.map(([e]) => [e, new Map()]));
    const statements = new Map<string, number[]>(engines.map(([e]) => [e, []]));
    let differing = 0;
    for (let round = -1; round < ROUNDS; round++) {
      for (const [kind, q] of kinds) {
        const answers: unknown[] = [];
        // Alternate which engine goes first, so neither always meets the other's warm caches.
        const order = round % 2 === 0 ? engines : [...engines].reverse();
        for (const [name, engine] of order) {
          recording = [];
          const t0 = performance.now();
          const r = await engine.search(query(q), scope);
          const t = performance.now() - t0;
          const count = recording.length;
          recording = null;
          // The answer, not the synonym groups' generation the engine saw (a build before it reports none).
          const { synonymsGeneration: _generation, ...answer } = r as { synonymsGeneration?: number };
          answers.push(answer);
          if (round < 0) continue; // warm-up
          const byKind = times.get(name)!;
          if (!byKind.has(kind)) byKind.set(kind, []);
          byKind.get(kind)!.push(t);
          statements.get(name)!.push(count);
        }
        if (round < 0 && answers.length === 2 && !isDeepStrictEqual(answers[0], answers[1])) {
          differing++;
          const [a, b] = answers as Record<string, unknown>[];
          const fields = Object.keys(a).filter((k) => !isDeepStrictEqual(a[k], b[k]));
          log(`different answers for ${kind} ${JSON.stringify(q)}: ${fields.join(', ')}`);
        }
      }
    }
    const figures = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return `${ms(percentile(s, 50))} / ${ms(percentile(s, 95))}`;
    };
    const all = (name: string) => [...times.get(name)!.values()].flat();
    const rows: [string, string, string][] = [...times.get('this')!.keys()].map((kind) => [
      kind,
      `this ${figures(times.get('this')!.get(kind)!)}`,
      OTHER ? `other ${figures(times.get('other')!.get(kind)!)}` : '',
    ]);
    rows.push(['all queries, p50 / p95', `this ${figures(all('this'))}`, OTHER ? `other ${figures(all('other'))}` : '']);
    const perSearch = (name: string) => `${Math.min(...statements.get(name)!)}–${Math.max(...statements.get(name)!)} statements per search`;
    rows.push(['statements per search', `this ${perSearch('this')}`, OTHER ? `other ${perSearch('other')}` : '']);
    // Server time per search by pg_stat_statements, each engine alone for one more round: planning
    // and execution of every statement it sent, against the time the engine took as its caller sees it.
    for (const [name, engine] of engines) {
      await pg.query('SELECT pg_stat_statements_reset()');
      let client = 0;
      for (const [, q] of kinds) {
        const t0 = performance.now();
        await engine.search(query(q), scope);
        client += performance.now() - t0;
      }
      const [st] = (
        await pg.query(
          `SELECT sum(total_plan_time)::float8 AS plan, sum(total_exec_time)::float8 AS exec FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' AND query <> 'BEGIN' AND query <> 'COMMIT'`,
        )
      ).rows;
      // The statements themselves, dearest first: what the engine's time on the server is made of.
      const top: { query: string; calls: number; plan: number; exec: number }[] = (
        await pg.query(
          `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS query, calls::int, mean_plan_time::float8 AS plan, mean_exec_time::float8 AS exec
             FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_plan_time + total_exec_time DESC LIMIT 4`,
        )
      ).rows;
      for (const r of top) log(`${name}: ${r.calls} × planning ${r.plan.toFixed(2)} + execution ${r.exec.toFixed(2)} ms: ${r.query}`);
      // The statement every search sends before its main one (versions, word expansions, known spellings).
      const [first] = (
        await pg.query(
          `SELECT coalesce(sum(total_plan_time), 0)::float8 AS plan, coalesce(sum(total_exec_time), 0)::float8 AS exec, coalesce(sum(calls), 0)::int AS calls FROM pg_stat_statements
            WHERE query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%hits AS MATERIALIZED%' AND query <> 'BEGIN' AND query <> 'COMMIT'`,
        )
      ).rows;
      rows.push([
        `${name}: mean per search`,
        `client ${ms(client / kinds.length)}`,
        `server planning ${ms(st.plan / kinds.length)} + execution ${ms(st.exec / kinds.length)}; the rest (parse and analysis, protocol, Node) ${ms((client - st.plan - st.exec) / kinds.length)}`,
      ]);
      rows.push([`${name}: its first statement per search`, `planning ${ms(first.plan / kinds.length)} + execution ${ms(first.exec / kinds.length)}`, `${first.calls} calls`]);
    }
    // Server time per search of each kind (pg_stat_statements, planning + execution of every
    // statement it sent), each engine alone, ROUNDS searches of each query of the kind: what a
    // change to one kind's SQL saves, less disturbed by other work than the client's times.
    const kindNames = [...new Set(kinds.map(([k]) => k))];
    const perKind = new Map<string, Map<string, { plan: number; exec: number }>>(engines.map(([e]) => [e, new Map()]));
    for (const kind of kindNames) {
      for (const [name, engine] of engines) {
        const qs = kinds.filter(([k]) => k === kind);
        await pg.query('SELECT pg_stat_statements_reset()');
        for (let round = 0; round < ROUNDS; round++) for (const [, q] of qs) await engine.search(query(q), scope);
        const [st] = (
          await pg.query(
            `SELECT coalesce(sum(total_plan_time), 0)::float8 AS plan, coalesce(sum(total_exec_time), 0)::float8 AS exec FROM pg_stat_statements
              WHERE query NOT LIKE '%pg_stat_statements%' AND query <> 'BEGIN' AND query <> 'COMMIT'`,
          )
        ).rows;
        perKind.get(name)!.set(kind, { plan: st.plan / (ROUNDS * qs.length), exec: st.exec / (ROUNDS * qs.length) });
      }
    }
    const serverFigures = (name: string, kind: string) => {
      const f = perKind.get(name)!.get(kind)!;
      return `${name} ${ms(f.plan)} + ${ms(f.exec)}`;
    };
    const kindRows: [string, string, string][] = kindNames.map((kind) => [kind, serverFigures('this', kind), OTHER ? serverFigures('other', kind) : '']);
    printTable(`Server time per search by kind (pg_stat_statements: planning + execution, mean of ${ROUNDS} rounds, each engine alone)`, kindRows);
    // CPU per search, which the machine's other work does not inflate as it does wall-clock time:
    // this process's (the engine: query text, driver, result parsing, highlights) and the
    // PostgreSQL server's (every backend), each engine alone, in alternating blocks of one round.
    const postmasterPid = Number((await readFile(join(resolve(DATA), 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const cpu = new Map(engines.map(([name]) => [name, { node: 0, postgres: 0, searches: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, engine] of round % 2 === 0 ? engines : [...engines].reverse()) {
        const node = process.cpuUsage();
        const postgres = postgresCpuSeconds(postmasterPid);
        for (const [, q] of kinds) await engine.search(query(q), scope);
        const used = process.cpuUsage(node);
        const c = cpu.get(name)!;
        c.node += (used.user + used.system) / 1000;
        c.postgres += (postgresCpuSeconds(postmasterPid) - postgres) * 1000;
        c.searches += kinds.length;
      }
    }
    for (const [name, c] of cpu) rows.push([`${name}: CPU per search`, `engine (Node) ${ms(c.node / c.searches)}`, `PostgreSQL ${ms(c.postgres / c.searches)} (${c.searches} searches)`]);
    // The same per kind: each kind's queries in blocks of 4 rounds, the engines alternating block by
    // block, so what changed in one kind's SQL shows in its own CPU, not averaged over the mix.
    const cpuByKind = new Map(engines.map(([name]) => [name, new Map<string, { node: number; postgres: number; searches: number }>()]));
    for (const kind of kindNames) {
      const qs = kinds.filter(([k]) => k === kind);
      for (let block = 0; block < ROUNDS; block++) {
        for (const [name, engine] of block % 2 === 0 ? engines : [...engines].reverse()) {
          const node = process.cpuUsage();
          const postgres = postgresCpuSeconds(postmasterPid);
          for (let round = 0; round < 4; round++) for (const [, q] of qs) await engine.search(query(q), scope);
          const used = process.cpuUsage(node);
          const byKind = cpuByKind.get(name)!;
          const c = byKind.get(kind) ?? { node: 0, postgres: 0, searches: 0 };
          c.node += (used.user + used.system) / 1000;
          c.postgres += (postgresCpuSeconds(postmasterPid) - postgres) * 1000;
          c.searches += 4 * qs.length;
          byKind.set(kind, c);
        }
      }
    }
    const cpuFigures = (name: string, kind: string) => {
      const c = cpuByKind.get(name)!.get(kind)!;
      return `${name} ${ms(c.postgres / c.searches)} + ${ms(c.node / c.searches)}`;
    };
    printTable(
      `CPU per search by kind (PostgreSQL + engine (Node), ${ROUNDS} alternating blocks of 4 rounds; 10 ms clock ticks)`,
      kindNames.map((kind) => [kind, cpuFigures('this', kind), OTHER ? cpuFigures('other', kind) : '']),
    );
    // A backend's first search loads the catalogue entries of the searched partitions, their indexes
    // and statistics into its caches: a new connection (or one whose caches were reset) pays that once.
    for (const [name, engine] of engines) {
      const fresh = createDataSource(db.url, 1);
      await fresh.initialize();
      const freshEngine = new (engine.constructor as new (d: unknown) => Engine)(fresh);
      const cold: number[] = [];
      for (let i = 0; i < 4; i++) {
        const t0 = performance.now();
        await freshEngine.search(query(kinds[0][1]), scope);
        cold.push(performance.now() - t0);
      }
      await fresh.destroy();
      rows.push([`${name}: a new connection's searches 1–4`, cold.map((t) => ms(t)).join(', '), `(${kinds[0][0]} ${JSON.stringify(kinds[0][1].text)})`]);
    }
    if (OTHER) rows.push(['answers compared', `${kinds.length} queries`, differing ? `${differing} DIFFERENT` : 'all equal']);
    const [{ jit, available }] = (await pg.query(`SELECT current_setting('jit') AS jit, pg_jit_available() AS available`)).rows;
    rows.push(['jit', `${jit}`, `provider available: ${available}`]);
    printTable(`Search SQL, ${engines.map(([e]) => e).join(' and ')} alternating, ${ROUNDS} rounds of ${kinds.length} queries (ms, p50 / p95)`, rows);

    if (EXPLAIN) {
      const out: string[] = [];
      const explainRows: [string, string, string][] = [];
      for (const [[kind, q], [name, engine]] of kinds.filter(([k], i) => kinds.findIndex(([other]) => other === k) === i).flatMap((k) => engines.map((e) => [k, e] as const))) {
        recording = [];
        await engine.search(query(q), scope);
        const main = recording.reduce((a, b) => (b.text.length > a.text.length ? b : a));
        recording = null;
        const c = await ds.driver.obtainMasterConnection();
        const [client, release] = c as [Client, () => void];
        try {
          await client.query('SET plan_cache_mode = force_custom_plan');
          const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, SETTINGS) ${main.text}`, main.values);
          const lines = plan.rows.map((r) => r['QUERY PLAN']);
          out.push(`### ${name}: ${kind} ${JSON.stringify(q)}`, ...lines, '');
          const find = (re: RegExp) => lines.find((l) => re.test(l))?.replace(/^\s+/, '') ?? '';
          explainRows.push([`${name}: ${kind}: ${JSON.stringify(q.text ?? q.unspsc ?? q.supplierIds ?? null)}`, find(/^Planning Time/), find(/^Execution Time/)]);
        } finally {
          release();
        }
      }
      await writeFile(EXPLAIN, out.join('\n'));
      printTable(`EXPLAIN (ANALYZE, BUFFERS) of the main statement (each build's); plans in ${EXPLAIN}`, explainRows);
    }
    await ds.destroy();
  } finally {
    await pg.end().catch(() => undefined);
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
