import { subtreeTops } from './organisation-tree';

describe('subtreeTops', () => {
  it('names the members whose parent is not a member, so no two tops overlap', () => {
    // A purchasing unit (4) with two municipalities' trees (1 → 2, 3; 8 → 9) and a school (2) also named as a root.
    const rows = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 1 },
      { id: 4, parentId: null },
      { id: 8, parentId: null },
      { id: 9, parentId: 8 },
    ];
    expect(subtreeTops(rows)).toEqual([1, 4, 8]);
  });

  it('takes a subtree cut below its root as its own top', () => {
    expect(
      subtreeTops([
        { id: 2, parentId: 1 },
        { id: 5, parentId: 2 },
      ]),
    ).toEqual([2]);
    expect(subtreeTops([])).toEqual([]);
  });
});
