import { describe, expect, it } from 'vitest';
import { initiallyOpen, unspscAncestors, unspscLevel } from './unspsc-tree';

describe('the UNSPSC facet tree', () => {
  it('reads the level off the trailing zeros', () => {
    expect([unspscLevel('44000000'), unspscLevel('44120000'), unspscLevel('44121600'), unspscLevel('44121618')]).toEqual([1, 2, 3, 4]);
  });

  it('gives the ancestors from the segment down', () => {
    expect(unspscAncestors('44121618')).toEqual(['44000000', '44120000', '44121600']);
    expect(unspscAncestors('44121600')).toEqual(['44000000', '44120000']);
    expect(unspscAncestors('44000000')).toEqual([]);
  });

  it('opens the way to each chosen code', () => {
    expect([...initiallyOpen(['56101500', '44120000'])].sort()).toEqual(['44000000', '56000000', '56100000']);
  });
});
