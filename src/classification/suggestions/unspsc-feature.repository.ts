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

/** The item vocabulary does not hold what its version table says: only a full rebuild repairs it. */
export class VocabularyDrift extends Error {}

/** The one home of the SQL on `unspsc_feature`, `unspsc_feature_source` and `unspsc_item_vocabulary_version`. */
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
   * Serialises whoever changes the item vocabulary (the catch-up after publishes, the repair
   * rebuild), in every service instance: which versions are counted and the counts must move
   * together, each version exactly once.
   */
  async lockItems(tx: RequestContext): Promise<void> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('unspsc_item_vocabulary'))`);
  }

  /** The catalogue versions counted in the item vocabulary now, with their documents. */
  async countedVersions(ctx: RequestContext): Promise<Map<number, number>> {
    const rows: { version_id: number; documents: number }[] = await ctx.manager.query('SELECT version_id, documents FROM unspsc_item_vocabulary_version');
    return new Map(rows.map((r) => [r.version_id, r.documents]));
  }

  /**
   * Adds a signed difference to the item vocabulary (the counts of versions come into force minus
   * those of versions gone), in the caller's transaction, under lockItems. Work in proportion to
   * the difference, not to the vocabulary: its rows are streamed by COPY into a temporary table,
   * the resulting counts read beside it, and only those rows written (a count gone to zero
   * deleted; `n > 0` is the table's rule, so a count cannot pass through zero in an upsert of the
   * delta). A count that would go below zero means the vocabulary does not hold what the version
   * table says (edited by hand, or a bug): VocabularyDrift, and nothing of the round is written.
   * A round that removes no version (`removed` empty) has only positive counts, added by one
   * upsert (addItemCounts).
   */
  async applyItemDelta(tx: RequestContext, rows: Iterable<FeatureCount>, documents: number, added: Map<number, number>, removed: number[]): Promise<void> {
    const m = tx.manager;
    await allowBulkWork(m);
    await m.query('CREATE TEMPORARY TABLE unspsc_feature_delta (feature text NOT NULL, code char(8) NOT NULL, n int NOT NULL) ON COMMIT DROP');
    await copyRowsFrom(
      m,
      'unspsc_feature_delta',
      ['feature', 'code', 'n'],
      (function* () {
        for (const r of rows) yield [r.feature, r.code, r.n];
      })(),
    );
    if (!removed.length) return this.addItemCounts(tx, documents, added);
    await m.query(
      `CREATE TEMPORARY TABLE unspsc_feature_next ON COMMIT DROP AS
       SELECT d.feature, d.code, coalesce(f.n, 0) + d.n AS n
         FROM unspsc_feature_delta d LEFT JOIN unspsc_feature f ON f.feature = d.feature AND f.source = 'item' AND f.code = d.code`,
    );
    const [{ below, docs }] = await m.query(
      `SELECT (SELECT count(*)::int FROM unspsc_feature_next WHERE n < 0) AS below,
              coalesce((SELECT documents FROM unspsc_feature_source WHERE source = 'item'), 0) + $1::int AS docs`,
      [documents],
    );
    if (below > 0 || docs < 0) throw new VocabularyDrift(`${below} item vocabulary count(s) and ${docs} documents would fall below zero`);
    await m.query(
      `DELETE FROM unspsc_feature f USING unspsc_feature_next x
        WHERE x.n = 0 AND f.feature = x.feature AND f.source = 'item' AND f.code = x.code`,
    );
    await m.query(
      `INSERT INTO unspsc_feature (feature, source, code, n) SELECT feature, 'item', code, n FROM unspsc_feature_next WHERE n > 0 ORDER BY feature, code
       ON CONFLICT (feature, source, code) DO UPDATE SET n = EXCLUDED.n`,
    );
    await m.query(
      `INSERT INTO unspsc_feature_source (source, documents, refreshed_at) VALUES ('item', $1, now())
       ON CONFLICT (source) DO UPDATE SET documents = EXCLUDED.documents, refreshed_at = now()`,
      [docs],
    );
    await m.query('DELETE FROM unspsc_item_vocabulary_version WHERE version_id = ANY($1::int[])', [removed]);
    await this.addCountedVersions(tx, added);
  }

  /**
   * applyItemDelta of a round that only adds versions (every publish of an ingest of new
   * catalogues): each count in unspsc_feature_delta is positive, so none can reach zero or fall
   * below it, and nothing can be found to have drifted. One upsert adds them where they are; the
   * join that computed every row's next count first, the check for counts below zero and the
   * delete of counts gone to zero are the general path's.
   */
  private async addItemCounts(tx: RequestContext, documents: number, added: Map<number, number>): Promise<void> {
    const m = tx.manager;
    await m.query(
      `INSERT INTO unspsc_feature (feature, source, code, n) SELECT feature, 'item', code, n FROM unspsc_feature_delta ORDER BY feature, code
       ON CONFLICT (feature, source, code) DO UPDATE SET n = unspsc_feature.n + EXCLUDED.n`,
    );
    await m.query(
      `INSERT INTO unspsc_feature_source (source, documents, refreshed_at) VALUES ('item', $1, now())
       ON CONFLICT (source) DO UPDATE SET documents = unspsc_feature_source.documents + EXCLUDED.documents, refreshed_at = now()`,
      [documents],
    );
    await this.addCountedVersions(tx, added);
  }

  private async addCountedVersions(tx: RequestContext, added: Map<number, number>): Promise<void> {
    if (!added.size) return;
    await tx.manager.query('INSERT INTO unspsc_item_vocabulary_version (version_id, documents) SELECT * FROM unnest($1::int[], $2::int[])', [[...added.keys()], [...added.values()]]);
  }

  /** After a full rebuild of the item vocabulary (in its transaction): exactly these versions are counted. */
  async setCountedVersions(tx: RequestContext, versions: Map<number, number>): Promise<void> {
    await tx.manager.query('DELETE FROM unspsc_item_vocabulary_version WHERE version_id <> ALL($1::int[])', [[...versions.keys()]]);
    await tx.manager.query(
      `INSERT INTO unspsc_item_vocabulary_version (version_id, documents) SELECT * FROM unnest($1::int[], $2::int[])
       ON CONFLICT (version_id) DO UPDATE SET documents = EXCLUDED.documents`,
      [[...versions.keys()], [...versions.values()]],
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
