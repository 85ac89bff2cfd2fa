import { DataSource } from 'typeorm';
import { SEARCH_DOC_SQL } from '../migrations/1763800000120-SearchRelevanceFields';
import { SearchDocumentFromProjection1763800000187 } from '../migrations/1763800000187-SearchDocumentFromProjection';
import { startTestApp, TestApp } from './support/test-app';

/** The PostgreSQL engine's word expansion (torg_expand_words), checked in SQL on the demo word list. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const expand = async (word: string): Promise<string[]> => (await t.sql('SELECT expansions FROM torg_expand_words($1::text[], 12)', [[word]]))[0].expansions;

it('puts a known word first, then its Norwegian stem and the forms containing it, and gives it no typo expansions', async () => {
  await t.sql(`INSERT INTO search_word (word) VALUES ('kontorstoler'), ('kontorstolen'), ('kontorsteler') ON CONFLICT DO NOTHING`);
  await t.sql('DELETE FROM search_word_expansion');
  const [{ expansions, kinds }] = await t.sql('SELECT expansions, kinds FROM torg_expand_words($1::text[], 12)', [['kontorstoler']]);
  expect(expansions.slice(0, 2)).toEqual(['kontorstoler', 'kontorstol']);
  expect(kinds.slice(0, 2)).toEqual([6, 5]); // the word itself, its stem
  expect(kinds[expansions.indexOf('kontorstolen')]).toBe(3); // contains the stem: another form
  expect(expansions).not.toContain('kontorsteler'); // one letter away, but the word typed exists
  expect(kinds.every((k: number) => k >= 3)).toBe(true);
});

it('takes an inflected word to the compounds of its stem ("stoler" → "kontorstol") and an English word to its stem', async () => {
  const [{ expansions, kinds }] = await t.sql('SELECT expansions, kinds FROM torg_expand_words($1::text[], 12)', [['stoler']]);
  expect(expansions[kinds.indexOf(5)]).toBe('stol');
  expect(expansions).toContain('kontorstol');
  const [gloves] = await t.sql('SELECT expansions, kinds FROM torg_expand_words($1::text[], 12)', [['gloves']]);
  expect(gloves.expansions).toContain('glove');
});

it('gives an unknown word its typo fixes, counting a swap of neighbouring letters as one typo', async () => {
  expect(await expand('kontrostol')).toContain('kontorstol');
  expect(await expand('kopipapri')).toContain('kopipapir');
  expect(await t.sql(`SELECT torg_typos('abcd', 'abdc') AS swap, torg_typos('abcd', 'xbcd') AS one, torg_typos('abcd', 'badc') AS more`)).toEqual([{ swap: 1, one: 1, more: 3 }]);
});

it('folds accents with torg_unaccent, inlined into expressions as a direct call of the C function', async () => {
  expect(await t.sql(`SELECT torg_unaccent('Crème brûlée à la Škoda') AS folded`)).toEqual([{ folded: 'Creme brulee a la Skoda' }]);
  // Inlined: the plan names the C entry point, not the SQL wrapper (which ran the SQL-function
  // executor for every call of the stored tsvector's four).
  const plan: { 'QUERY PLAN': string }[] = await t.sql(`EXPLAIN (VERBOSE, COSTS OFF) SELECT torg_unaccent(name) FROM catalogue_item`);
  const text = plan.map((r) => r['QUERY PLAN']).join('\n');
  expect(text).toContain('torg_unaccent_dict(');
  expect(text).not.toContain('torg_unaccent(');
  // The same text as the extension's own unaccent(), so documents stored before the change stay right.
  const [{ differ, items }] = await t.sql(`SELECT count(*) FILTER (WHERE torg_unaccent(name || ' ' || coalesce(description, '')) <> unaccent(name || ' ' || coalesce(description, '')))::int AS differ,
      count(*)::int AS items FROM catalogue_item`);
  expect(items).toBeGreaterThan(300);
  expect(differ).toBe(0);
});

it('collects a partition’s words from its document', async () => {
  const [{ n, words }] = await t.sql(`SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM search_word k WHERE k.word = w))::int AS n, count(DISTINCT w)::int AS words
      FROM search_item s, unnest(tsvector_to_array(s.doc)) AS w WHERE length(w) >= 3 AND w ~ '^[a-z0-9]*[a-z][a-z0-9]*$'`);
  expect(words).toBeGreaterThan(500);
  expect(n).toBe(0); // every word of every field of the demo catalogues is in the list (names, item numbers, titles, attributes, stems)
  expect((await t.sql(`SELECT count(*)::int AS n FROM search_word WHERE word = 'kopipapir'`))[0].n).toBe(1);
});

it('stores the document the generated column computed before the projection wrote it (migration 120’s expression)', async () => {
  // The projection computes the English titles' part once per code: the document must not change.
  const [r] = await t.sql(`SELECT count(*)::int AS items, count(*) FILTER (WHERE doc IS DISTINCT FROM (${SEARCH_DOC_SQL}))::int AS differ,
      count(*) FILTER (WHERE category_text IS NOT NULL AND attribute_text <> '' AND manufacturer IS NOT NULL)::int AS full,
      count(*) FILTER (WHERE name ~ '[0-9]"')::int AS inches FROM search_item`);
  expect(r.items).toBeGreaterThan(300);
  expect(r.full).toBeGreaterThan(0); // every part of the document is exercised
  expect(r.inches).toBeGreaterThan(0);
  expect(r.differ).toBe(0);
});

it('makes the document a generated column again on migration 187’s down, with the same values, and plain on its up', async () => {
  const migration = new SearchDocumentFromProjection1763800000187();
  const runner = t.app.get(DataSource).createQueryRunner();
  const generated = async () => (await runner.query(`SELECT attgenerated FROM pg_attribute WHERE attrelid = 'search_item'::regclass AND attname = 'doc'`))[0].attgenerated;
  try {
    await runner.startTransaction();
    await runner.query('CREATE TEMP TABLE doc_before ON COMMIT DROP AS SELECT item_id, version_id, doc FROM search_item');
    expect(await generated()).toBe('');
    await migration.down(runner);
    expect(await generated()).toBe('s');
    const [{ differ }] = await runner.query('SELECT count(*)::int AS differ FROM doc_before b LEFT JOIN search_item s USING (item_id, version_id) WHERE s.doc IS DISTINCT FROM b.doc');
    expect(differ).toBe(0);
    await migration.up(runner);
    expect(await generated()).toBe('');
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});

describe('the PostgreSQL engine’s confidence and field tiers (issue 17)', () => {
  const search = async (email: string, text: string, first = 10) => {
    const res = await t.gql(await t.login(email), `query($i: ProductSearchInput!) { searchProducts(input: $i) { totalCount relaxed edges { node { name } } } }`, {
      i: { text, first },
    });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.searchProducts;
  };
  it('returns nothing when no hit reaches the confidence: a near miss inside a description, a stem found only in one', async () => {
    // "toner" is one letter from the end of "hodetelefoner" (a headset's description); "skrivebord" only the
    // stem of "skrivebordet" in a letter tray's description; "bleier" only similar to words in names.
    for (const text of ['toner', 'skrivebord']) expect((await search('bestiller@nordby.example', text)).totalCount).toBe(0);
    expect((await search('bestiller@sykehjem.example', 'bleier')).totalCount).toBe(0);
    // The same kinds of match in a name are answers: a typo, and a stem ("kanyler" → "Kanyle").
    expect((await search('bestiller@nordby.example', 'kulepen')).totalCount).toBeGreaterThan(0);
    expect((await search('bestiller@sykehjem.example', 'kanyler')).edges[0].node.name).toMatch(/^Kanyle/);
  });
  it('ranks a word in the name above the same word in a description, and the agreement signal only within that', async () => {
    // "skjerm" is in every monitor's name, and (as the stem of "skjermet") in every cable's description.
    const r = await search('bestiller@nordby.example', 'skjerm', 15);
    expect(r.edges.every((e: any) => /^Skjerm/.test(e.node.name))).toBe(true);
  });
});
