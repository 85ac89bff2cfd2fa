import { CsvChunks, CsvSyntaxError, MAX_RECORD_CHARS } from './csv-chunks';

/** Feeds a text in pieces of `size` characters, as a file stream would, and collects every row. */
function readInPieces(text: string, size: number, delimiter?: string) {
  const csv = new CsvChunks(delimiter);
  const rows = [];
  for (let i = 0; i < text.length; i += size) rows.push(...csv.push(text.slice(i, i + size)));
  rows.push(...csv.end());
  return rows;
}

function syntaxError(text: string, size = text.length): CsvSyntaxError {
  try {
    readInPieces(text, size);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return e;
    throw e;
  }
  throw new Error('no CsvSyntaxError');
}

const SAMPLE = 'id,name,price\r\nA-1,"Penn, blå\r\nmed ""to"" linjer",12.50\r\n\r\nA-2,  Blyant  ,3\r\n"A-3",Saks,99\r\n';
const EXPECTED = [
  { line: 1, values: ['id', 'name', 'price'] },
  { line: 2, values: ['A-1', 'Penn, blå\r\nmed "to" linjer', '12.50'] },
  { line: 5, values: ['A-2', 'Blyant', '3'] },
  { line: 6, values: ['A-3', 'Saks', '99'] },
];

describe('CsvChunks', () => {
  it.each([1, 2, 3, 7, 16, SAMPLE.length])('gives the same rows and lines whatever the chunk size (%i)', (size) => {
    expect(readInPieces(SAMPLE, size)).toEqual(EXPECTED);
  });

  it('drops a byte-order mark, finds semicolons in the header line, reads LF and a last line without a break', () => {
    expect(readInPieces('\ufeffvarenummer;navn;pris\nB-1;Saks, stor;12,50', 5)).toEqual([
      { line: 1, values: ['varenummer', 'navn', 'pris'] },
      { line: 2, values: ['B-1', 'Saks, stor', '12,50'] },
    ]);
    expect(readInPieces('a;b\nc;d\n', 2, ',')[1]).toEqual({ line: 2, values: ['c;d'] });
  });

  it('reads old Mac line breaks (CR only)', () => {
    expect(readInPieces('id,name\rC-1,"to\rlinjer"\rC-2,x\r', 4)).toEqual([
      { line: 1, values: ['id', 'name'] },
      { line: 2, values: ['C-1', 'to\rlinjer'] },
      { line: 4, values: ['C-2', 'x'] },
    ]);
  });

  it('names the line where a never-closed quote opens', () => {
    const e = syntaxError('id,name\nD-1,ok\nD-2,"open\nD-3,x\n', 5);
    expect(e.line).toBe(3);
    expect(e.reason).toMatch(/never closed/);
  });

  it('refuses text after a closing quote, on its line', () => {
    const e = syntaxError('id,name\nE-1,"Penn"x\n');
    expect(e).toMatchObject({ line: 2, reason: expect.stringMatching(/follows the closing quote/) });
  });

  it('refuses a row whose cell count differs from the first row, naming the line after a quoted break', () => {
    const e = syntaxError('id,name\nF-1,"a\nb"\nF-2,c,d\n');
    expect(e).toMatchObject({ line: 4, reason: '3 cells where the first row has 2' });
  });

  it('stops a record that never ends instead of buffering the whole file', () => {
    const csv = new CsvChunks(',');
    csv.push('id,name\nG-1,"');
    const piece = 'x'.repeat(64 * 1024);
    expect(() => {
      for (let sent = 0; sent <= MAX_RECORD_CHARS; sent += piece.length) csv.push(piece);
    }).toThrow(/line 2: a record runs over 1 MB/);
  });

  it('keeps a literal quote inside an unquoted cell (24" screens)', () => {
    expect(readInPieces('id,name\nH-1,Skjerm 24" Dell\n', 3)[1]).toEqual({ line: 2, values: ['H-1', 'Skjerm 24" Dell'] });
  });
});
