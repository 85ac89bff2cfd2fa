/**
 * The relevance metrics of `npm run bench:relevance`, computed as the public set's reference
 * runner (../shared/data/relevance/run.py) computes them, so both print the same figures for the
 * same service: nDCG@10 with linear gain (the grade), discount 1/log2(rank + 1) and the ideal
 * ranking from all judgments of the query; P@5 and R@10 count grade ≥ 2; an item returned twice
 * is credited once.
 */

export const K = 10;

export interface JudgedQuery {
  id: string;
  query: string;
  user: string;
  category: string;
  answerable?: boolean;
  heldOut?: boolean;
  judgments: Record<string, number>;
  note?: string;
}

export interface QuerySet {
  name?: string;
  categories?: string[];
  queries: JudgedQuery[];
}

export interface QueryScore {
  ndcg10: number | null;
  p5: number;
  r10: number | null;
  /** Rank of the first item of grade ≥ 2 in the top K, or null. */
  firstRelevant: number | null;
  grades: number[];
}

/** Answerable unless the set says otherwise: a query with a judged item of grade ≥ 2. */
export const isAnswerable = (q: JudgedQuery) => q.answerable ?? Object.values(q.judgments).some((g) => g >= 2);

export function scoreQuery(judgments: Record<string, number>, ranked: string[]): QueryScore {
  const seen = new Set<string>();
  const grades = ranked.slice(0, K).map((id) => {
    const g = seen.has(id) ? 0 : (judgments[id] ?? 0);
    seen.add(id);
    return g;
  });
  const dcg = (gs: number[]) => gs.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = Object.values(judgments)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, K);
  const idcg = dcg(ideal);
  const relevantTotal = Object.values(judgments).filter((g) => g >= 2).length;
  const firstRelevant = grades.findIndex((g) => g >= 2);
  return {
    ndcg10: idcg > 0 ? dcg(grades) / idcg : null,
    p5: grades.slice(0, 5).filter((g) => g >= 2).length / 5,
    r10: relevantTotal ? grades.filter((g) => g >= 2).length / relevantTotal : null,
    firstRelevant: firstRelevant >= 0 ? firstRelevant + 1 : null,
    grades,
  };
}

export const mean = (xs: (number | null | undefined)[]): number | null => {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

export const fmt = (x: number | null, pct = false) => (x === null ? '–' : pct ? `${Math.round(100 * x)} %` : x.toFixed(3));
