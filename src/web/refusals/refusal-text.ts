/**
 * A refusal (a result union's ErrorResult member) said to the user in their language: the text
 * keyed on its `__typename` (texts-nb.ts, texts-en.ts) with the values it carries, formatted —
 * amounts as money, statuses and roles in words, lists as the lines they name and their count.
 * The server's message is the fallback: for a refusal with no text, and for one whose text needs
 * a value the operation did not select (never a half-filled sentence).
 */
import type { TFunction } from 'i18next';
import { formatMoney } from '../format/format';
import { refusalsNb } from './texts-nb';

export type RefusalType = keyof typeof refusalsNb;

const MONEY = new Set(['amount', 'budget', 'ceiling', 'committed', 'remaining', 'requested']);

/** Where a refusal's status is said in words. */
const STATUS_TEXTS: Record<string, string> = {
  OrderStateError: 'requisition.statuses',
  InvoiceStateError: 'work.payables.statuses',
  CatalogueStateError: 'supplier.catalogue.statuses',
};

/** The placeholders a text needs ({{name}}). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
}

export function hasRefusalText(typename: string): typename is RefusalType {
  return Object.prototype.hasOwnProperty.call(refusalsNb, typename);
}

/** What one entry of a refusal's list is called: its line, else its name, an agreement's reference, or the invoice. */
function labelOf(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return String(entry);
  const e = entry as Record<string, unknown>;
  return String(e.lineNumber ?? e.lineId ?? e.name ?? e.reference ?? e.invoiceId ?? e.field ?? '');
}

/** The refusal's values ready for its text. */
export function refusalValues(answer: Record<string, unknown>, t: TFunction): Record<string, string> {
  const values: Record<string, string> = {};
  const currency = typeof answer.currency === 'string' ? answer.currency : 'NOK';
  for (const [key, value] of Object.entries(answer)) {
    if (key === '__typename' || value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      values[key] = [...new Set(value.map(labelOf))].join(', ');
      values[`${key}Count`] = String(value.length);
    } else if (MONEY.has(key) && typeof value === 'string') values[key] = formatMoney(value, currency);
    else if (key === 'status' && typeof answer.__typename === 'string' && STATUS_TEXTS[answer.__typename])
      values[key] = t(`${STATUS_TEXTS[answer.__typename]}.${String(value)}`, { defaultValue: String(value) });
    else if (key === 'role') values[key] = t(`roles.${String(value)}`, { defaultValue: String(value) });
    else if (typeof value !== 'object') values[key] = String(value);
  }
  return values;
}

/** The refusal in the user's language, or the server's message (see above). */
export function refusalText(answer: { readonly __typename?: string; readonly [key: string]: unknown }, t: TFunction): string {
  const a: Record<string, unknown> = answer;
  const typename = typeof a.__typename === 'string' ? a.__typename : '';
  const fallback = typeof a.message === 'string' && a.message ? a.message : t('errors.title');
  if (!hasRefusalText(typename)) return fallback;
  const values = refusalValues(a, t);
  if (placeholders(refusalsNb[typename]).some((p) => values[p] === undefined || values[p] === '')) return fallback;
  return t(`refusal.${typename}`, { ...values, defaultValue: fallback });
}
