import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { allowBulkWork } from '../../platform/database/bulk-work';
import { copyRowsFrom } from '../../platform/database/copy-rows';
import type { FeatureFrequency, FeatureHit, SourceSizes, SuggestionSource } from './suggestion-scoring';

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
  /**
   * Replaces a source's vocabulary in the caller's transaction, so readers see old or new, never
   * half. Set-based, a fixed handful of statements for any size (2.8M rows for the full code
   * set's titles): the rows are streamed by COPY into a temporary table, then only the difference
   * is written (rows gone deleted, new or changed counts upserted in index order), so a re-import
   * of the same code set writes next to nothing and leaves no dead rows behind. `rows` are
   * counted before the transaction starts; none of the work here leaves the transaction idle.
   * `rows` is iterated once per attempt: inTransaction may run this again.
   */
  async replace(tx: RequestContext, source: SuggestionSource, rows: Iterable<FeatureCount>, documents: number): Promise<void> {
    const m = tx.manager;
    await allowBulkWork(m); // a million-row COPY on a loaded machine may take longer than one request's statement limit
    await m.query('CREATE TEMPORARY TABLE unspsc_feature_load (feature text NOT NULL, code char(8) NOT NULL, n int NOT NULL) ON COMMIT DROP');
    await copyRowsFrom(
      m,
      'unspsc_feature_load',
      ['feature', 'code', 'n'],
      (function* () {
        for (const r of rows) yield [r.feature, r.code, r.n];
      })(),
    );
    await m.query(
      `DELETE FROM unspsc_feature f WHERE f.source = $1
          AND NOT EXISTS (SELECT 1 FROM unspsc_feature_load l WHERE l.feature = f.feature AND l.code = f.code)`,
      [source],
    );
    await m.query(
      `INSERT INTO unspsc_feature (feature, source, code, n) SELECT feature, $1, code, n FROM unspsc_feature_load ORDER BY feature, code
       ON CONFLICT (feature, source, code) DO UPDATE SET n = EXCLUDED.n WHERE unspsc_feature.n <> EXCLUDED.n`,
      [source],
    );
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

  /** Titles of the codes in use (the title vocabulary's documents): one statement, in `ctx`'s transaction if it has one. */
  titles(ctx: RequestContext): Promise<{ code: string; title: string }[]> {
    return ctx.manager.query('SELECT code, title FROM unspsc_node WHERE NOT deprecated');
  }
}
