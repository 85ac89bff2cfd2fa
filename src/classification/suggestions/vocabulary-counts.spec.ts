import { VocabularyCounts } from './vocabulary-counts';

describe('VocabularyCounts', () => {
  it('counts each document once per (code, feature) and hands the same rows to every iteration (a retried transaction writes them again)', () => {
    const counts = new VocabularyCounts(false);
    counts.add({ name: 'Ball point pens' }, '44121704');
    counts.add({ name: 'Ball point pen refills' }, '44121704');
    counts.add({ name: 'Office chairs' }, '56112102');
    const first = [...counts];
    expect(counts.documents).toBe(3);
    expect(first).toEqual(
      expect.arrayContaining([
        { code: '44121704', feature: 'pen', n: 2 },
        { code: '44121704', feature: 'refill', n: 1 },
        { code: '56112102', feature: 'chair', n: 1 },
      ]),
    );
    expect([...counts]).toEqual(first);
    expect(counts.rows()).toEqual(first);
  });
});
