import { describe, expect, it } from 'vitest';
import { countOf, initiallyOpen, nodeShown, treeCounts, unspscAncestors, unspscLevel } from './unspsc-tree';

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

  describe('counts from the search answer', () => {
    const facets = {
      segment: [
        { value: '44000000', count: 7 },
        { value: '14000000', count: 3 },
      ],
      family: [{ value: '44120000', count: 7 }],
      class: Array.from({ length: 30 }, (_, i) => ({ value: `441216${String(i).padStart(2, '0')}`, count: 1 })),
      valuesCap: 30,
    };
    const tree = treeCounts(facets);

    it('reads each level by its padded code', () => {
      expect([countOf(tree, '44000000'), countOf(tree, '14000000'), countOf(tree, '44120000'), countOf(tree, '44121600')]).toEqual([7, 3, 7, 1]);
    });

    it('counts 0 for a code missing from a whole level, and does not know one missing from a cut level', () => {
      expect(countOf(tree, '56000000')).toBe(0);
      expect(countOf(tree, '56100000')).toBe(0);
      expect(countOf(tree, '56101500')).toBeUndefined(); // the class list is valuesCap long: it may have been cut
    });

    it('knows no counts before the first answer', () => {
      expect(treeCounts(undefined)).toBeUndefined();
      expect(countOf(undefined, '44000000')).toBeUndefined();
    });

    it('hides a node without hits in this search unless it or a code under it is ticked', () => {
      const node = (code: string, itemCount = 5) => ({ code, itemCount });
      expect(nodeShown(node('44000000'), 7, [])).toBe(true);
      expect(nodeShown(node('56000000'), 0, [])).toBe(false);
      expect(nodeShown(node('56000000'), 0, ['56000000'])).toBe(true);
      expect(nodeShown(node('56000000'), 0, ['56101500'])).toBe(true);
      expect(nodeShown(node('56101500'), undefined, [])).toBe(true); // count not known: shown, without a number
      expect(nodeShown(node('56101500', 0), undefined, [])).toBe(false); // nothing the caller may buy
    });
  });
});
