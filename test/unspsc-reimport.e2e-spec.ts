import ExcelJS from 'exceljs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORY_TEXT_SQL } from '../migrations/1763800000120-SearchRelevanceFields';
import { runCli } from '../src/cli';
import { loadConfig } from '../src/platform/config/config';
import { startTestApp, TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function xlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('UNSPSC');
  ws.addRow(['Segment', 'Segment Title', 'Family', 'Family Title', 'Class', 'Class Title', 'Commodity', 'Commodity Title']);
  rows.forEach((r) => ws.addRow(r));
  const file = join(await mkdtemp(join(tmpdir(), 'unspsc-')), 'codes.xlsx');
  await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

it('re-imports from XLSX: updates titles, removes unused codes, keeps used ones as deprecated', async () => {
  const file = await xlsx([
    [44000000, 'Office Equipment', 44120000, 'Office supplies', 44121700, 'Writing instruments', 44121704, 'Ballpoint pens (retitled)'],
    [44000000, 'Office Equipment', 44120000, 'Office supplies', 44121700, 'Writing instruments', 44121799, 'A brand new code'],
  ]);
  const lines: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
  expect(await runCli(['import-unspsc', file, '--version'], config, (l) => lines.push(l), true)).toBe(64);
  expect(lines.pop()).toMatch(/--version needs a value/);
  // The flag may come before the file.
  expect(await runCli(['import-unspsc', '--version', 'small', file], config, (l) => lines.push(l), true)).toBe(0);
  expect(lines[0]).toMatch(/Imported 5 UNSPSC codes \(2 commodities\) as version small/);

  const node = async (code: string) => (await t.sql('SELECT title, deprecated, version FROM unspsc_node WHERE code = $1', [code]))[0];
  expect(await node('44121704')).toEqual({ title: 'Ballpoint pens (retitled)', deprecated: false, version: 'small' });
  expect(await node('44121799')).toEqual({ title: 'A brand new code', deprecated: false, version: 'small' });
  // Used by the demo catalogues (kopipapir) and agreements: kept, marked deprecated.
  expect(await node('14111507')).toMatchObject({ deprecated: true });
  expect(await node('14110000')).toMatchObject({ deprecated: true });
  // Used by nothing: gone.
  expect(await node('14111501')).toBeUndefined();

  const token = await t.login('bestiller@nordby.example');
  const res = await t.gql(token, '{ unspscNode(code: "14111507") { deprecated path { code } } }');
  expect(res.data.unspscNode).toEqual({ deprecated: true, path: [{ code: '14000000' }, { code: '14110000' }, { code: '14111500' }, { code: '14111507' }] });

  // The search projection's titles (search_unspsc_text, kept by triggers) follow the re-import:
  // each class and commodity code's row is migration 120's expression over the new titles, and
  // removed codes have none, so versions indexed from now on get the new titles.
  expect(await t.sql(`SELECT category_text, en::text AS en FROM search_unspsc_text WHERE code = '44121704'`)).toEqual([
    { category_text: 'Writing instruments Ballpoint pens (retitled)', en: "'ballpoint':3 'instrument':2 'pen':4 'retitl':5 'write':1" },
  ]);
  expect(await t.sql(`SELECT code FROM search_unspsc_text WHERE code IN ('14111501', '44000000', '44120000')`)).toEqual([]);
  const [{ wrong, codes }] = await t.sql(`SELECT count(*) FILTER (WHERE s.code IS NULL OR s.category_text IS DISTINCT FROM c.text
        OR s.en IS DISTINCT FROM to_tsvector('english', coalesce(c.text, '')))::int AS wrong, count(*)::int AS codes
      FROM (SELECT n.code, ${CATEGORY_TEXT_SQL('n.code')} AS text FROM unspsc_node n WHERE n.code NOT LIKE '____0000') c
      LEFT JOIN search_unspsc_text s USING (code)`);
  expect(codes).toBeGreaterThan(5);
  expect(wrong).toBe(0);
  expect((await t.sql(`SELECT count(*)::int AS n FROM search_unspsc_text`))[0].n).toBe(codes);
});

it('refuses a code set file in another format or with bad codes, and changes nothing', async () => {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
  const [{ before }] = await t.sql('SELECT count(*)::int AS before FROM unspsc_node');
  const lines: string[] = [];
  expect(await runCli(['import-unspsc', '/no/such/file.csv'], config, (l) => lines.push(l), true)).toBe(66);
  const bad = await xlsx([[44000000, 'Office Equipment', 4412, 'Broken family', '', '', '', '']]);
  expect(await runCli(['import-unspsc', bad], config, (l) => lines.push(l), true)).toBe(65);
  expect(lines.join('\n')).toMatch(/line 2: "4412" is not an 8-digit UNSPSC code/);
  expect(await runCli(['frobnicate'], config, (l) => lines.push(l), true)).toBe(64);
  const [{ after }] = await t.sql('SELECT count(*)::int AS after FROM unspsc_node');
  expect(after).toBe(before);
});
