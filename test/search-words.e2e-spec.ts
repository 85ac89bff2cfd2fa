import { startTestApp, TestApp } from './support/test-app';

/** The PostgreSQL engine's word expansion (torg_expand_words), checked in SQL on the demo word list. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const expand = async (word: string): Promise<string[]> => (await t.sql('SELECT expansions FROM torg_expand_words($1::text[], 12)', [[word]]))[0].expansions;

it('puts a known word first, then its Norwegian stem, and gives it no typo expansions', async () => {
  await t.sql(`INSERT INTO search_word (word) VALUES ('kontorstoler'), ('kontorstolen') ON CONFLICT DO NOTHING`);
  await t.sql('DELETE FROM search_word_expansion');
  const expansions = await expand('kontorstoler');
  expect(expansions.slice(0, 2)).toEqual(['kontorstoler', 'kontorstol']);
  expect(expansions).not.toContain('kontorstolen'); // one letter away, but the word typed exists
});

it('gives an unknown word its typo fixes, counting a swap of neighbouring letters as one typo', async () => {
  expect(await expand('kontrostol')).toContain('kontorstol');
  expect(await expand('kopipapri')).toContain('kopipapir');
  expect(await t.sql(`SELECT torg_typos('abcd', 'abdc') AS swap, torg_typos('abcd', 'xbcd') AS one, torg_typos('abcd', 'badc') AS more`)).toEqual([{ swap: 1, one: 1, more: 3 }]);
});
