import { GenerationMemo } from './generation-memo';

describe('GenerationMemo', () => {
  it('gives what was read at the current generation, and the keys it lacks', () => {
    const memo = new GenerationMemo<number>();
    expect(memo.lookUp(['a'])).toEqual({ generation: null, found: new Map(), missing: ['a'] });
    memo.remember(3, [['a', 1]]);
    expect(memo.lookUp(['a', 'b'])).toEqual({ generation: 3, found: new Map([['a', 1]]), missing: ['b'] });
  });

  it('forgets everything at a newer generation, and keeps nothing read at an older one', () => {
    const memo = new GenerationMemo<number>();
    memo.remember(3, [['a', 1]]);
    memo.remember(4, [['b', 2]]);
    expect(memo.lookUp(['a', 'b'])).toEqual({ generation: 4, found: new Map([['b', 2]]), missing: ['a'] });
    memo.remember(3, [['a', 9]]);
    expect(memo.lookUp(['a']).missing).toEqual(['a']);
  });

  it('what a caller looked up stays its own when a newer generation arrives meanwhile', () => {
    const memo = new GenerationMemo<number>();
    memo.remember(1, [['a', 1]]);
    const seen = memo.lookUp(['a']);
    memo.remember(2, []);
    expect(seen.found.get('a')).toBe(1);
    expect(memo.lookUp(['a']).found.size).toBe(0);
  });

  it('starts over when full', () => {
    const memo = new GenerationMemo<number>(2);
    memo.remember(1, [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(memo.lookUp(['a', 'b', 'c']).missing).toEqual(['a', 'b']);
  });
});
