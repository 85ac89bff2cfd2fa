import { normaliseUnspsc, unspscCovers, unspscLevel, unspscParent, unspscPath, unspscPrefix, unspscRange } from './unspsc-code';

describe('UNSPSC code helpers', () => {
  it('reads the level from the trailing zeros', () => {
    expect(unspscLevel('44000000')).toBe(1);
    expect(unspscLevel('44120000')).toBe(2);
    expect(unspscLevel('44121600')).toBe(3);
    expect(unspscLevel('44121618')).toBe(4);
  });
  it('finds parents and paths', () => {
    expect(unspscParent('44121618')).toBe('44121600');
    expect(unspscParent('44121600')).toBe('44120000');
    expect(unspscParent('44000000')).toBeNull();
    expect(unspscPath('44121618')).toEqual(['44000000', '44120000', '44121600', '44121618']);
  });
  it('decides coverage by prefix at any level', () => {
    expect(unspscPrefix('44120000')).toBe('4412');
    expect(unspscCovers('44120000', '44121618')).toBe(true);
    expect(unspscCovers('44121600', '44121618')).toBe(true);
    expect(unspscCovers('44121618', '44121618')).toBe(true);
    expect(unspscCovers('44121600', '44121700')).toBe(false);
    expect(unspscCovers('43000000', '44121618')).toBe(false);
  });
  it('gives a node’s subtree as a range of codes', () => {
    expect(unspscRange('44000000')).toEqual(['44000000', '44999999']);
    expect(unspscRange('44120000')).toEqual(['44120000', '44129999']);
    expect(unspscRange('44121600')).toEqual(['44121600', '44121699']);
    expect(unspscRange('44121618')).toEqual(['44121618', '44121618']);
  });
  it('repairs spreadsheet-mangled codes', () => {
    expect(normaliseUnspsc('43211503.0')).toBe('43211503');
    expect(normaliseUnspsc(' 43211503 ')).toBe('43211503');
  });
});
