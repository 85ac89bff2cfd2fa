import { badInput } from '../errors/domain-error';
import { Money } from './money';

/**
 * The arithmetic of a running total under an optional cap (a cost centre's budget, an
 * agreement's value ceiling): what is left, and whether a new amount fits. No cap means no
 * control: everything fits and nothing is "left".
 */

/** cap − taken; negative once the total has gone over (an accepted change or an override may take it there); null without a cap. */
export function remainingUnder(cap: Money | null, taken: Money): Money | null {
  return cap ? cap.minus(taken) : null;
}

/** Whether taking `requested` on top of `taken` keeps the total within `cap` (always, without a cap). */
export function fitsUnder(cap: Money | null, taken: Money, requested: Money): boolean {
  return !cap || taken.plus(requested).compare(cap) <= 0;
}

/** numeric(18,2) holds below 10^16 with two decimals. */
const STORABLE_LIMIT = Money.of('1e16', 'NOK').amount;

/**
 * An amount a ledger may store in a numeric(18,2) column in `currency`: not negative, at most
 * two decimals (rounding is the caller's decision: PEPPOL rounds line amounts before summing),
 * below 10^16. Anything else is refused with BAD_USER_INPUT naming `field`.
 */
export function ledgerAmount(amount: Money, currency: string, field = 'amount'): Money {
  if (amount.currency !== currency) throw badInput(`${field} must be in ${currency}, not ${amount.currency}`, { field });
  if (amount.isNegative()) throw badInput(`${field} must not be negative (${amount.toString()})`, { field });
  if (amount.decimalPlaces() > 2) throw badInput(`${field} must have at most 2 decimals (${amount.toString()}): round it first`, { field });
  if (amount.amount.gte(STORABLE_LIMIT)) throw badInput(`${field} ${amount.toString()} is too large`, { field });
  return amount;
}

/**
 * What a ledger entry charges its cap (a cost centre's budget year, an agreement's value
 * ceiling): the larger of what it committed and what was invoiced of it. Invoicing never changes
 * the commitment itself, so an invoice approved above it (a price variance accepted with a
 * reason, more invoiced than a closed order delivered) charges the cap in full; a credit note
 * lowers invoiced again and the charge with it, never below the commitment. A released entry
 * (amount 0) still charges what was invoiced of it: spent money stays spent. Every total of
 * "committed" sums this per entry, in SQL as LEDGER_CHARGE_SQL.
 */
export function ledgerCharge(amount: Money, invoiced: Money): Money {
  return invoiced.compare(amount) > 0 ? invoiced : amount;
}

/**
 * ledgerCharge in SQL, over a ledger table's `amount` and `invoiced` columns (the one spelling of
 * the rule the repositories sum: `sum(${LEDGER_CHARGE_SQL})`).
 */
export const LEDGER_CHARGE_SQL = 'greatest(amount, invoiced)';

/**
 * What a ledger entry becomes when its source is settled at `delivered` (a commitment closed with
 * less delivered than it held): what was delivered, never more than it holds now (settling books
 * nothing new). Not floored at what was invoiced: the entry's charge (ledgerCharge) keeps every
 * invoiced krone counted, and a credit note after the close can then bring the charge down to
 * the value delivered, whichever came first, the close or the invoice.
 */
export function settledAmount(current: Money, delivered: Money): Money {
  return delivered.compare(current) > 0 ? current : delivered;
}

/** What a ledger entry stands for, e.g. { type: 'ORDER', id: '42' }: one entry per source. */
export interface LedgerSource {
  type: string;
  id: string;
}

/** The source, checked against the columns (type 1–40, id 1–100 characters, neither blank). */
export function ledgerSource(source: LedgerSource): LedgerSource {
  const type = source.type?.trim() ?? '';
  const id = source.id?.trim() ?? '';
  if (!type || type.length > 40) throw badInput(`source type must be 1–40 characters, not "${source.type}"`, { field: 'source' });
  if (!id || id.length > 100) throw badInput(`source id must be 1–100 characters, not "${source.id}"`, { field: 'source' });
  return { type, id };
}
