import Decimal from 'decimal.js';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

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
