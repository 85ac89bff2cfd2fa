import Decimal from 'decimal.js';
import fc from 'fast-check';
import { IndexClause, MaxIncreaseClause, priceAllowance, PriceAllowance, priceIncreaseBeyond, wholeMonthsBetween } from './price-limit';

const Exact = Decimal.clone({ precision: 1000 });
const facts = (over: Partial<Parameters<typeof priceAllowance>[1]> = {}) => ({ today: '2026-12-01', agreementStart: '2025-01-01', inForceSince: '2026-06-15', indexValues: [], ...over });
const maxIncrease = (over: Partial<MaxIncreaseClause> = {}): MaxIncreaseClause => ({ kind: 'MAX_INCREASE', maxIncreasePercent: '3', periodMonths: 12, reference: 'AGREEMENT_START', ...over });
const kpi = (over: Partial<IndexClause> = {}): IndexClause => ({ kind: 'INDEX', indexName: 'KPI', baseIndexValue: '127.3', baseIndexDate: '2025-01-01', indexSharePercent: '100', ...over });
const allowance = (a: PriceAllowance | null) => {
  if (!a) throw new Error('no allowance');
  return a;
};

describe('wholeMonthsBetween', () => {
  it('counts a month complete on the same day of a later month, never negative', () => {
    expect(wholeMonthsBetween('2025-01-01', '2026-01-01')).toBe(12);
    expect(wholeMonthsBetween('2025-01-15', '2026-01-14')).toBe(11);
    expect(wholeMonthsBetween('2025-01-31', '2025-02-28')).toBe(0);
    expect(wholeMonthsBetween('2026-01-01', '2025-01-01')).toBe(0);
  });
});

describe('priceAllowance', () => {
  it('compounds a maximum increase over the whole periods since the agreement start', () => {
    const a = allowance(priceAllowance(maxIncrease(), facts()));
    expect(a).toMatchObject({ anchorDate: '2025-01-01', baseIsInForce: false, periods: 1 });
    expect(a.allowedPercent.toFixed()).toBe('3');
    const two = allowance(priceAllowance(maxIncrease(), facts({ today: '2027-01-01' })));
    expect(two.periods).toBe(2);
    expect(two.allowedPercent.toFixed()).toBe('6.09'); // 1.03² = 1.0609
    expect(two.description).toBe('at most 3.00 % per 12 months from the agreement start (2025-01-01): 2 whole periods by 2027-01-01, so at most 6.09 % above the price then');
  });

  it('counts from the last publish, and allows nothing before a whole period has passed', () => {
    const a = allowance(priceAllowance(maxIncrease({ reference: 'LAST_PUBLISH' }), facts()));
    expect(a).toMatchObject({ anchorDate: '2026-06-15', baseIsInForce: true, periods: 0 });
    expect(a.allowedPercent.toFixed()).toBe('0');
    expect(priceAllowance(maxIncrease({ reference: 'LAST_PUBLISH' }), facts({ inForceSince: null }))).toBeNull();
  });

  it('allows the change in the index (or the agreed share of it) from the base value to the latest value recorded up to today', () => {
    const values = [
      { date: '2026-06-01', value: '131.2' },
      { date: '2026-10-01', value: '133.84' },
      { date: '2027-01-01', value: '140' }, // not yet: after today
      { date: '2024-12-01', value: '120' }, // before the base date
    ];
    const full = allowance(priceAllowance(kpi({ baseIndexValue: '130' }), facts({ indexValues: values })));
    expect(full.indexValue).toEqual({ date: '2026-10-01', value: '133.84' });
    expect(full.allowedPercent.toFixed()).toBe('2.9538'); // 133.84/130 − 1 = 2.953846…%
    const share = allowance(priceAllowance(kpi({ baseIndexValue: '130', indexSharePercent: '60' }), facts({ indexValues: values })));
    expect(share.allowedPercent.toFixed()).toBe('1.7723');
    expect(share.description).toBe('60.00 % of the change in KPI from 130.00 (2025-01-01) to 133.84 (2026-10-01), so at most 1.7723 % above the price on 2025-01-01');
    const none = allowance(priceAllowance(kpi(), facts()));
    expect(none.allowedPercent.toFixed()).toBe('0');
    expect(none.indexValue).toBeNull();
  });
});

describe('priceIncreaseBeyond', () => {
  const threePercent = allowance(priceAllowance(maxIncrease(), facts()));

  it('flags an increase beyond the allowance with the figures, and is exact where floats are not', () => {
    const tenPercent = allowance(priceAllowance(maxIncrease({ maxIncreasePercent: '10' }), facts()));
    // 10.10 × 1.10 = 11.11 exactly; in binary floating point it is 11.110000000000001, which would pass 11.1100000000000005.
    expect(10.1 * 1.1 > 11.11).toBe(true);
    expect(priceIncreaseBeyond({ base: '10.10', old: '10.10', new: '11.11' }, tenPercent)).toBeNull();
    expect(priceIncreaseBeyond({ base: '10.10', old: '10.10', new: '11.1100000000000005' }, tenPercent)).not.toBeNull();
    const flag = priceIncreaseBeyond({ base: '19.99', old: '19.99', new: '20.5898' }, threePercent)!;
    expect(flag.increasePercent.toFixed()).toBe('3');
    expect(flag.allowedPercent.toFixed()).toBe('3');
    expect(flag.maxPrice.toFixed()).toBe('20.5897');
    expect(priceIncreaseBeyond({ base: '19.99', old: '19.99', new: '20.5897' }, threePercent)).toBeNull();
  });

  it('measures a cumulative clause from the base price: the second step of an increase counts the first', () => {
    // The agreement started at 100; 102 is in force; 104.04 is 2 % on 102 but 4.04 % on 100.
    const flag = priceIncreaseBeyond({ base: '100', old: '102', new: '104.04' }, threePercent)!;
    expect(flag.increasePercent.toFixed()).toBe('2');
    expect(flag.increaseFromBasePercent.toFixed()).toBe('4.04');
    expect(flag.maxPrice.toFixed()).toBe('103');
    expect(priceIncreaseBeyond({ base: '100', old: '102', new: '103' }, threePercent)).toBeNull();
  });

  // Prices as catalogues hold them: up to 4 decimals, above 0.
  const price = fc.integer({ min: 1, max: 10_000_000 }).map((n) => new Exact(n).div(10_000).toFixed());
  const percent = fc.integer({ min: 0, max: 10_000 }).map((n) => new Exact(n).div(100).toFixed()); // 0.00 … 100.00
  const clauseAllowance = fc.oneof(
    fc.record({ p: percent, n: fc.integer({ min: 0, max: 5 }) }).map(({ p, n }) => {
      const num = new Exact(100).plus(p).pow(n);
      const den = new Exact(100).pow(n);
      return { num, den, allowedPercent: num.div(den).minus(1).times(100) };
    }),
    fc.record({ base: price, latest: price, share: percent }).map(({ base, latest, share }) => {
      const den = new Exact(base).times(100);
      const num = den.plus(new Exact(share).times(new Exact(latest).minus(base)));
      return { num, den, allowedPercent: num.div(den).minus(1).times(100) };
    }),
  );
  const maxOf = (base: string, a: { num: Decimal; den: Decimal }) => new Exact(base).times(a.num).div(a.den);

  it('never flags a decrease or an unchanged price', () => {
    fc.assert(
      fc.property(price, price, price, clauseAllowance, (base, x, y, a) => {
        const [hi, lo] = new Exact(x).greaterThanOrEqualTo(y) ? [x, y] : [y, x];
        expect(priceIncreaseBeyond({ base, old: hi, new: lo }, a)).toBeNull();
      }),
    );
  });

  it('never flags an increase within the limit, and flags every increase beyond it', () => {
    fc.assert(
      fc.property(price, price, price, clauseAllowance, (base, old, next, a) => {
        const flagged = priceIncreaseBeyond({ base, old, new: next }, a) !== null;
        const increase = new Exact(next).greaterThan(old);
        const beyond = new Exact(next).greaterThan(maxOf(base, a));
        expect(flagged).toBe(increase && beyond);
      }),
    );
  });

  it('is decimal-exact at the boundary: the maximum itself passes, the least bit more is flagged', () => {
    fc.assert(
      fc.property(price, clauseAllowance, fc.integer({ min: 1, max: 40 }), (base, a, digits) => {
        const max = maxOf(base, a);
        // With the old price at the base and a positive allowance the boundary is an increase.
        fc.pre(a.num.greaterThan(a.den) && max.decimalPlaces() < 900);
        const old = base;
        expect(priceIncreaseBeyond({ base, old, new: max.toFixed() }, a)).toBeNull();
        const more = max.plus(new Exact(10).pow(-(max.decimalPlaces() + digits)));
        const flag = priceIncreaseBeyond({ base, old, new: more.toFixed() }, a);
        expect(flag).not.toBeNull();
        expect(flag!.maxPrice.lessThanOrEqualTo(max)).toBe(true);
      }),
    );
  });
});
