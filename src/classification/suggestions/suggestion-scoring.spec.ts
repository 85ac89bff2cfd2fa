import { FeatureFrequency, FeatureHit, FeatureStats, ITEM_SHARE, scoreCodes } from './suggestion-scoring';

const q = (...features: string[]) => new Map(features.map((f) => [f, 1]));

describe('scoreCodes', () => {
  // Published items: 10 with "kulepenn", 8 of them pens (44121704), 2 markers (44121708);
  // titles: "pen" in two titles.
  const hits: FeatureHit[] = [
    { feature: 'kulepenn', source: 'item', code: '44121704', n: 8 },
    { feature: 'kulepenn', source: 'item', code: '44121708', n: 2 },
    { feature: 'pen', source: 'title', code: '44121704', n: 1 },
    { feature: 'pen', source: 'title', code: '44121701', n: 1 },
  ];
  const frequencies: FeatureFrequency[] = [
    { feature: 'kulepenn', source: 'item', df: 10 },
    { feature: 'pen', source: 'title', df: 2 },
  ];
  const stats = new FeatureStats({ item: 100, title: 1000 }, hits, frequencies);

  it('ranks the codes the words point at, with the share of the evidence as confidence', () => {
    const [first, second] = scoreCodes(q('kulepenn'), stats, () => true);
    expect(first.code).toBe('44121704');
    expect(second.code).toBe('44121708');
    // All of the item evidence, 80 % of it for pens; the titles know no "kulepenn".
    expect(first.confidence).toBeCloseTo(ITEM_SHARE * 0.8, 3);
    expect(second.confidence).toBeCloseTo(ITEM_SHARE * 0.2, 3);
  });

  it('mixes titles in, and lets unknown words lower the confidence', () => {
    const both = scoreCodes(q('kulepenn', 'pen'), stats, () => true);
    expect(both[0].code).toBe('44121704');
    expect(both.map((s) => s.code)).toContain('44121701');
    const vague = scoreCodes(q('kulepenn', 'ukjentord'), stats, () => true);
    expect(vague[0].confidence).toBeLessThan(scoreCodes(q('kulepenn'), stats, () => true)[0].confidence);
  });

  it('suggests only codes the filter allows, at most `limit`, and nothing for no words', () => {
    expect(scoreCodes(q('kulepenn', 'pen'), stats, (c) => c !== '44121704').map((s) => s.code)).not.toContain('44121704');
    expect(scoreCodes(q('kulepenn', 'pen'), stats, () => true, 1)).toHaveLength(1);
    expect(scoreCodes(new Map(), stats, () => true)).toEqual([]);
    expect(scoreCodes(q('ukjentord'), stats, () => true)).toEqual([]);
  });

  it('falls back to the titles alone before any catalogue is published', () => {
    const titlesOnly = new FeatureStats({ item: 0, title: 1000 }, hits, frequencies);
    const [first] = scoreCodes(q('pen'), titlesOnly, () => true);
    expect(first.confidence).toBeCloseTo(0.5, 3);
  });
});
