import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and one CRLF-ended line per row, empty for null', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          { a: 1, b: null },
          { a: 'x', b: '2.50' },
        ],
      ),
    ).toBe('a,b\r\n1,\r\nx,2.50\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(toCsv(['t'], [{ t: 'Papir, A4' }, { t: 'sa "hei"' }, { t: 'to\nlinjer' }])).toBe('t\r\n"Papir, A4"\r\n"sa ""hei"""\r\n"to\nlinjer"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative amounts', () => {
    expect(toCsv(['t'], [{ t: '=HYPERLINK("x")' }, { t: '-40.00' }, { t: '@sum' }])).toBe('t\r\n"\'=HYPERLINK(""x"")"\r\n-40.00\r\n\'@sum\r\n');
  });
});
