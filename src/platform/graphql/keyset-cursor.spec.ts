import { decodeKeyset, encodeKeyset, keysetConnection } from './keyset-cursor';

describe('keyset cursors', () => {
  it('carry the sort key there and back', () => {
    expect(decodeKeyset(encodeKeyset(['Blyant «HB»', 42]), ['string', 'int'])).toEqual(['Blyant «HB»', 42]);
    expect(decodeKeyset(undefined, ['string', 'int'])).toBeUndefined();
  });

  it.each([
    ['not base64 of a key', 'bm9wZQ'],
    ['an offset cursor', Buffer.from('o:5').toString('base64url')],
    ['the wrong shape', encodeKeyset([42, 'Blyant'])],
    ['too few values', encodeKeyset(['Blyant'])],
    ['a negative id', encodeKeyset(['Blyant', -1])],
    ['broken JSON', Buffer.from('k:["a",').toString('base64url')],
  ])('refuse %s as bad input on after', (_what, after) => {
    expect(() => decodeKeyset(after, ['string', 'int'])).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringContaining('after:') }));
  });

  it('make a page of first rows, and say more follow only when the extra row was read', () => {
    const rows = [
      { name: 'A', id: 1 },
      { name: 'B', id: 2 },
      { name: 'C', id: 3 },
    ];
    const page = keysetConnection(rows, 2, 7, (r) => [r.name, r.id]);
    expect(page.edges.map((e) => e.node.id)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeKeyset(['B', 2]) });
    expect(page.totalCount).toBe(7);
    expect(keysetConnection(rows.slice(0, 2), 2, 2, (r) => [r.name, r.id]).pageInfo.hasNextPage).toBe(false);
    expect(keysetConnection([], 2, 0, (r: { id: number }) => [r.id]).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
