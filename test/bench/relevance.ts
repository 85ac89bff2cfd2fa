/**
 * npm run bench:relevance [-- --set FILE]... [--base URL] [--repeat N] [--verbose] [--json OUT] [--hold S] [--no-unspsc] [--unspsc-full]
 *
 * Search relevance on judged query sets (issue 17 §1). Starts Torg on an embedded PostgreSQL with
 * the demo world (or uses the running service at --base), runs every query of each set once as
 * its judged user through GraphQL `searchProducts(input: { text, first: 10 })`, and prints per
 * query, per category and overall: nDCG@10, P@5, R@10 (relevance-metrics.ts, as the public set's
 * run.py computes them), the zero-result rate of answerable queries and the share of no-answer
 * queries that returned nothing. Queries marked "heldOut" are reported apart as well: they are
 * not tuned on. Then the same searches again, --repeat times each, for the search's p50.
 *
 * The sets: the public one, read in place (../shared/data/relevance/public.json beside the
 * checkout, or $TORG_RELEVANCE_PUBLIC), and the project's own, test/bench/relevance/*.json.
 * Every judged seller item id must exist among the published items, or the run stops.
 *
 * Beside them, the UNSPSC suggestions' accuracy (issue 17 §3): top-1 and top-3 at commodity, class
 * and family on the demo items with their codes hidden, as the upload report suggests them (titles
 * + published items, the agreement's scope), measured by unspsc-accuracy.ts (npm run bench:unspsc
 * prints every configuration): the built-in title subset, or with --unspsc-full the full code set
 * (its import takes minutes). --no-unspsc leaves it out.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { Api, demoIndexed, freePort, percentile, startDemoService } from './bench-support';
import { defaultSets, readSet } from './judged-sets';
import { fmt, isAnswerable, JudgedQuery, K, mean, QueryScore, QuerySet, scoreQuery } from './relevance-metrics';
import { demoItems, evaluate, importFullCodeSet, LEVELS, pct, sharedUnspsc, startSuggestionApp } from './unspsc-accuracy';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const options = (name: string) => args.flatMap((a, i) => (a === `--${name}` && args[i + 1] ? [args[i + 1]] : []));
const REPEAT = Number(option('repeat') ?? 5);
const VERBOSE = args.includes('--verbose');
const UNSPSC_FOLDS = 5;

/** The UNSPSC suggestions' top-1 / top-3 per level, as the upload report makes them (see the header). */
async function unspscAccuracy(log: (m: string) => void) {
  const { app, close } = await startSuggestionApp(log);
  try {
    const full = args.includes('--unspsc-full') ? sharedUnspsc() : null;
    if (full) log(`full UNSPSC code set imported in ${(await importFullCodeSet(app, full)).seconds.toFixed(0)} s`);
    const items = await demoItems(UNSPSC_FOLDS);
    const { tally } = await evaluate(app, items, true, true, UNSPSC_FOLDS);
    console.log(
      `\n## UNSPSC suggestions\n\n${items.length} demo items with their codes hidden, ${UNSPSC_FOLDS}-fold held out by product family; titles (${full ? 'full code set' : 'built-in subset'}) + published items, agreement scope\n`,
    );
    console.log('| level | top-1 | top-3 |');
    console.log('|---|---|---|');
    for (const [label] of LEVELS) console.log(`| ${label} | ${pct(tally.top1[label])} | ${pct(tally.top3[label])} |`);
  } finally {
    await close();
  }
}

const SEARCH = `query Relevance($input: ProductSearchInput!) {
  searchProducts(input: $input) { totalCount edges { node { sellerItemId name } } }
}`;

interface Outcome extends QueryScore {
  q: JudgedQuery;
  set: string;
  answerable: boolean;
  hits: number;
  top: { sellerItemId: string; name: string }[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

function summaryRow(label: string, rs: Outcome[]): string {
  const a = rs.filter((r) => r.answerable);
  const na = rs.filter((r) => !r.answerable);
  const nothing = (xs: Outcome[]) => mean(xs.map((r) => (r.hits === 0 ? 1 : 0)));
  return `| ${label} | ${a.length} + ${na.length} | ${fmt(mean(a.map((r) => r.ndcg10)))} | ${fmt(mean(a.map((r) => r.p5)))} | ${fmt(mean(a.map((r) => r.r10)))} | ${a.length ? fmt(nothing(a), true) : '–'} | ${na.length ? fmt(nothing(na), true) : '–'} |`;
}

function report(title: string, set: QuerySet, outcomes: Outcome[]) {
  console.log(`\n## ${title}\n`);
  if (VERBOSE) {
    console.log('| id | query | cat | nDCG@10 | P@5 | R@10 | 1st | hits | top 3 [grade] |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of outcomes) {
      const top = r.top.slice(0, 3).map((t) => `${cell(t.name)} [${r.q.judgments[t.sellerItemId] ?? 0}]`);
      const held = r.q.heldOut ? ' (held out)' : '';
      console.log(
        `| ${r.q.id}${held} | ${cell(r.q.query)} | ${r.q.category} | ${r.answerable ? fmt(r.ndcg10) : 'n/a'} | ${r.answerable ? fmt(r.p5) : 'n/a'} | ${r.answerable ? fmt(r.r10) : 'n/a'} | ${r.firstRelevant ?? '–'} | ${r.hits} | ${top.join('; ') || '(none)'} |`,
      );
    }
    console.log('');
  }
  console.log('| queries | answerable + no-answer | nDCG@10 | P@5 | R@10 | zero results (answerable) | no-answer returning nothing |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(summaryRow('all', outcomes));
  if (outcomes.some((r) => r.q.heldOut)) {
    console.log(
      summaryRow(
        'tuned on',
        outcomes.filter((r) => !r.q.heldOut),
      ),
    );
    console.log(
      summaryRow(
        'held out',
        outcomes.filter((r) => r.q.heldOut),
      ),
    );
  }
  const categories = [...new Set([...(set.categories ?? []), ...outcomes.map((r) => r.q.category)])];
  for (const c of categories) {
    const rs = outcomes.filter((r) => r.q.category === c);
    if (rs.length) console.log(summaryRow(c, rs));
  }
}

async function main() {
  const setPaths = options('set').length ? options('set') : defaultSets();
  const sets = setPaths.map((p) => ({
    path: p,
    name: p
      .split('/')
      .pop()!
      .replace(/\.json$/, ''),
    set: readSet(p),
  }));
  const base = option('base');
  const log = (m: string) => process.stderr.write(`[bench:relevance] ${m}\n`);
  let work: string | undefined;
  let db: Awaited<ReturnType<typeof startEmbeddedDatabase>> | undefined;
  let service: ChildProcess | undefined;
  try {
    let api: Api;
    let published: Set<string> | null = null;
    if (base) api = new Api(base);
    else {
      work = await mkdtemp(join(tmpdir(), 'torg-bench-relevance-'));
      db = await startEmbeddedDatabase(join(work, 'data'), await freePort(), log);
      const started = await startDemoService(db.url);
      service = started.service;
      api = started.api;
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      await demoIndexed(pg);
      const rows: { id: string }[] = (await pg.query(`SELECT ci.seller_item_id AS id FROM catalogue_item ci JOIN catalogue_version cv ON cv.id = ci.version_id WHERE cv.status = 'PUBLISHED'`)).rows;
      await pg.end();
      published = new Set(rows.map((r) => r.id));
    }
    if (published) {
      const missing = sets.flatMap(({ name, set }) =>
        set.queries.flatMap((q) =>
          Object.keys(q.judgments)
            .filter((id) => !published.has(id))
            .map((id) => `${name} ${q.id}: ${id}`),
        ),
      );
      if (missing.length) throw new Error(`judged items missing from the published catalogues (re-judge these queries):\n  ${missing.join('\n  ')}`);
    }
    const tokens = new Map<string, string>();
    const token = async (email: string) => {
      if (!tokens.has(email)) tokens.set(email, await api.login(email));
      return tokens.get(email)!;
    };
    const everyone = sets.flatMap(({ set }) => set.queries.map((q) => q.user));
    if (published) {
      const counts = await Promise.all(
        [...new Set(everyone)].map(async (u) => (await api.gql(await token(u), `query { searchProducts(input: { first: 1 }) { totalCount } }`)).searchProducts.totalCount as number),
      );
      log(`searchable items per user: ${counts.join(', ')} of ${published.size} published`);
    }

    const all: Outcome[] = [];
    for (const { name, set } of sets) {
      for (const q of set.queries) {
        const res = (await api.gql(await token(q.user), SEARCH, { input: { text: q.query, first: K } })).searchProducts;
        const top = res.edges.map((e: { node: { sellerItemId: string; name: string } }) => e.node);
        all.push({
          ...scoreQuery(
            q.judgments,
            top.map((t: { sellerItemId: string }) => t.sellerItemId),
          ),
          q,
          set: name,
          answerable: isAnswerable(q),
          hits: res.totalCount,
          top,
        });
      }
    }
    // The same searches again for their latency (warm: each was run once above).
    const times: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      for (const { set } of sets) {
        for (const q of set.queries) {
          const t0 = performance.now();
          await api.gql(await token(q.user), SEARCH, { input: { text: q.query, first: K } });
          times.push(performance.now() - t0);
        }
      }
    }
    times.sort((a, b) => a - b);

    console.log(`# Relevance (${new Date().toISOString().slice(0, 10)}): ${sets.map((s) => `${s.name} (${s.set.queries.length})`).join(', ')}; first: ${K}, linear gain`);
    for (const { name, set } of sets)
      report(
        `${name} set`,
        set,
        all.filter((r) => r.set === name),
      );
    report('both sets', { categories: sets.flatMap((s) => s.set.categories ?? []), queries: [] }, all);
    if (!args.includes('--no-unspsc')) await unspscAccuracy(log);
    if (times.length)
      console.log(`\nSearch through HTTP, ${times.length} searches (${REPEAT} rounds of every query): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms.`);
    const hold = Number(option('hold') ?? 0);
    if (hold > 0 && !base) {
      // For a second opinion on the same service: ../shared/data/relevance/run.py SET.json URL --catalogs catalogs
      log(`service at ${api.base}, database ${db?.url ?? base}, for ${hold} s (--hold)`);
      await new Promise((r) => setTimeout(r, hold * 1000));
    }
    const out = option('json');
    if (out)
      writeFileSync(
        out,
        JSON.stringify(
          all.map(({ q, ...r }) => ({ id: q.id, query: q.query, category: q.category, heldOut: !!q.heldOut, ...r })),
          null,
          1,
        ),
      );
  } finally {
    service?.kill('SIGTERM');
    await new Promise((r) => (service ? service.once('exit', r) : r(undefined)));
    await db?.stop();
    if (work && !args.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
