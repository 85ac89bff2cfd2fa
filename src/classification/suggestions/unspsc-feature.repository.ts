import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import type { FeatureFrequency, FeatureHit, SourceSizes, SuggestionSource } from './suggestion-scoring';

const BATCH = 5000;
/** A feature found with more codes than this is too vague to vote (its frequency still counts). */
const MAX_CODES_PER_FEATURE = 2000;

/** One vocabulary row: documents of `source` with this feature and this code. */
export interface FeatureCount {
  feature: string;
  code: string;
  n: number;
}

/** The one home of the SQL on `unspsc_feature` and `unspsc_feature_source`. */
@Injectable()
export class UnspscFeatureRepository {
  /** Replaces a source's vocabulary (in the caller's transaction, so readers see old or new, never half). */
  async replace(tx: RequestContext, source: SuggestionSource, rows: FeatureCount[], documents: number): Promise<void> {
    const m = tx.manager;
    await m.query('DELETE FROM unspsc_feature WHERE source = $1', [source]);
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await m.query(`INSERT INTO unspsc_feature (feature, source, code, n) SELECT f, $4, c, n FROM unnest($1::text[], $2::char(8)[], $3::int[]) AS x(f, c, n)`, [
        batch.map((r) => r.feature),
        batch.map((r) => r.code),
        batch.map((r) => r.n),
        source,
      ]);
    }
    await m.query(
      `INSERT INTO unspsc_feature_source (source, documents, refreshed_at) VALUES ($1, $2, now())
       ON CONFLICT (source) DO UPDATE SET documents = EXCLUDED.documents, refreshed_at = now()`,
      [source, documents],
    );
  }

  /**
   * For these features: their codes (existing, not deprecated) with counts, and their document
   * frequency per source; and the size of each source. Two statements for any number of items.
   */
  async stats(ctx: RequestContext, features: string[]): Promise<{ hits: FeatureHit[]; frequencies: FeatureFrequency[]; sizes: SourceSizes }> {
    const sizes: SourceSizes = { item: 0, title: 0 };
    const sourceRows: { source: SuggestionSource; documents: number }[] = await ctx.manager.query('SELECT source, documents FROM unspsc_feature_source');
    for (const r of sourceRows) sizes[r.source] = r.documents;
    if (!features.length) return { hits: [], frequencies: [], sizes };
    const rows: { feature: string; source: SuggestionSource; code: string | null; n: number; df: number }[] = await ctx.manager.query(
      `WITH f AS (
         SELECT feature, source, code, n, sum(n) OVER w AS df, count(*) OVER w AS codes
           FROM unspsc_feature WHERE feature = ANY($1::text[])
         WINDOW w AS (PARTITION BY feature, source))
       SELECT f.feature, f.source, f.code, f.n, f.df::int AS df
         FROM f JOIN unspsc_node u ON u.code = f.code AND NOT u.deprecated WHERE f.codes <= $2
       UNION ALL
       SELECT DISTINCT feature, source, NULL, 0, df::int FROM f`,
      [features, MAX_CODES_PER_FEATURE],
    );
    const hits: FeatureHit[] = [];
    const frequencies = new Map<string, FeatureFrequency>();
    for (const r of rows) {
      frequencies.set(`${r.source}|${r.feature}`, { feature: r.feature, source: r.source, df: r.df });
      if (r.code) hits.push({ feature: r.feature, source: r.source, code: r.code, n: r.n });
    }
    return { hits, frequencies: [...frequencies.values()], sizes };
  }

  /** Documents of a source, or null when it has never been built. */
  async documents(ctx: RequestContext, source: SuggestionSource): Promise<number | null> {
    const [row] = await ctx.manager.query('SELECT documents FROM unspsc_feature_source WHERE source = $1', [source]);
    return row ? row.documents : null;
  }

  /** Titles of the codes in use (the title vocabulary's documents). */
  titles(ctx: RequestContext): Promise<{ code: string; title: string }[]> {
    return ctx.manager.query('SELECT code, title FROM unspsc_node WHERE NOT deprecated');
  }
}
