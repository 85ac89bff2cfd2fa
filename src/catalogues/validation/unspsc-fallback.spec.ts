import { nearestExistingUnspsc, unspscFallbackCandidates } from './unspsc-fallback';

describe('the nearest existing UNSPSC level', () => {
  it('offers a commodity its class, then its family, never its segment or itself', () => {
    expect(unspscFallbackCandidates('50101634')).toEqual(['50101600', '50100000']);
    expect(unspscFallbackCandidates('50101600')).toEqual(['50100000']);
    expect(unspscFallbackCandidates('50100000')).toEqual([]);
    expect(unspscFallbackCandidates('50000000')).toEqual([]);
  });

  it('takes the nearest that exists', () => {
    expect(nearestExistingUnspsc('50101634', (c) => ['50101600', '50100000'].includes(c))).toBe('50101600');
    expect(nearestExistingUnspsc('50101634', (c) => c === '50100000')).toBe('50100000');
    expect(nearestExistingUnspsc('50101634', (c) => c === '50000000')).toBeUndefined();
  });
});
