import ExcelJS from 'exceljs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
