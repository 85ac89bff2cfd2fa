import { normaliseUnspsc, unspscCovers, unspscLevel, unspscParent, unspscPath, unspscPrefix } from './unspsc-code';

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
  it('repairs spreadsheet-mangled codes', () => {
    expect(normaliseUnspsc('43211503.0')).toBe('43211503');
    expect(normaliseUnspsc(' 43211503 ')).toBe('43211503');
  });
});
