import ExcelJS from 'exceljs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZip, entry, repeatedEntry, SHEET_CLOSE, SHEET_OPEN, STRINGS_OPEN, xlsxParts } from '../../../test/support/zip-builder';
import { projectRoot } from './project-root';
import { readXlsxRows, XLSX_LIMITS, XlsxError, XlsxLimits, XlsxRow } from './xlsx-rows';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'torg-xlsx-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fileOf(content: Buffer): Promise<string> {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(file, content);
  return file;
}

async function rowsOf(file: string, limits: XlsxLimits = XLSX_LIMITS): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const batch of readXlsxRows(file, limits)) rows.push(...batch);
  return rows;
}

async function errorOf(file: string, limits: XlsxLimits = XLSX_LIMITS): Promise<XlsxError> {
  try {
    await rowsOf(file, limits);
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw e;
  }
  throw new Error('the file was read');
}

describe('readXlsxRows', () => {
  it('reads what Excel writers write: shared and inline strings, numbers, booleans, formulas, gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    ws.addRow(['Seller Item ID', 'Name', 'Price', 'In stock', 'Total']);
    ws.addRow(['X-1', { richText: [{ text: 'Kule' }, { text: 'penn' }] }, 12.5, true, { formula: 'C2*2', result: 25 }]);
    ws.getCell('A4').value = 'X-3';
    ws.getCell('C4').value = 89;
    wb.addWorksheet('Ark2').addRow(['ignored']);
    const rows = await rowsOf(await fileOf(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(rows).toEqual([
      { line: 1, values: ['Seller Item ID', 'Name', 'Price', 'In stock', 'Total'] },
      { line: 2, values: ['X-1', 'Kulepenn', '12.5', 'true', '25'] },
      { line: 4, values: ['X-3', '', '89'] },
    ]);
  });

  it('reads the demo catalogue and leaves no file behind in the temporary folder', async () => {
    // exceljs, the reader before, unpacked sheets to tmp-<pid>-* files there and never removed them.
    const before = await readdir(tmpdir());
    const rows = await rowsOf(join(projectRoot(), 'catalogs', 'datautstyr-it-tilbehor.xlsx'));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0].values).toEqual(expect.arrayContaining([expect.stringMatching(/unspsc/i)]));
    expect((await readdir(tmpdir())).filter((f) => !before.includes(f) && f.startsWith(`tmp-${process.pid}-`))).toEqual([]);
  });

  it('refuses a part that declares more than the inflate budget before inflating it', async () => {
    const bomb = repeatedEntry('xl/worksheets/sheet1.xml', '\0'.repeat(1024 * 1024), 2048); // 2 GiB of NULs in about 2 MB
    const e = await errorOf(await fileOf(buildZip([...xlsxParts(), bomb])));
    expect(e.tooLarge).toBe(true);
    expect(e.message).toBe(`it would inflate to more than ${XLSX_LIMITS.maxInflatedBytes} bytes (xl/worksheets/sheet1.xml alone declares ${2048 * 1024 * 1024}), the most an XLSX upload may hold`);
  });

  it('refuses a part that inflates past the size it declares, as soon as it does', async () => {
    const liar = repeatedEntry('xl/worksheets/sheet1.xml', '<row/>'.repeat(100_000), 5000, { before: SHEET_OPEN, after: SHEET_CLOSE, declaredSize: 1000 });
    const e = await errorOf(await fileOf(buildZip([...xlsxParts(), liar])));
    expect(e).toMatchObject({ tooLarge: true, message: 'xl/worksheets/sheet1.xml inflates to more than the 1000 bytes it declares (a zip bomb?)' });
  });

  it('bounds the shared strings, the rows, the columns and the cell text', async () => {
    const limits = { ...XLSX_LIMITS, maxSharedStrings: 1000, maxRows: 100, maxColumns: 50, maxCellChars: 100 };
    const strings = repeatedEntry('xl/sharedStrings.xml', '<si><t>x</t></si>', 5000, { before: STRINGS_OPEN, after: '</sst>' });
    const sheet = (rows: string) => entry('xl/worksheets/sheet1.xml', SHEET_OPEN + rows + SHEET_CLOSE);
    expect(await errorOf(await fileOf(buildZip([...xlsxParts(), strings, sheet('')])), limits)).toMatchObject({
      tooLarge: true,
      message: 'its shared strings hold more than 1000 strings, the most an XLSX upload may hold (save large catalogues as CSV)',
    });
    const manyRows = sheet('<row><c t="inlineStr"><is><t>a</t></is></c></row>'.repeat(101));
    expect(await errorOf(await fileOf(buildZip([...xlsxParts(), manyRows])), limits)).toMatchObject({
      tooLarge: true,
      message: 'the sheet has a row 101, past the 100 rows a sheet may have',
      row: 100,
    });
    const farColumn = sheet('<row r="1"><c r="ZZZZZZZZ1"><v>1</v></c></row>');
    expect(await errorOf(await fileOf(buildZip([...xlsxParts(), farColumn])), limits)).toMatchObject({
      tooLarge: true,
      message: expect.stringMatching(/^row 1 has a cell in column \d+, past the 50 columns/),
    });
    const longCell = sheet(`<row r="1"><c t="inlineStr"><is><t>${'y'.repeat(101)}</t></is></c></row>`);
    expect(await errorOf(await fileOf(buildZip([...xlsxParts(), longCell])), limits)).toMatchObject({
      tooLarge: true,
      message: 'row 1 has a cell longer than 100 characters, the most a cell may hold',
    });
  });

  it('refuses what is not an XLSX, naming the trouble', async () => {
    expect((await errorOf(await fileOf(Buffer.from('not a zip at all')))).message).toBe('it is not a zip file (no end of central directory)');
    expect((await errorOf(await fileOf(buildZip([entry('hello.txt', 'hi')])))).message).toBe('it holds no workbook (xl/workbook.xml)');
    const badRef = entry('xl/worksheets/sheet1.xml', SHEET_OPEN + '<row r="1"><c t="s"><v>7</v></c></row>' + SHEET_CLOSE);
    expect(await errorOf(await fileOf(buildZip([...xlsxParts(), badRef])))).toMatchObject({ tooLarge: false, message: 'row 1 refers to shared string "7", which the file does not hold' });
    const deep = entry('xl/worksheets/sheet1.xml', SHEET_OPEN + '<x>'.repeat(100_000));
    expect((await errorOf(await fileOf(buildZip([...xlsxParts(), deep])))).message).toBe('xl/worksheets/sheet1.xml nests deeper than 32 elements');
  });
});
