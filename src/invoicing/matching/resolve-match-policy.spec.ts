import type { MatchPolicy, MatchRule } from './match-types';
import { DEFAULT_TOLERANCE, resolveMatchPolicy } from './resolve-match-policy';

const org: MatchPolicy = { mode: 'THREE_WAY', tolerance: DEFAULT_TOLERANCE };
const SUPPLIER = 7;
const paper = { supplierId: SUPPLIER, unspscCode: '14111507' };

/** Each rule marks itself in pricePercent, so the winner of a field is visible. */
const mark = (scope: MatchRule['scope'], name: string): MatchRule => ({ scope, tolerance: { pricePercent: name } });
const winner = (rules: MatchRule[], line = paper) => resolveMatchPolicy(org, rules, line).tolerance.pricePercent;

describe('resolveMatchPolicy', () => {
  it('gives the organisation default when no rule fits', () => {
    const rules = [mark({ supplierId: 8 }, 'other supplier'), mark({ unspscPrefix: '43' }, 'other segment')];
    expect(resolveMatchPolicy(org, rules, paper)).toEqual(org);
    expect(resolveMatchPolicy(org, [], paper)).toEqual(org);
  });

  it('ranks supplier + category over category over supplier over an empty scope', () => {
    const rules = [mark({}, 'everyone'), mark({ supplierId: SUPPLIER }, 'supplier'), mark({ unspscPrefix: '14' }, 'segment'), mark({ supplierId: SUPPLIER, unspscPrefix: '14' }, 'supplier+segment')];
    expect(winner(rules)).toBe('supplier+segment');
    expect(winner(rules.slice(0, 3))).toBe('segment');
    expect(winner(rules.slice(0, 2))).toBe('supplier');
    expect(winner(rules.slice(0, 1))).toBe('everyone');
  });

  it('ranks a supplier + category rule over a category rule with a longer prefix', () => {
    expect(winner([mark({ unspscPrefix: '14111507' }, 'commodity'), mark({ supplierId: SUPPLIER, unspscPrefix: '14' }, 'supplier+segment')])).toBe('supplier+segment');
  });

  it('ranks a longer prefix over a shorter one, whatever the order of the list', () => {
    const rules = [mark({ unspscPrefix: '14' }, 'segment'), mark({ unspscPrefix: '141115' }, 'class'), mark({ unspscPrefix: '1411' }, 'family')];
    expect(winner(rules)).toBe('class');
    expect(winner([...rules].reverse())).toBe('class');
    expect(winner(rules, { supplierId: SUPPLIER, unspscCode: '14119999' })).toBe('family');
    expect(winner(rules, { supplierId: SUPPLIER, unspscCode: '' })).toBe(DEFAULT_TOLERANCE.pricePercent);
  });

  it('lets the rule listed first win a tie', () => {
    expect(winner([mark({ unspscPrefix: '14' }, 'first'), mark({ unspscPrefix: '14' }, 'second')])).toBe('first');
    expect(winner([mark({ supplierId: SUPPLIER }, 'first'), mark({ supplierId: SUPPLIER }, 'second')])).toBe('first');
  });

  it('inherits each field a more specific rule leaves out from the less specific ones', () => {
    const rules: MatchRule[] = [
      { scope: { unspscPrefix: '80' }, mode: 'TWO_WAY' },
      { scope: { supplierId: SUPPLIER }, tolerance: { quantityPercent: '5', priceRule: 'LOOSER' } },
      { scope: { supplierId: SUPPLIER, unspscPrefix: '8010' }, tolerance: { quantityPercent: '10' } },
    ];
    expect(resolveMatchPolicy(org, rules, { supplierId: SUPPLIER, unspscCode: '80101500' })).toEqual({
      mode: 'TWO_WAY',
      tolerance: { ...DEFAULT_TOLERANCE, quantityPercent: '10', priceRule: 'LOOSER' },
    });
    expect(resolveMatchPolicy(org, rules, { supplierId: 8, unspscCode: '80101500' })).toEqual({ mode: 'TWO_WAY', tolerance: DEFAULT_TOLERANCE });
  });

  it('can switch a tolerance off with null, unlike a field left out', () => {
    const resolved = resolveMatchPolicy(org, [{ scope: { supplierId: SUPPLIER }, tolerance: { priceAbsolute: null, totalPercent: undefined } }], paper);
    expect(resolved.tolerance).toEqual({ ...DEFAULT_TOLERANCE, priceAbsolute: null });
  });

  it('answers the invoice-level policy for a supplier when asked with no UNSPSC code', () => {
    const rules = [mark({ supplierId: SUPPLIER }, 'supplier'), mark({ supplierId: SUPPLIER, unspscPrefix: '14' }, 'supplier+segment')];
    expect(winner(rules, { supplierId: SUPPLIER, unspscCode: '' })).toBe('supplier');
  });

  it('leaves the default and the rules unchanged', () => {
    const rules = [mark({ supplierId: SUPPLIER }, 'supplier')];
    resolveMatchPolicy(org, rules, paper);
    expect(org.tolerance.pricePercent).toBe('2');
    expect(rules[0].tolerance).toEqual({ pricePercent: 'supplier' });
  });

  it('refuses a prefix that is not 2, 4, 6 or 8 digits', () => {
    for (const unspscPrefix of ['1', '141', '1411150', '141115070', '14a1']) {
      expect(() => resolveMatchPolicy(org, [{ scope: { unspscPrefix } }], paper)).toThrow(RangeError);
    }
  });
});

describe('DEFAULT_TOLERANCE', () => {
  it('is 2 % or 5 NOK, the tighter, on price; 0 % on quantity; 1 % or 100 NOK, the tighter, on the total', () => {
    expect(DEFAULT_TOLERANCE).toEqual({ pricePercent: '2', priceAbsolute: '5', priceRule: 'TIGHTER', quantityPercent: '0', totalPercent: '1', totalAbsolute: '100', totalRule: 'TIGHTER' });
    expect(Object.isFrozen(DEFAULT_TOLERANCE)).toBe(true);
  });
});
