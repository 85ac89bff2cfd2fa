/**
 * npm run bench:unspsc [-- --folds 5] [-- --subset-only]
 *
 * How well UNSPSC suggestions (src/classification/suggestions/) find the code of catalogue items
 * whose code is hidden from them. The items are the demo catalogues in catalogs/ (CSV, XLSX,
 * UBL). Held-out split: the items are grouped into product families (same description, else
 * same name without numbers, so "Kulepenn blå 0,5 mm" and "Kulepenn rød 0,7 mm" go together)
 * and the families into folds; the item vocabulary of each fold is built from the other folds
 * only, so an item suggested for is never in the vocabulary, nor any sibling of it. The title
 * vocabulary is the built-in subset, then the full code set from ../shared/data/unspsc/ when
 * present. Prints top-1 and top-3 accuracy at commodity, class and family level (an item counts
 * at a level when its own code is at least that deep), without and with the agreement's scope,
 * with titles only (nothing published yet) and with titles + published items; and the time per
 * suggestion (one item per call, as the report's look-ups are batched this is the worst case).
 *
 * Runs in process against an embedded PostgreSQL (no HTTP): it times the suggestion, not the API.
 * The measurement itself is unspsc-accuracy.ts (npm run bench:relevance prints one line of it too).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { percentile, printTable } from './bench-support';
import { BenchItem, demoItems, evaluate, importFullCodeSet, LEVELS, pct, sharedUnspsc, startSuggestionApp } from './unspsc-accuracy';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FOLDS = flag('folds', 5);
const SUBSET_ONLY = args.includes('--subset-only');
/** Print this many misses (commodity level, top 3) of each configuration to stderr, to see what fails. */
const MISSES = flag('misses', 0);

async function run(app: NestExpressApplication, items: BenchItem[], titles: string, rows: [string, string, string][]) {
  for (const withItems of [false, true]) {
    for (const withScope of [false, true]) {
      const { tally: t, times } = await evaluate(app, items, withItems, withScope, FOLDS, MISSES);
      rows.push([`${titles}; ${withItems ? 'titles + published items' : 'titles only'}; ${withScope ? 'agreement scope' : 'no scope'}`, '', '']);
      for (const [label] of LEVELS) rows.push([`  ${label}`, `top-1 ${pct(t.top1[label])}`, `top-3 ${pct(t.top3[label])}`]);
      rows.push(['  time per suggestion', `p50 ${percentile(times, 50).toFixed(2)} ms`, `p95 ${percentile(times, 95).toFixed(2)} ms, ${times.length} items`]);
    }
  }
}

async function main() {
  const log = (m: string) => process.stderr.write(`[bench:unspsc] ${m}\n`);
  const { app, close } = await startSuggestionApp(log);
  try {
    const items = await demoItems(FOLDS);
    const families = new Set(items.map((i) => i.family)).size;
    log(`${items.length} demo items in ${families} product families, ${FOLDS} folds`);
    const rows: [string, string, string][] = [['items', `${items.length}`, `${families} product families, ${FOLDS}-fold held-out split by family`]];
    await run(app, items, 'built-in subset', rows);
    const full = sharedUnspsc();
    if (!SUBSET_ONLY && full) {
      const { codes, seconds } = await importFullCodeSet(app, full);
      rows.push(['full code set imported', `${codes} codes`, `${seconds.toFixed(0)} s with the title vocabulary`]);
      await run(app, items, 'full code set', rows);
    }
    printTable('UNSPSC suggestions on demo catalogue items whose codes are hidden', rows);
  } finally {
    await close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
