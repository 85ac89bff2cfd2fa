import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { unspscCovers, unspscLevel } from '../unspsc-code';
import { UnspscNodeRepository } from '../unspsc-node.repository';
import { FeatureStats, scoreCodes } from './suggestion-scoring';
import { itemFeatures, ItemText } from './suggestion-text';
import { UnspscFeatureRepository } from './unspsc-feature.repository';

/** A code suggested for an item. */
export interface UnspscSuggestion {
  code: string;
  title: string;
  level: number;
  /** 0..1, see suggestion-scoring.ts. */
  confidence: number;
}

/**
 * Suggests codes for many items at once: one look-up of all their features, then pure scoring
 * per item, then one look-up of the titles of the codes chosen. Only codes that exist (and are
 * not deprecated) and, given a scope, lie inside it are suggested.
 */
@Injectable()
export class UnspscSuggester {
  constructor(
    private readonly features: UnspscFeatureRepository,
    private readonly nodes: UnspscNodeRepository,
  ) {}

  async suggest(ctx: RequestContext, items: readonly ItemText[], scope: readonly string[] | null, limit = 3): Promise<UnspscSuggestion[][]> {
    const queries = items.map((item) => itemFeatures(item));
    const all = new Set<string>();
    for (const q of queries) for (const f of q.keys()) all.add(f);
    const { hits, frequencies, sizes } = await this.features.stats(ctx, [...all]);
    const stats = new FeatureStats(sizes, hits, frequencies);
    const allowed = scope ? (code: string) => scope.some((s) => unspscCovers(s, code)) : () => true;
    const scored = queries.map((q) => scoreCodes(q, stats, allowed, limit));
    const codes = [...new Set(scored.flatMap((s) => s.map((c) => c.code)))];
    const titles = new Map((codes.length ? await this.nodes.byCodes(ctx, codes) : []).map((n) => [n.code, n.title]));
    return scored.map((list) => list.filter((s) => titles.has(s.code)).map((s) => ({ code: s.code, title: titles.get(s.code)!, level: unspscLevel(s.code), confidence: s.confidence })));
  }
}
