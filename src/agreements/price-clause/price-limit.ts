import Decimal from 'decimal.js';
import { formatDecimal } from '../../platform/money/decimal-text';

/**
 * The price-adjustment clause of an agreement (prisreguleringsklausul) and the limit it puts on
 * a price increase. Pure: no Nest, no database; the catalogue review and publish use it.
 *
 * Every clause comes down to an allowance: the most a price may be, as a fraction num/den of the
 * item's base price (its price at the clause's anchor date). The decision compares
 * new × den ≤ base × num, multiplication only, so it is exact at the boundary whatever the
 * index values are (new/base would not terminate for most index pairs).
 */

/** Precision enough for (100 + p)^n with p at 4 decimals and n up to 120 periods: products are exact. */
const Exact = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_UP });

export type PriceClauseKind = 'MAX_INCREASE' | 'INDEX';
/** Where a maximum increase per period counts its periods from. */
export type PriceClauseReference = 'AGREEMENT_START' | 'LAST_PUBLISH';

/** At most `maxIncreasePercent` per `periodMonths`, per whole period since the reference date, compounded. */
export interface MaxIncreaseClause {
  kind: 'MAX_INCREASE';
  maxIncreasePercent: string;
  periodMonths: number;
  reference: PriceClauseReference;
}

/** `indexSharePercent` % of the change in the index from the base value ("X % av endringen i KPI"). */
export interface IndexClause {
  kind: 'INDEX';
  indexName: string;
  baseIndexValue: string;
  baseIndexDate: string;
  indexSharePercent: string;
}

export type PriceClauseTerms = MaxIncreaseClause | IndexClause;

/** An index value the purchasing unit recorded, for the period that ends on (or is named by) `date`. */
export interface IndexValue {
  date: string;
  value: string;
}

/** What the allowance is measured against, all dates YYYY-MM-DD (Norway). */
export interface AllowanceFacts {
  /** The day of the decision (the review or the publish). */
  today: string;
  /** The agreement's first day in force. */
  agreementStart: string;
  /** The day the version in force was published; null when none is. */
  inForceSince: string | null;
  /** Recorded index values (any order); only an INDEX clause reads them. */
  indexValues: readonly IndexValue[];
}

export interface PriceAllowance {
  /** Prices in force on this day are the base the allowance is measured from. */
  anchorDate: string;
  /** Base prices are the prices of the version in force (LAST_PUBLISH): then base = old price. */
  baseIsInForce: boolean;
  /** The most a price may be is base × num / den (exact). */
  num: Decimal;
  den: Decimal;
  /** (num/den − 1) × 100 at 4 decimals, for people; the decision uses num and den. */
  allowedPercent: Decimal;
  /** Whole periods elapsed (MAX_INCREASE). */
  periods: number | null;
  /** The index value used (INDEX); null when none is recorded after the base date yet. */
  indexValue: IndexValue | null;
  /** The clause and how today's allowance follows from it, in words. */
  description: string;
}

/** Whole months from `from` to `to` (a month is complete on the same day of a later month); 0 when `to` is not later. */
export function wholeMonthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return Math.max(0, months);
}

const pct = (d: Decimal.Value) => `${formatDecimal(new Exact(d))} %`;

/** Today's allowance under the clause; null when nothing can be measured (LAST_PUBLISH with no version in force). */
export function priceAllowance(clause: PriceClauseTerms, facts: AllowanceFacts): PriceAllowance | null {
  return clause.kind === 'MAX_INCREASE' ? maxIncreaseAllowance(clause, facts) : indexAllowance(clause, facts);
}

function maxIncreaseAllowance(clause: MaxIncreaseClause, facts: AllowanceFacts): PriceAllowance | null {
  const anchorDate = clause.reference === 'AGREEMENT_START' ? facts.agreementStart : facts.inForceSince;
  if (anchorDate === null) return null;
  const periods = Math.floor(wholeMonthsBetween(anchorDate, facts.today) / clause.periodMonths);
  // Each whole period allows p % on top of the price the previous one allowed: (1 + p/100)^n.
  const num = new Exact(100).plus(clause.maxIncreasePercent).pow(periods);
  const den = new Exact(100).pow(periods);
  const from = clause.reference === 'AGREEMENT_START' ? `the agreement start (${anchorDate})` : `the last publish (${anchorDate})`;
  const allowedPercent = percentOf(num, den);
  return {
    anchorDate,
    baseIsInForce: clause.reference === 'LAST_PUBLISH',
    num,
    den,
    allowedPercent,
    periods,
    indexValue: null,
    description: `at most ${pct(clause.maxIncreasePercent)} per ${clause.periodMonths} months from ${from}: ${periods} whole period${periods === 1 ? '' : 's'} by ${facts.today}, so at most ${pct(allowedPercent)} above the price then`,
  };
}

function indexAllowance(clause: IndexClause, facts: AllowanceFacts): PriceAllowance {
  const latest = latestIndexValue(clause, facts.indexValues, facts.today);
  const base = new Exact(clause.baseIndexValue);
  // max = base price × (1 + s/100 × (latest − baseIdx)/baseIdx) = base price × (100·baseIdx + s·(latest − baseIdx)) / (100·baseIdx)
  const den = base.times(100);
  const num = latest ? den.plus(new Exact(clause.indexSharePercent).times(new Exact(latest.value).minus(base))) : den;
  const allowedPercent = percentOf(num, den);
  const share = new Exact(clause.indexSharePercent).equals(100) ? 'the change' : `${pct(clause.indexSharePercent)} of the change`;
  const change = latest
    ? `from ${formatDecimal(clause.baseIndexValue)} (${clause.baseIndexDate}) to ${formatDecimal(latest.value)} (${latest.date})`
    : `since ${formatDecimal(clause.baseIndexValue)} (${clause.baseIndexDate}): no later value recorded`;
  return {
    anchorDate: clause.baseIndexDate,
    baseIsInForce: false,
    num,
    den,
    allowedPercent,
    periods: null,
    indexValue: latest,
    description: `${share} in ${clause.indexName} ${change}, so at most ${pct(allowedPercent)} above the price on ${clause.baseIndexDate}`,
  };
}

/** The latest value dated after the base date and not after today; null when there is none. */
export function latestIndexValue(clause: Pick<IndexClause, 'baseIndexDate'>, values: readonly IndexValue[], today: string): IndexValue | null {
  let latest: IndexValue | null = null;
  for (const v of values) if (v.date > clause.baseIndexDate && v.date <= today && (!latest || v.date > latest.date)) latest = v;
  return latest;
}

function percentOf(num: Decimal, den: Decimal): Decimal {
  return num.div(den).minus(1).times(100).toDecimalPlaces(4);
}

/** One item's prices: the base the clause measures from, the price in force and the new one. */
export interface ItemPrices {
  base: string;
  old: string;
  new: string;
}

/** An increase beyond the clause, with the figures a purchaser needs to judge it. */
export interface PriceIncreaseBeyond {
  /** (new − old)/old × 100 at 2 decimals. */
  increasePercent: Decimal;
  /** (new − base)/base × 100 at 2 decimals: what the clause's allowance is compared with. */
  increaseFromBasePercent: Decimal;
  /** The clause's allowance from the base price, in percent. */
  allowedPercent: Decimal;
  /** The most the clause allows: base × num/den, rounded down to 4 decimals (a price the clause allows). */
  maxPrice: Decimal;
}

/**
 * Null unless the new price is an increase on the old one and above what the clause allows
 * (new × den > base × num, exact). A decrease or an unchanged price is never flagged, whatever
 * the base: the clause limits increases, it does not order prices down.
 */
export function priceIncreaseBeyond(prices: ItemPrices, allowance: Pick<PriceAllowance, 'num' | 'den' | 'allowedPercent'>): PriceIncreaseBeyond | null {
  const base = new Exact(prices.base);
  const old = new Exact(prices.old);
  const next = new Exact(prices.new);
  if (!next.greaterThan(old)) return null;
  if (next.times(allowance.den).lessThanOrEqualTo(base.times(allowance.num))) return null;
  return {
    increasePercent: next.minus(old).div(old).times(100).toDecimalPlaces(2),
    increaseFromBasePercent: next.minus(base).div(base).times(100).toDecimalPlaces(2),
    allowedPercent: allowance.allowedPercent,
    maxPrice: base.times(allowance.num).div(allowance.den).toDecimalPlaces(4, Decimal.ROUND_DOWN),
  };
}
