/**
 * Numbers, money and dates formatted for nb-NO whatever the interface language (issue 18): Torg
 * is a Norwegian marketplace, and amounts must read the same for everyone. Decimal values arrive
 * from the API as strings; Intl.NumberFormat formats a decimal string exactly (no float rounding).
 */
const LOCALE = 'nb-NO';

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(currency, f);
  }
  return f;
}

/** Intl's format takes decimal strings exactly (ES2023 Intl.NumberFormat v3); its type says number. */
type DecimalFormat = (value: string) => string;
const exact = (f: Intl.NumberFormat, value: string) => (f.format as unknown as DecimalFormat)(value);

/** "1234.5", "NOK" → "1 234,50 kr". */
export function formatMoney(amount: string, currency = 'NOK'): string {
  return exact(moneyFormat(currency), amount);
}

const numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 4 });
/** "1234.5" → "1 234,5"; quantities keep up to four decimals. */
export function formatNumber(value: string | number): string {
  return typeof value === 'number' ? numberFormat.format(value) : exact(numberFormat, value);
}

/** "25.00" → "25 %". */
export function formatPercent(rate: string): string {
  return `${formatNumber(rate)} %`;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Oslo' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' });

/** "2026-12-01" or an ISO timestamp → "01.12.2026" (Norwegian time). A bare date is taken as that day. */
export function formatDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return dateFormat.format(date);
}

/** An ISO timestamp → "01.12.2026, 13:05" (Norwegian time). */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** Today in Norway as YYYY-MM-DD (the API's date format). */
export function todayInNorway(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(now);
}
