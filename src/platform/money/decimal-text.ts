import Decimal from 'decimal.js';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
/** xsd:decimal as UBL and the catalogue files write numbers. */
const XSD_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Whether a text is an xsd:decimal (an optional sign, digits, a point; no exponent, no spaces). */
export const isXsdDecimal = (text: string) => XSD_DECIMAL.test(text);

/**
 * How Torg prints a decimal: at least two decimals, and more only where they carry a digit.
 * "45.0700" → "45.07", "45.1234" stays, "45.1230" → "45.123", "45" → "45.00". numeric columns
 * arrive padded to their scale (a price as "49.9000"), which says nothing about the price.
 */
export function formatDecimal(value: string | Decimal): string {
  const text = typeof value === 'string' && PLAIN_DECIMAL.test(value) ? value : new Decimal(value).toFixed();
  const [whole, fraction = ''] = text.split('.');
  const digits = whole.replace(/^(-?)0+(?=\d)/, '$1');
  const decimals = fraction.replace(/0+$/, '').padEnd(2, '0');
  // "-0.00" is zero: no sign.
  return /^-0$/.test(digits) && /^0+$/.test(decimals) ? `0.${decimals}` : `${digits}.${decimals}`;
}

/**
 * A decimal text (xsd:decimal: an optional sign, digits, a point) in its shortest form, as
 * Decimal#toFixed() writes it, by text alone ("012.50" → "12.5", "+.50" → "0.5", "7." → "7",
 * "-0.00" → "0"); any other text is returned as it is, for the caller's format check to refuse.
 * What comes from outside is judged and stored by its value, not its spelling: xsd:decimal allows
 * any number of trailing zeros, and PostgreSQL refuses a numeric written with more than 16,383
 * digits after the point ("value overflows numeric format", a 500),
 * so "1." and 16,384 zeros is 1. Text operations only: no arithmetic on a 16 KB number.
 */
export function valuedDecimalText(text: string): string {
  if (!XSD_DECIMAL.test(text)) return text;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const digits = whole.replace(/^0+(?=\d)/, '') || '0';
  const decimals = fraction.replace(/0+$/, '');
  const plain = decimals ? `${digits}.${decimals}` : digits;
  return negative && /[1-9]/.test(plain) ? `-${plain}` : plain;
}
