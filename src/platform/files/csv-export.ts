import Decimal from 'decimal.js';

/** What a CSV export may hold in a cell. Numbers are written as numbers; every string is text. */
export type CsvValue = string | number | bigint | boolean | Decimal | null | undefined;

/**
 * Text a spreadsheet would read as a formula (CSV injection, OWASP): it starts with =, +, -, @,
 * a tab or a carriage return, also after leading spaces, or with their full-width forms, which
 * some spreadsheet locales accept as well. Suppliers' and users' text is stored as sent, so it
 * is neutralised where it leaves Torg.
 */
const FORMULA_START = /^(?:[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]|\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** A plain decimal number ("-45.90") is a value, not a formula, and is left as it is. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * One CSV cell. Text is always quoted (a quote inside written twice), so a separator, quote or
 * line break in it cannot start another cell or row, and text that a spreadsheet would run as a
 * formula gets a leading apostrophe, which spreadsheets show as text. Numbers (and Decimal, in
 * full, never in exponent form) are written bare; null and undefined as an empty cell.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`A CSV cell cannot hold the number ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Decimal.isDecimal(value)) return value.toFixed();
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV row ending in CRLF (RFC 4180); `separator` is ";" for spreadsheets in locales with a decimal comma. */
export function csvRow(values: readonly CsvValue[], separator: ',' | ';' | '\t' = ','): string {
  return values.map(csvCell).join(separator) + '\r\n';
}
