import { titleFeatureRows, VocabularyCounts } from './vocabulary-counts';

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

  it('subtracts a removed document and leaves out the counts that net to zero (a superseded version against its replacement)', () => {
    const counts = new VocabularyCounts();
    counts.add({ name: 'Kulepenn blå' }, '44121704');
    counts.add({ name: 'Kulepenn rød' }, '44121704');
    counts.add({ name: 'Kulepenn blå' }, '44121704', -1);
    expect(counts.documents).toBe(1);
    const rows = counts.rows();
    expect(rows).toContainEqual({ code: '44121704', feature: 'kulepenn', n: 1 });
    expect(rows.some((r) => r.feature === 'rød')).toBe(true);
    expect(rows.some((r) => r.feature === 'blå')).toBe(false);
    expect(rows.every((r) => r.n !== 0)).toBe(true);
    // Only removals: negative counts, as the delta to apply.
    const gone = new VocabularyCounts();
    gone.add({ name: 'Kontorstol' }, '56112102', -1);
    expect(gone.documents).toBe(-1);
    expect(gone.rows()).toContainEqual({ code: '56112102', feature: 'kontorstol', n: -1 });
  });
});

describe('titleFeatureRows', () => {
  it('gives the rows counting the titles gives, each with n = 1, again on every iteration', () => {
    const titles = [
      { code: '44121704', title: 'Ball point pens' },
      { code: '44121705', title: 'Mechanical pencils' },
      { code: '56112102', title: 'Office chairs or task chairs' },
    ];
    const counts = new VocabularyCounts(false);
    for (const t of titles) counts.add({ name: t.title }, t.code);
    const sort = (rows: { code: string; feature: string; n: number }[]) => [...rows].sort((a, b) => (a.code + a.feature).localeCompare(b.code + b.feature));
    const streamed = titleFeatureRows(titles);
    expect(sort([...streamed])).toEqual(sort(counts.rows()));
    expect([...streamed].length).toBe(counts.rows().length);
    expect([...streamed].every((r) => r.n === 1)).toBe(true);
  });
});
