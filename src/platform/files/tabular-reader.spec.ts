import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTabular, TabularRow } from './tabular-reader';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'torg-tabular-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readAll(text: string | Buffer) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, text);
  const rows: TabularRow[] = [];
  let headers: string[] = [];
  let batches = 0;
  for await (const batch of readTabular(file, 'csv')) {
    headers = batch.headers;
    rows.push(...batch.rows);
    batches++;
  }
  return { headers, rows, batches };
}

describe('readTabular (CSV)', () => {
  it('numbers rows by the line they start on, across quoted line breaks and skipped empty lines', async () => {
    const { headers, rows } = await readAll('Seller Item ID,Name\nA-1,"Penn\nmed to linjer"\n\nA-2, Blyant \n');
    expect(headers).toEqual(['selleritemid', 'name']);
    expect(rows).toEqual([
      { line: 2, values: ['A-1', 'Penn\nmed to linjer'] },
      { line: 5, values: ['A-2', 'Blyant'] },
    ]);
  });

  it('reads semicolon files with a BOM', async () => {
    const { headers, rows } = await readAll('\ufeffvarenummer;navn\nB-1;Saks\n');
    expect(headers).toEqual(['varenummer', 'navn']);
    expect(rows).toEqual([{ line: 2, values: ['B-1', 'Saks'] }]);
  });

  it('streams a large file in several batches and keeps every row and its line', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `C-${i},Vare nummer ${i} med et langt navn for å fylle filen`);
    const { rows, batches } = await readAll(['id,name', ...lines].join('\n') + '\n');
    expect(rows).toHaveLength(30_000);
    expect(batches).toBeGreaterThan(1);
    expect(rows[29_999]).toEqual({ line: 30_001, values: ['C-29999', 'Vare nummer 29999 med et langt navn for å fylle filen'] });
  });

  it('reports broken quoting deep in the file as a bad input with its line', async () => {
    const good = Array.from({ length: 20_000 }, (_, i) => `D-${i},Vare ${i}`);
    // The open quote swallows the rest of the file; the error names the line where it opens.
    await expect(readAll(['id,name', ...good, 'D-x,"open quote never closed', 'D-y,ok'].join('\n'))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/malformed at line 20002: a quoted cell is never closed/),
    });
  });

  it('refuses a row with the wrong number of cells, naming the line', async () => {
    await expect(readAll('id,name\nE-1,Saks\nE-2,Saks,ekstra\n')).rejects.toMatchObject({ message: expect.stringMatching(/malformed at line 3: 3 cells where the first row has 2/) });
  });

  it('refuses a Latin-1 file at its first non-UTF-8 byte, naming the line and byte', async () => {
    const latin1 = Buffer.from('id,name\nF-1,Saks\nF-2,Bl\xe5 perm\n', 'latin1');
    await expect(readAll(latin1)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'The CSV file is not UTF-8: byte 0xE5 at line 3, byte 7 of the line, is not UTF-8 (the file is most likely ISO-8859-1 or Windows-1252: save it as UTF-8)',
      details: { line: 3, column: 7 },
    });
  });

  it.each([
    ['with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\r\nG-1,Saks\r\n', 'utf16le')]), 'UTF-16LE'],
    ['without one (NUL bytes between the letters)', Buffer.from('id,name\r\nG-1,Saks\r\n', 'utf16le').swap16(), 'UTF-16BE'],
  ])('names UTF-16 %s', async (_what, bytes, encoding) => {
    await expect(readAll(bytes)).rejects.toMatchObject({ message: `The CSV file is encoded as ${encoding} ("Unicode text"); Torg reads CSV in UTF-8: save it as "CSV UTF-8 (comma delimited)"` });
  });
});
