import type { MatchRule, Tolerance } from './match-types';
import { matchRuleProblems, toleranceProblems } from './match-rule-problems';
import { DEFAULT_TOLERANCE } from './resolve-match-policy';

describe('toleranceProblems', () => {
  it('finds nothing wrong with the default or with fields switched off', () => {
    expect(toleranceProblems(DEFAULT_TOLERANCE)).toEqual([]);
    expect(toleranceProblems({ ...DEFAULT_TOLERANCE, pricePercent: null, totalAbsolute: null })).toEqual([]);
  });

  it('names each field that is no non-negative decimal, and a rule that is neither TIGHTER nor LOOSER', () => {
    const bad = { pricePercent: '-1', priceAbsolute: '1e3', totalPercent: '2.12345', quantityPercent: null, totalRule: 'LOOSEST' } as unknown as Partial<Tolerance>;
    expect(toleranceProblems(bad)).toEqual([
      'pricePercent must be a non-negative decimal with at most 4 decimals, or null (not used)',
      'priceAbsolute must be a non-negative decimal with at most 4 decimals, or null (not used)',
      'totalPercent must be a non-negative decimal with at most 4 decimals, or null (not used)',
      'quantityPercent must be a non-negative decimal with at most 4 decimals ("0": none)',
      'totalRule must be TIGHTER or LOOSER',
    ]);
  });
});

describe('matchRuleProblems', () => {
  it('accepts a rule for a supplier, a category or both', () => {
    expect(matchRuleProblems({ scope: { supplierId: 7 }, mode: 'TWO_WAY' })).toEqual([]);
    expect(matchRuleProblems({ scope: { unspscPrefix: '8010' }, tolerance: { quantityPercent: '5' } })).toEqual([]);
    expect(matchRuleProblems({ scope: { supplierId: 7, unspscPrefix: '80101500' }, mode: 'THREE_WAY', tolerance: { priceAbsolute: null } })).toEqual([]);
  });

  it('refuses a bad scope, a bad mode, a rule that sets nothing, and bad tolerances', () => {
    const rule = { scope: { supplierId: 0, unspscPrefix: '801' }, mode: 'FOUR_WAY', tolerance: { pricePercent: 'x' } } as unknown as MatchRule;
    expect(matchRuleProblems(rule)).toEqual([
      'scope.supplierId must be a positive whole number',
      'scope.unspscPrefix must be 2, 4, 6 or 8 digits (segment, family, class or commodity)',
      'mode must be TWO_WAY or THREE_WAY',
      'pricePercent must be a non-negative decimal with at most 4 decimals, or null (not used)',
    ]);
    expect(matchRuleProblems({ scope: { supplierId: 7 }, tolerance: {} })).toEqual(['the rule sets neither a mode nor a tolerance']);
  });
});
