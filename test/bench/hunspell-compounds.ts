/**
 * node dist/test/bench/hunspell-compounds.js [--list]   (after npm run build)
 *
 * Decompounding with the Norwegian hunspell dictionary (nb_NO, Debian's hunspell-no) through
 * PostgreSQL's ispell template, measured on the demo catalogues' vocabulary (issue 17 §2): what it
 * knows and splits, which of the vocabulary's compounds (a word ending in another word of the
 * vocabulary, what the engine's "compound part" match finds) it splits, what it does with the
 * judged queries' words, the dictionary's load time and memory per backend, time per word, and the
 * index-time cost per 1,000 items of adding the parts to the search document. --list prints every
 * split and every compound it misses. The relevance figures with the parts in the search document
 * came from a throwaway variant (TORG_SEARCH_PARTS, commit 7d9a022, since removed): see
 * test/bench/README.md, 2026-12-02 "hunspell decompounding".
 *
 * Skips with a message, and exits 0, when the dictionary is not installed: the project does not
 * depend on it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { demoIndexed, freePort, startDemoService } from './bench-support';
import { createNbDictionary, installNbDictionary, nbDictionaryMissing } from './hunspell-dictionary';
import { defaultSets, readSet } from './judged-sets';

const LIST = process.argv.includes('--list');
/** The index words the judged queries' inflected and compound words should reach (heads, whole compounds), beside the queries' own words. */
const TARGETS = ['stolene', 'konferansestol', 'engangshansker', 'hånddesinfeksjon', 'håndsprit', 'hengemapper', 'whiteboardtusj', 'whiteboardvisker', 'oransjefarget', 'datasekk', 'kamerastativ'];
/** The judged queries' words (letters, 4 or more, lower case) from every judged set (judged-sets.ts), and TARGETS. */
const cases = () => [...new Set([...defaultSets().flatMap((p) => readSet(p).queries.flatMap((q) => q.query.toLowerCase().split(/[^\p{L}]+/u))), ...TARGETS])].filter((w) => w.length >= 4).sort();
const log = (m: string) => process.stderr.write(`[hunspell] ${m}\n`);

/** A word hunspell split: one of its lexemes stands inside it after the start (kontor|stol), not an inflection (stolene → stol). */
const isSplit = (word: string, lexemes: string[] | null) =>
  !!lexemes &&
  (lexemes.some((l) => l.length >= 3 && word.indexOf(l, 1) > 0) ||
    // or a short first part and a head whose normal form is not in the word as written (høyde|justerbar → høyde, justere)
    (lexemes.some((l) => word.startsWith(l) && l.length <= word.length - 4) && lexemes.some((l) => !word.startsWith(l))));

const pct = (n: number, of: number) => `${n} of ${of} (${((100 * n) / Math.max(1, of)).toFixed(0)} %)`;

async function main() {
  const missing = nbDictionaryMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const installed = installNbDictionary();
  const work = await mkdtemp(join(tmpdir(), 'torg-bench-hunspell-'));
  const db = await startEmbeddedDatabase(join(work, 'data'), await freePort(), log);
  let service: ChildProcess | undefined;
  const pg = new Client({ connectionString: db.url });
  try {
    await pg.connect();
    await createNbDictionary(pg, installed.file);
    service = (await startDemoService(db.url)).service;
    await demoIndexed(pg);

    // Load time and memory: a fresh backend reads and compiles the dictionary on its first use.
    const fresh = new Client({ connectionString: db.url });
    await fresh.connect();
    const before = Number((await fresh.query('SELECT sum(total_bytes)::bigint AS b FROM pg_backend_memory_contexts')).rows[0].b);
    let t = performance.now();
    await fresh.query(`SELECT ts_lexize('torg_nb_hunspell', 'kontorstol')`);
    const loadMs = performance.now() - t;
    const after = Number((await fresh.query('SELECT sum(total_bytes)::bigint AS b FROM pg_backend_memory_contexts')).rows[0].b);

    // The vocabulary: the distinct words (letters, 3 or more) of the searchable names and descriptions, as written.
    const words: string[] = (
      await fresh.query(`SELECT DISTINCT w FROM search_item s, regexp_split_to_table(lower(s.name || ' ' || coalesce(s.description, '')), '[^[:alpha:]]+') w
                          WHERE length(w) >= 3 ORDER BY w`)
    ).rows.map((r: { w: string }) => r.w);
    t = performance.now();
    const rows: { w: string; l: string[] | null }[] = (await fresh.query(`SELECT w, ts_lexize('torg_nb_hunspell', w) AS l FROM unnest($1::text[]) w`, [words])).rows;
    const perWordUs = ((performance.now() - t) * 1000) / words.length;
    const lexemes = new Map(rows.map((r) => [r.w, r.l]));
    const known = rows.filter((r) => r.l !== null);
    const split = rows.filter((r) => isSplit(r.w, r.l));
    // The vocabulary's compounds: words of 7 letters or more ending in another vocabulary word of 4 or more (a head).
    const vocab = new Set(words);
    const headOf = (w: string) => {
      for (let i = 1; i <= w.length - 4; i++) if (w.length >= 7 && vocab.has(w.slice(i))) return w.slice(i);
      return null;
    };
    const compounds = words.filter((w) => headOf(w));
    const compoundsSplit = compounds.filter((w) => isSplit(w, lexemes.get(w) ?? null));
    const compoundsUnknown = compounds.filter((w) => lexemes.get(w) === null);

    console.log('## Norwegian hunspell (nb_NO) as a PostgreSQL ispell dictionary, on the demo vocabulary\n');
    console.log(`| measure | value |\n|---|---|`);
    console.log(`| vocabulary (distinct words of names and descriptions, 3+ letters) | ${words.length} |`);
    console.log(`| known to the dictionary | ${pct(known.length, words.length)} |`);
    console.log(`| split into parts | ${pct(split.length, words.length)} |`);
    console.log(`| compounds by the vocabulary (7+ letters ending in a vocabulary word of 4+) | ${compounds.length} |`);
    console.log(`| of those split by hunspell | ${pct(compoundsSplit.length, compounds.length)} |`);
    console.log(`| of those unknown to hunspell | ${pct(compoundsUnknown.length, compounds.length)} |`);
    console.log(`| dictionary load, first use in a backend | ${loadMs.toFixed(0)} ms, ${((after - before) / 1048576).toFixed(0)} MB of backend memory |`);
    console.log(`| ts_lexize per word, loaded | ${perWordUs.toFixed(1)} µs |`);

    console.log("\n## The judged queries' words\n\n| word | hunspell (ts_lexize) | ends in a vocabulary word (4+) |\n|---|---|---|");
    const caseRows: { w: string; l: string[] | null }[] = (await fresh.query(`SELECT w, ts_lexize('torg_nb_hunspell', w) AS l FROM unnest($1::text[]) w`, [cases()])).rows;
    for (const r of caseRows) console.log(`| ${r.w} | ${r.l ? r.l.join(', ') : '(unknown)'} | ${headOf(r.w) ?? '–'} |`);

    // Index-time cost: the document's own text fields (A, B, D) against the parts of name and description, over 1,000+ items.
    const reps = Math.ceil(1000 / Math.max(1, (await fresh.query('SELECT count(*)::int AS n FROM search_item')).rows[0].n));
    const items = `(SELECT s.name, s.description FROM search_item s, generate_series(1, ${reps})) p`;
    const parts = (text: string) => `(SELECT array_to_tsvector(array_agg(DISTINCT v.x)) FROM unnest(tsvector_to_array(to_tsvector('torg_nb_hunspell'::regconfig, ${text}))) l,
       LATERAL (VALUES ('þ' || torg_unaccent(l)), ('þ' || coalesce((ts_lexize('norwegian_stem', torg_unaccent(l)))[1], torg_unaccent(l)))) v(x))`;
    const time = async (expr: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = (await fresh.query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT sum(length(${expr})) FROM ${items}`)).rows[0]['QUERY PLAN'][0];
        runs.push(r['Execution Time']);
      }
      const [{ n }] = (await fresh.query(`SELECT count(*)::int AS n FROM ${items}`)).rows;
      return ((runs.sort((a, b) => a - b)[2] / n) * 1000).toFixed(1);
    };
    const floor = await time(
      `to_tsvector('simple', torg_unaccent(p.name)) || to_tsvector('simple', torg_unaccent(coalesce(p.description, ''))) || to_tsvector('norwegian', torg_unaccent(p.name || ' ' || coalesce(p.description, '')))`,
    );
    const withParts = await time(`coalesce(${parts('p.name')}, ''::tsvector) || coalesce(${parts("coalesce(p.description, '')")}, ''::tsvector)`);
    const lexemesPerItem = (
      await fresh.query(`SELECT avg(length(coalesce(${parts('p.name')}, ''::tsvector) || coalesce(${parts("coalesce(p.description, '')")}, ''::tsvector)))::numeric(6,1) AS a,
                                avg(length(to_tsvector('simple', torg_unaccent(p.name || ' ' || coalesce(p.description, '')))))::numeric(6,1) AS b FROM ${items}`)
    ).rows[0];
    console.log(`\n## Index time per 1,000 items (median of 5, a warm backend, demo items repeated ${reps}×)\n`);
    console.log(`| expression | ms per 1,000 items |\n|---|---|`);
    console.log(`| the document's name, description and stem fields (A, B, D) | ${floor} |`);
    console.log(`| hunspell parts of name and description (added) | ${withParts} |`);
    console.log(`\nLexemes per item: ${lexemesPerItem.b} words, + ${lexemesPerItem.a} with the parts.`);
    await fresh.end();

    if (LIST) {
      console.log('\n## Every split\n');
      for (const r of split) console.log(`${r.w}: ${r.l!.join(', ')}`);
      console.log('\n## Vocabulary compounds hunspell does not split (head)\n');
      for (const w of compounds.filter((c) => !compoundsSplit.includes(c))) console.log(`${w} (${headOf(w)}): ${lexemes.get(w)?.join(', ') ?? 'unknown'}`);
    }
  } finally {
    await pg.end().catch(() => undefined);
    service?.kill('SIGTERM');
    await new Promise((r) => (service ? service.once('exit', r) : r(undefined)));
    await db.stop();
    installed.remove();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
