import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { unspscRange } from '../../classification/unspsc-code';
import { MAX_TOTAL_HITS, ProductSearch, SearchFacets, SearchHit, SearchQuery, SearchResult, SearchScope } from '../product-search';
import { allowBulkWork } from '../../platform/database/bulk-work';
import { preparedQuery } from '../../platform/database/prepared-query';
import { osloToday } from '../../platform/time/oslo-date';
import {
  anyGroupQuery,
  buildGroupQueries,
  compoundCandidates,
  GroupQueries,
  MatchClass,
  queryGroups,
  synonymsWith,
  termWords,
  withCompoundSpellings,
  withoutSubsumed,
  WordExpansions,
} from './search-text';
import { attributeFacet } from '../attribute-facets';
import { ECO_LABEL_SQL } from '../../catalogues/eco-label';
import { activeFacetGroups, FacetGroup } from '../facet-groups';
import { highlightedHtml, newHighlightMarkers } from '../highlight';
import { GenerationMemo } from './generation-memo';
import { LruCache } from '../../platform/cache/lru-cache';
import { awaitShared } from '../../platform/cache/shared-read';

/** The attribute values as words (the facets are "name=value"; the names are no words of the item). */
const ATTRIBUTE_TEXT_SQL = `regexp_replace(array_to_string(ci.attr_facets, E'\\n'), '^[^=\\n]*=', '', 'gn')`;

/**
 * The search document (migration SearchRelevanceFields defined it, as a generated column then):
 * A the name's words (units normalised) and the item numbers, B the description, C the English
 * UNSPSC titles (`en`, kept per code in `search_unspsc_text`), the attribute values and the
 * manufacturer, D the Norwegian stems of name and description. Over the projection's row `p`.
 * Migration SearchDocumentFromProjection made it a plain column; test/search-words checks it
 * equals the generated column's expression.
 */
const NAME_WORDS_SQL = `regexp_replace(regexp_replace(torg_unaccent(p.name), '([0-9])[[:space:]]*(["”″]|'''')', '\\1 tommer ', 'g'), '([0-9])([[:alpha:]])', '\\1 \\2', 'g')`;
const DOC_SQL = (en: string) => `
  setweight(to_tsvector('simple'::regconfig, ${NAME_WORDS_SQL}) ||
            -- item numbers also split at punctuation: the parser reads "KL-100" as "kl" and "-100"
            to_tsvector('simple'::regconfig, lower(p.seller_item_id) || ' ' || regexp_replace(lower(p.seller_item_id), '[^a-z0-9]+', ' ', 'g') || ' ' || coalesce(p.gtin, '') || ' ' || p.unspsc_code), 'A') ||
  setweight(to_tsvector('simple'::regconfig, torg_unaccent(coalesce(p.description, ''))), 'B') ||
  setweight(${en} ||
            to_tsvector('simple'::regconfig, torg_unaccent(coalesce(p.attribute_text, '') || ' ' || coalesce(p.manufacturer, ''))), 'C') ||
  setweight(to_tsvector('norwegian'::regconfig, torg_unaccent(p.name || ' ' || coalesce(p.description, ''))), 'D')`;

/**
 * Turns one published version's orderable lines (a deposit is never searched; dates are checked
 * per search) into search rows, the version's id in parameter $1 (shared by sync and rebuild).
 * The English UNSPSC titles an item is also found by (its class's and its commodity's; segment
 * and family titles are too broad) and their English document come from `search_unspsc_text`,
 * kept per code by triggers on the code set (migration SearchUnspscText): looking them up and
 * stemming them per code of every version was a third of the projection's cost. A code without
 * a row there (a segment or family) has no title text and an empty English document, as before.
 * The item subquery is fenced (OFFSET 0) so the planner does not copy the attribute text's
 * expression into the document, which would compute it twice; the code's row is fenced too, so
 * it is one index probe per item: joined, the planner merge-joins the whole code set (150,000
 * rows) for every version (test/bench/README.md 2026-12-02 11:10).
 */
const PROJECTION_SQL = `
  SELECT p.item_id, p.version_id, p.agreement_id, p.supplier_id, p.seller_item_id, p.name, p.description, p.unspsc_code, p.segment_code, p.family_code,
         p.class_code, p.price, p.currency, p.vat_rate, p.unit_code, p.gtin, p.manufacturer, p.attributes, p.attr_facets, p.valid_from, p.valid_to,
         k.category_text, p.attribute_text, ${DOC_SQL("coalesce(k.en, ''::tsvector)")}
    FROM (SELECT ci.id AS item_id, cv.id AS version_id, cv.agreement_id, cv.supplier_id, ci.seller_item_id, ci.name, ci.description, ci.unspsc_code,
                 substr(ci.unspsc_code, 1, 2) || '000000' AS segment_code,
                 CASE WHEN ci.unspsc_code LIKE '__000000' THEN NULL ELSE substr(ci.unspsc_code, 1, 4) || '0000' END AS family_code,
                 CASE WHEN ci.unspsc_code LIKE '____0000' THEN NULL ELSE substr(ci.unspsc_code, 1, 6) || '00' END AS class_code,
                 ci.price, ci.currency, ci.vat_rate, ci.unit_code, ci.gtin, ci.manufacturer, ci.attributes,
                 ci.attr_facets, ci.valid_from, ci.valid_to, ${ATTRIBUTE_TEXT_SQL} AS attribute_text
            FROM catalogue_item ci
            JOIN catalogue_version cv ON cv.id = ci.version_id AND cv.status = 'PUBLISHED' AND ci.orderable
           WHERE cv.id = $1
          OFFSET 0) p
    LEFT JOIN LATERAL (SELECT s.category_text, s.en FROM search_unspsc_text s WHERE s.code = p.unspsc_code OFFSET 0) k ON true`;

const insertInto = (table: string) => `INSERT INTO ${table} (item_id, version_id, agreement_id, supplier_id, seller_item_id, name, description, unspsc_code,
  segment_code, family_code, class_code, price, currency, vat_rate, unit_code, gtin, manufacturer, attributes, attr_facets, valid_from, valid_to, category_text, attribute_text, doc)`;

/** Rows `s` valid on the date in parameter `day` (an item's own validity; null: no limit). */
export const VALID_ON_SQL = (day: string) => `(s.valid_from IS NULL OR s.valid_from <= ${day}::date) AND (s.valid_to IS NULL OR s.valid_to >= ${day}::date)`;

/** The search table's partition for one catalogue version (see migration SearchPartitionPerVersion). */
export const partitionName = (versionId: number) => `search_item_v${Math.trunc(Number(versionId))}`;

/**
 * The search table's columns whose statistics choose a search's access path (text index, code
 * index or none), and the validity dates every search filters on: without their statistics the
 * planner takes `valid_from IS NULL OR valid_from <= today` (true for nearly every row) to keep a
 * third of the rows, and misjudges every search's size.
 */
const PLANNER_COLUMNS = ['version_id', 'doc', 'unspsc_code', 'valid_from', 'valid_to'];
/**
 * The statistics target of a partition's document (the default is 100): the planner looks up
 * each text condition's words in the document's most common elements, per partition searched
 * and on every plan, fetching and unpacking the whole list (1,000 lexemes at the default) each
 * time — a tenth of a small search's planning. 200 elements still hold every word common enough
 * to choose a partition's access path (text index or whole partition) by; rarer words are
 * estimated as rare either way (test/bench/README.md 2026-12-02 14:50).
 */
const DOC_STATISTICS = 20;
/** autovacuum_analyze_threshold for a partition that is analyzed when built and never changes. */
const NEVER_AUTOANALYZE = 2_000_000_000;

/** How long a superseded version's partition stays searchable after the switch. */
export const PARTITION_GRACE_S = 60;

/**
 * Adds the words of a partition's documents to the word list (names, descriptions, UNSPSC titles,
 * attribute values, manufacturers; words and stems); returns how many were new. No text is parsed twice:
 * ts_stat collects them in C, far cheaper than unnesting every row's lexemes.
 * ts_stat keeps the lexemes in an unbalanced binary tree, in the order it first meets them. The
 * projection writes a partition in item-number order (it reads the catalogue by its (version,
 * item number) key), so the item numbers' lexemes ("-100", "-1000", "-1001", …; GTINs alike)
 * arrived sorted and made a chain as long as the partition, walked again for each of them: two
 * thirds of the read at 5,000 lines (test/bench/README.md 2026-12-02 17:40). Read in an order
 * unrelated to the text (a hash of the item id), the tree stays about as deep as a balanced one.
 * The words are the same in any order.
 * Sorted, so concurrent indexers insert in the same order and wait for each other instead of
 * deadlocking. `table` is a partition's (partitionName), never input.
 */
const WORDS_SQL = (table: string) => `
  WITH added AS (
    INSERT INTO search_word (word)
    SELECT x.word FROM ts_stat('SELECT doc FROM ${table} ORDER BY hashint8(item_id)') AS x
     WHERE length(x.word) >= 3 AND x.word ~ '^[a-z0-9]*[a-z][a-z0-9]*$' AND NOT EXISTS (SELECT 1 FROM search_word k WHERE k.word = x.word)
     ORDER BY x.word
    ON CONFLICT DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS n FROM added`;

/**
 * The indexer's transactions do not wait for their commit to reach the disk: they only write the
 * projection, and the indexer marks the outbox rows done afterwards with an ordinary commit, which
 * flushes the WAL written before it. A crash before that loses the projection and the mark
 * together, and the rows are synced again.
 */
const PROJECTION_COMMIT = 'SET LOCAL synchronous_commit = off';

/** The most values each facet lists (ProductSearch.facetValuesCap; served as facets.valuesCap). */
const FACET_LIMIT = 30;
const EXPANSIONS_PER_WORD = 12;

/**
 * The PostgreSQL engine: a denormalised search table kept per agreement, a stored weighted
 * tsvector, and a trigram-indexed word list that expands each query word to the index words it
 * may mean (typos, compounds: "stol" → "kontorstol", "hanskr" → "nitrilhansker").
 */
@Injectable()
export class PostgresSearchEngine extends ProductSearch {
  readonly engine = 'postgres' as const;
  readonly facetValuesCap = FACET_LIMIT;
  private readonly logger = new Logger('PostgresSearchEngine');
  /** Each query word's expansions (torg_expand_words), under the word list's generation. */
  private readonly expansions = new GenerationMemo<WordExpansions>();
  /** Whether a joined or split spelling (compoundCandidates) is an index word, under the same generation. */
  private readonly known = new GenerationMemo<boolean>();
  /**
   * The segment, family, class and supplier facets of a scope (scopeFacetsOf), by facetScopeKey;
   * a promise, so concurrent searches of one scope share one read. Never stale, so never
   * invalidated, on this instance or any other: a published version's partition never changes (a
   * new publish is a new version, searched under a new key; a rebuild projects the same rows), and
   * the day is part of the key, so yesterday's keys are simply used no more and age out.
   */
  private readonly scopeFacets = new LruCache<Promise<FacetRow[]>>(FACET_SCOPES);

  constructor(private readonly ds: DataSource) {
    super();
  }

  async health() {
    await this.ds.query('SELECT 1 FROM search_item LIMIT 1');
    return { status: 'up' as const };
  }

  /**
   * Builds the published version's rows as a table of their own, indexes them in bulk, attaches
   * it as the version's partition and switches the agreement to it, in one transaction: readers
   * see the old rows or the new ones, never a mix. The superseded partition is retired (housekeeping
   * drops it after PARTITION_GRACE_S). A version already searched is left as it is: published versions
   * never change.
   */
  async syncAgreement(agreementId: number): Promise<void> {
    const versionId = await this.ds.transaction(async (m): Promise<number | null> => {
      await m.query(PROJECTION_COMMIT);
      await allowBulkWork(m);
      const [published] = await m.query(`SELECT id FROM catalogue_version WHERE agreement_id = $1 AND status = 'PUBLISHED'`, [agreementId]);
      const [current] = await m.query(`SELECT version_id FROM search_index_state WHERE engine = 'postgres' AND agreement_id = $1 FOR UPDATE`, [agreementId]);
      const versionId: number | null = published?.id ?? null;
      if (current && current.version_id === versionId) return versionId;
      if (versionId !== null) await this.buildPartition(m, agreementId, versionId);
      else await m.query(`DELETE FROM search_index_state WHERE engine = 'postgres' AND agreement_id = $1`, [agreementId]);
      if (current?.version_id) await m.query('INSERT INTO search_retired_partition (version_id) VALUES ($1) ON CONFLICT DO NOTHING', [current.version_id]);
      // Attaching locks the parent against other attaches until commit: the last statement, and
      // quick, as the table's indexes are built already.
      if (versionId !== null) await m.query(`ALTER TABLE search_item ATTACH PARTITION ${partitionName(versionId)} FOR VALUES IN (${Number(versionId)})`);
      return versionId;
    });
    // The words in a short transaction of their own: inserting a word waits for any other
    // transaction inserting the same word, and two indexers building partitions at once shared
    // new words often enough to run one after the other. (Also done when the version was
    // searched already, in case an earlier attempt failed here.)
    if (versionId !== null) await this.addWords(partitionName(versionId));
  }

  /** The version's rows in a new table with the search table's indexes, and the search state; the caller attaches it. */
  private async buildPartition(m: EntityManager, agreementId: number, versionId: number) {
    const table = partitionName(versionId);
    // Its rows never change, so autovacuum need never analyze it again (it would, for the rows
    // this transaction inserts, and over every column). The CHECK states the partition bound
    // (version_id is NOT NULL already), so ATTACH trusts it instead of scanning every row.
    await m.query(
      `CREATE TABLE ${table} (LIKE search_item INCLUDING DEFAULTS, CHECK (version_id = ${Number(versionId)}))
       WITH (autovacuum_analyze_threshold = ${NEVER_AUTOANALYZE})`,
    );
    await m.query(`${insertInto(table)} ${PROJECTION_SQL}`, [versionId]);
    // Built here in bulk, each one matching an index of the parent, so the attach only links them.
    for (const statement of await this.partitionIndexes(m, table)) await m.query(statement);
    // Statistics before it is searched: without them the planner guesses that a typo-tolerant
    // query (a word OR'ed with a dozen expansions) matches several per cent of the rows and
    // reads whole partitions instead of their text index, until autovacuum gets round to them.
    // Only the columns whose statistics choose between the indexes, which is cheaper than all.
    await m.query(`ALTER TABLE ${table} ALTER COLUMN doc SET STATISTICS ${DOC_STATISTICS}`);
    await m.query(`ANALYZE ${table} (${PLANNER_COLUMNS.join(', ')})`);
    await m.query(
      `INSERT INTO search_index_state (engine, agreement_id, version_id) VALUES ('postgres', $1, $2)
       ON CONFLICT (engine, agreement_id) DO UPDATE SET version_id = EXCLUDED.version_id, indexed_at = now()`,
      [agreementId, versionId],
    );
  }

  /** The parent's indexes (migrations define them) as statements for one partition table. */
  private async partitionIndexes(m: EntityManager, table: string): Promise<string[]> {
    const rows: { def: string; pk: string | null }[] = await m.query(
      `SELECT pg_get_indexdef(i.indexrelid) AS def, pg_get_constraintdef(c.oid) AS pk
         FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype = 'p'
        WHERE i.indrelid = 'search_item'::regclass ORDER BY i.indexrelid`,
    );
    return rows.map((r) => (r.pk ? `ALTER TABLE ${table} ADD ${r.pk}` : r.def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+/, `CREATE $1INDEX ON ${table}`)));
  }

  /** Adds a table's words to the word list and forgets remembered expansions when there were new ones. */
  private async addWords(table: string) {
    await this.ds.transaction(async (m) => {
      await m.query(PROJECTION_COMMIT);
      await allowBulkWork(m);
      const [{ n }] = await m.query(WORDS_SQL(table));
      // New words can be expansions of words looked up before.
      if (n > 0) await m.query('DELETE FROM search_word_expansion');
    });
  }

  /**
   * Detaches (concurrently, so searches are not blocked) and drops the partitions retired more
   * than `graceSeconds` ago. A search looks its versions up just before it runs, so the grace
   * period lets one that saw the old version finish on it. Safe to run from several workers: a
   * partition another worker is detaching is skipped and tried again next time. Runs from the
   * indexer's housekeeping, not from a sync: finishing a detach waits for every older
   * transaction, so the caller must hold none open, and a sync should not wait for unrelated
   * long ones (an upload in progress).
   */
  async dropRetiredPartitions(graceSeconds = PARTITION_GRACE_S): Promise<number> {
    const due: { version_id: number }[] = await this.ds.query(`SELECT version_id FROM search_retired_partition WHERE retired_at <= now() - make_interval(secs => $1) ORDER BY version_id`, [
      graceSeconds,
    ]);
    let dropped = 0;
    for (const { version_id } of due) {
      const table = partitionName(version_id);
      try {
        const [state] = await this.ds.query(`SELECT i.inhdetachpending AS pending FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid WHERE c.oid = to_regclass($1)`, [table]);
        // A detach that was interrupted is finished; a missing table was dropped already.
        if (state?.pending === true) await this.ds.query(`ALTER TABLE search_item DETACH PARTITION ${table} FINALIZE`);
        else if (state?.pending === false) await this.ds.query(`ALTER TABLE search_item DETACH PARTITION ${table} CONCURRENTLY`);
        await this.ds.transaction(async (m) => {
          await m.query(`DROP TABLE IF EXISTS ${table}`);
          await m.query('DELETE FROM search_retired_partition WHERE version_id = $1', [version_id]);
        });
        dropped++;
      } catch (e) {
        this.logger.debug(`retired partition ${table} not dropped yet: ${(e as Error).message}`);
      }
    }
    return dropped;
  }

  async housekeeping(): Promise<void> {
    await this.dropRetiredPartitions();
  }

  /** Rebuilds every partition from the catalogue tables, in one transaction (searches wait for it). */
  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    return this.ds
      .transaction(async (m) => {
        await allowBulkWork(m);
        const published: { id: number; agreement_id: number }[] = await m.query(`SELECT id, agreement_id FROM catalogue_version WHERE status = 'PUBLISHED' ORDER BY agreement_id`);
        // Attached, retired or left behind by an interrupted drop: every version table goes.
        const tables: { name: string }[] = await m.query(
          `SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relname ~ '^search_item_v[0-9]+$' AND relnamespace = current_schema()::regnamespace`,
        );
        for (const { name } of tables) await m.query(`DROP TABLE ${name}`);
        await m.query(`DELETE FROM search_index_state WHERE engine = 'postgres'`);
        await m.query('TRUNCATE search_word, search_word_expansion, search_retired_partition');
        let done = 0;
        for (const v of published) {
          await this.buildPartition(m, v.agreement_id, v.id);
          await m.query(`ALTER TABLE search_item ATTACH PARTITION ${partitionName(v.id)} FOR VALUES IN (${Number(v.id)})`);
          // Partition by partition, as a sync does: one tree of every partition's item numbers would be as large as the table.
          await m.query(WORDS_SQL(partitionName(v.id)));
          onProgress?.(++done, published.length);
        }
        const [{ n }] = await m.query('SELECT count(*)::int AS n FROM search_item');
        return n;
      })
      .then(async (n) => {
        await this.ds.query('ANALYZE search_item');
        await this.ds.query('ANALYZE search_word');
        return n;
      });
  }

  /**
   * The versions searched now for these agreements, for each query word the index words it may
   * stand for with their kinds, and which of the `candidates` (joined and split spellings,
   * compoundCandidates) are index words — in one round trip, as every search needs them before
   * its main statement. Expansions and known words are remembered in memory under the word list's
   * generation (search_generation), which the same statement reads: only words not remembered are
   * looked up, all of them when the generation has moved on (another instance's indexer, a rebuild).
   * The synonym groups' generation is read too and reported with the result (SearchService).
   */
  private async versionsAndWords(
    agreementIds: number[],
    words: string[],
    candidates: string[] = [],
  ): Promise<{ versions: number[]; expansions: Map<string, WordExpansions>; known: Set<string>; synonymsGeneration: number }> {
    const textWords = words.filter((w) => w.length >= 2 && !/^\d+$/.test(w));
    const remembered = this.expansions.lookUp(textWords);
    const rememberedKnown = this.known.lookUp(candidates);
    const params: unknown[] = [agreementIds];
    const param = (v: unknown) => `$${params.push(v)}`;
    // The words to look up: those not remembered, or all when the generation they were remembered at is not current.
    const lookUp = (all: string[], missing: string[], at: number | null) => `CASE WHEN g.words = ${param(at)}::int THEN ${param(missing)}::text[] ELSE ${param(all)}::text[] END`;
    // Prepared (four shapes): PostgreSQL parses and analyses it once per connection.
    const [row] = await preparedQuery<{ versions: number[]; words_generation: number; synonyms_generation: number; expansions: WordExpansions[] | null; known: string[] | null }>(
      this.ds,
      `WITH g AS MATERIALIZED (SELECT (SELECT generation FROM search_generation WHERE kind = 'words') AS words,
                                      (SELECT generation FROM search_generation WHERE kind = 'synonyms') AS synonyms),
            q AS MATERIALIZED (SELECT ${textWords.length ? lookUp(textWords, remembered.missing, remembered.generation) : "'{}'::text[]"} AS words,
                                      ${candidates.length ? lookUp(candidates, rememberedKnown.missing, rememberedKnown.generation) : "'{}'::text[]"} AS candidates FROM g)
       SELECT ARRAY(SELECT version_id FROM search_index_state
                     WHERE engine = 'postgres' AND agreement_id = ANY($1::int[]) AND version_id IS NOT NULL ORDER BY version_id) AS versions,
              g.words AS words_generation, g.synonyms AS synonyms_generation,
              ${
                textWords.length
                  ? `(SELECT json_agg(json_build_object('word', e.word, 'expansions', e.expansions, 'kinds', e.kinds)) FROM q, torg_expand_words(q.words, ${param(EXPANSIONS_PER_WORD)}) e WHERE cardinality(q.words) > 0)`
                  : 'NULL::json'
              } AS expansions,
              ${candidates.length ? `ARRAY(SELECT k.word FROM q, search_word k WHERE cardinality(q.candidates) > 0 AND k.word = ANY(q.candidates))` : 'NULL::text[]'} AS known
         FROM g`,
      params,
    );
    const generation = row.words_generation;
    const read = new Map((row.expansions ?? []).map((r) => [r.word, r]));
    // What the statement looked up at this generation is remembered (nothing when it is older than what is remembered).
    if (textWords.length) this.expansions.remember(generation, read);
    const knownNow = new Set(row.known ?? []);
    if (candidates.length)
      this.known.remember(
        generation,
        (generation === rememberedKnown.generation ? rememberedKnown.missing : candidates).map((c) => [c, knownNow.has(c)]),
      );
    // Remembered values count only when the generation they were read at is the statement's.
    const expansions = generation === remembered.generation ? new Map([...remembered.found, ...read]) : read;
    if (generation === rememberedKnown.generation) for (const [c, isWord] of rememberedKnown.found) if (isWord) knownNow.add(c);
    return { versions: row.versions, expansions, known: knownNow, synonymsGeneration: row.synonyms_generation };
  }

  /**
   * A facet group's filter as a condition on a search row `s` (the hits meet every group's).
   * With text, the text index finds the rows and the attributes are checked on them: the planner
   * has no statistics on the facets (analyzing them would cost every upload), so it took a common
   * attribute for a rare one, read a third of each partition through the facet index and matched
   * the text on every row, an order of magnitude slower under load. coalesce() keeps the facet
   * index out of that choice; without text it is the way in. Both hold when the filters narrow
   * the rows read: without facets (`facets: false`), and for a search without text whose only
   * facet filter is the UNSPSC or the supplier one (its own facets' counts are the scope's, kept:
   * search). Otherwise, with facets, a filter is a flag on each visible row (disjunctive counts
   * need the rows that fail it), so neither index is used and a filter-only browse reads every
   * visible row, as a browse with no filter does.
   */
  private groupCondition(g: FacetGroup, query: SearchQuery, hasText: boolean, p: (v: unknown) => string): string {
    if (g.kind === 'unspsc') {
      // A node covers the codes that start with its prefix: one range each (on the (agreement, code) index when it narrows the rows read).
      const ranges = query.unspsc!.map(unspscRange);
      return `(${ranges.map(([lo, hi]) => `s.unspsc_code BETWEEN ${p(lo)}::char(8) AND ${p(hi)}::char(8)`).join(' OR ')})`;
    }
    if (g.kind === 'supplier') return `s.supplier_id = ANY(${p(query.supplierIds)}::int[])`;
    return g.filters
      .map((attr) => {
        const values = p(attr.values.map((v) => attributeFacet(attr.name, v)));
        return hasText ? `coalesce(s.attr_facets && ${values}::text[], false)` : `s.attr_facets && ${values}::text[]`;
      })
      .join(' AND ');
  }

  /**
   * Reads a scope's segment, family, class and supplier facets (SCOPE_FACETS_SQL) and keeps them
   * under `key`; forgotten again if the read fails, so the next search tries again.
   */
  private scopeFacetsOf(key: string, scopeWhere: (param: (v: unknown) => string) => string[]): Promise<FacetRow[]> {
    const params: unknown[] = [];
    const where = scopeWhere((v) => `$${params.push(v)}`).join(' AND ');
    const read = preparedQuery<FacetRow>(this.ds, SCOPE_FACETS_SQL(where), params);
    this.scopeFacets.set(key, read);
    read.catch(() => this.scopeFacets.delete(key, read));
    return read;
  }

  async search(query: SearchQuery, scope: SearchScope): Promise<SearchResult> {
    const empty: SearchResult = {
      hits: [],
      totalHits: 0,
      totalHitsCapped: false,
      facets: { segment: [], family: [], class: [], supplier: [], attributes: [] },
      relaxed: false,
      droppedWords: [],
    };
    if (!scope.agreementIds.length) return empty;
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const agreementIds = query.agreementIds?.length ? scope.agreementIds.filter((id) => query.agreementIds!.includes(id)) : scope.agreementIds;
    if (!agreementIds.length) return empty;
    const typedGroups = query.text ? queryGroups(query.text, synonymsWith(query.synonyms)) : [];
    // The versions searched now, as values: the planner then reads only their partitions.
    const { versions, expansions, known, synonymsGeneration } = await this.versionsAndWords(agreementIds, termWords(typedGroups), compoundCandidates(typedGroups));
    // "wallpaper" also as "wall paper", and the reverse, where the index has those words.
    const groups = withCompoundSpellings(typedGroups, known);
    // Every answer from here on says which synonym groups' generation it saw.
    const none: SearchResult = { ...empty, synonymsGeneration };
    if (!versions.length) return none;
    const day = query.today ?? osloToday();
    // The rows every search of these versions, this day and this price range reads from (the
    // text and the facet filters narrow them), as a condition with its own parameters.
    const scopeWhere = (param: (v: unknown) => string) => [
      `s.version_id = ANY(${param(versions)}::int[])`,
      VALID_ON_SQL(param(day)),
      ...(query.priceMin ? [`s.price >= ${param(query.priceMin)}::numeric`] : []),
      ...(query.priceMax ? [`s.price <= ${param(query.priceMax)}::numeric`] : []),
    ];
    const where: string[] = scopeWhere(p);
    let gq: GroupQueries[] = [];
    let anyRef = '';
    let confident: string | null = null;
    let firstWeighted: string | null = null;
    if (groups.length) {
      gq = buildGroupQueries(groups, expansions);
      // A word merely similar to one of the item's never makes it confident: those rows are left
      // to the index, which keeps typo searches from collecting every look-alike.
      const first = gq[0].byClass[MatchClass.Typo];
      if (!first) return none;
      anyRef = p(anyGroupQuery(gq));
      // The first word must match; the others rank (all words > fewer words, Meilisearch's
      // matchingStrategy "last": words are given up from the end). An item below the confidence
      // is no hit: told by one test per row (confidentQuery), so the hits, their count and their
      // facets need no item's ladder of match steps.
      confident = confidentQuery(gq);
      if (!confident) return none;
      // The index finds the rows with the first word in any field: without the weights, the
      // GIN index tells that alone, and no row's document is read again to check it. The
      // weighted test, where it says more, is made on the rows (`confidence`, below).
      const firstAnywhere = withoutWeights(first);
      where.push(`s.doc @@ to_tsquery('simple', ${p(withoutSubsumed(firstAnywhere))})`);
      // A confident row of one word matches the word by a typo or better (confidentQuery), so
      // the first word's own test is implied; with more words, the confidence may come from another.
      if (gq.length > 1 && firstAnywhere !== first) firstWeighted = first;
    }
    const hasText = gq.length > 0;
    const wantFacets = query.facets !== false;
    // The filters that have a facet, each group's condition: the hits meet them all; with facets
    // asked for, each group's facet is counted over the rows that meet all the others (facet-groups.ts).
    const facetGroups = activeFacetGroups(query);
    // Without text, when the UNSPSC filter or the supplier filter is the only facet filter, its
    // own facets (segment, family and class; supplier) count every row of the scope (the versions,
    // the day, the price range): the same figures for every such search, kept by scope
    // (scopeFacetsOf). Such a search then needs no disjunctive pass, which read every visible row:
    // its hits are the rows its filter keeps (a UNSPSC filter through the code index), and the
    // other facets, whose groups are not active, count the hits, as the disjunctive counts would.
    // A browse without any filter takes all four from there; it counts them in its own pass when
    // they are not kept, and keeps them.
    const onlyGroup = facetGroups.length === 1 ? facetGroups[0].kind : null;
    const scopeCounted = wantFacets && !hasText && (facetGroups.length === 0 || onlyGroup === 'unspsc' || onlyGroup === 'supplier');
    const scopeKey = scopeCounted ? facetScopeKey(versions, day, query.priceMin, query.priceMax) : '';
    let kept = scopeCounted ? this.scopeFacets.get(scopeKey) : undefined;
    // A failed shared read fails none of the searches that found it kept: they read once more,
    // together (awaitShared). The search that started it does not: its failure (a statement
    // timeout under load, most likely) is its own, and a second try would run the slow read twice.
    if (kept) kept = awaitShared(this.scopeFacets, scopeKey, kept, () => this.scopeFacetsOf(scopeKey, scopeWhere));
    else if (scopeCounted && facetGroups.length) kept = this.scopeFacetsOf(scopeKey, scopeWhere);
    const disjunctive = wantFacets && facetGroups.length > 0 && !scopeCounted;
    // The facets taken from the scope's kept counts; the main statement counts the others over the hits.
    const fromScope = kept === undefined ? new Set<string>() : onlyGroup === 'unspsc' ? UNSPSC_LEVELS : onlyGroup === 'supplier' ? SUPPLIER : SCOPE_FACETS;
    const levels = !fromScope.has('segment');
    const groupWhere = facetGroups.map((g) => this.groupCondition(g, query, hasText, p));
    const whereSql = [...where, ...(disjunctive ? [] : groupWhere)].join(' AND ');
    const relevance = query.sort !== 'PRICE_ASC' && query.sort !== 'PRICE_DESC';
    // Item numbers and GTINs are in the document too; one typed as written is ranked first.
    const typed = hasText && relevance ? p(query.text!.trim().toLowerCase()) : '';
    const exact = typed ? `(lower(s.seller_item_id) = ${typed} OR s.gtin = ${typed})` : 'false';
    const rank = hasText && relevance ? `ts_rank(s.doc, to_tsquery('simple', ${anyRef}))` : '0::real';
    const eco = relevance && query.preferEcoLabelled ? ECO_LABEL_SQL('s.attr_facets') : 'false';
    // Which hits get their match steps and rank computed (the tiers' cost): only those that may
    // reach the page. Every hit of the top tier (each word an exact word of a primary field) ranks
    // above every hit outside it but those whose item number was typed, and each hit matching all
    // words above every hit matching fewer (in every sort). When a tier holds the page, the rest
    // need no steps: the page is the same, and the total and facets are counted from all hits.
    const top = hasText && relevance ? topTierQuery(gq) : null;
    const allWords = gq.length > 1 ? allWordsQuery(gq) : null;
    const tierFlag = (q: string | null) => (q ? `s.doc @@ to_tsquery('simple', ${p(withoutSubsumed(q))})` : 'false');
    const tiered = top !== null || allWords !== null;
    const tiers = hasText ? matchTiers(gq, p, top !== null ? 's.top' : undefined) : { columns: '', derived: '0 AS words, 0 AS matched, 0 AS quality, 0 AS fields' };
    const needRef = tiered ? p(Math.max(1, query.offset + query.limit)) : '';
    const mandatoryRef = p(scope.mandatoryIds);
    // Tiers first — the leading words matched, how many words, how well (exact > stem > compound
    // part > typo), in which field — and the agreement signal only within a tier; then, when the
    // buyer asks, eco-labelled items (after the agreement signal: loyalty to a mandatory agreement
    // is the organisation's rule, the label a preference among what it allows).
    // Without text, the match keys and the rank are constants: left out, the sort compares fewer keys.
    const keys =
      query.sort === 'PRICE_ASC'
        ? ['words DESC', 'price ASC', 'item_id']
        : query.sort === 'PRICE_DESC'
          ? ['words DESC', 'price DESC', 'item_id']
          : ['exact DESC', 'words DESC', 'matched DESC', 'quality DESC', 'fields DESC', 'mandatory DESC', 'eco DESC', 'rank DESC', 'name', 'item_id'];
    const textOnly = ['exact DESC', 'words DESC', 'matched DESC', 'quality DESC', 'fields DESC', 'rank DESC'];
    const order = (h: string) =>
      keys
        .filter((k) => hasText || !textOnly.includes(k))
        .map((k) => `${h}.${k}`)
        .join(', ');
    // Matched words between random markers, made HTML (escaped, with <mark>) below.
    const markers = newHighlightMarkers();
    const headlineOptions = hasText ? p(`StartSel=${markers.start}, StopSel=${markers.stop}, HighlightAll=true`) : '';
    const headline = (col: string) => (hasText ? `ts_headline('simple', ${col}, to_tsquery('simple', ${anyRef}), ${headlineOptions})` : col);
    // Disjunctive facets: `base` holds the rows that meet every filter without a facet and all
    // group filters but at most one, each group's result as a flag (f0, f1, …), in one pass
    // over the text-matched, visible rows; the hits are those with every flag, and each facet is
    // counted over the rows with every flag but its own group's (disjunctiveFacetsSql).
    const flags = facetGroups.map((_, i) => `f${i}`);
    // The rows the text index found, each tested once for the top tier (a fenced subquery, so the
    // test is made once per row): a row of the top tier is confident, so its confidence and first
    // word need no test of their own; the others are told by the confidence (confidentQuery).
    const confidence = hasText
      ? `(s.top OR (${firstWeighted ? `coalesce(s.doc @@ to_tsquery('simple', ${p(withoutSubsumed(firstWeighted))}), false) AND ` : ''}coalesce(s.doc @@ to_tsquery('simple', ${p(withoutSubsumed(confident!))}), false)))`
      : '';
    const scan = (condition: string) =>
      hasText
        ? `(SELECT s.item_id, s.agreement_id, s.supplier_id, s.name, s.price, s.seller_item_id, s.gtin, s.unspsc_code, s.segment_code, s.family_code, s.class_code, s.attr_facets,
                   s.doc, ${top !== null ? tierFlag(top) : 'false'} AS top
              FROM search_item s WHERE ${condition} OFFSET 0) s WHERE ${confidence}`
        : `search_item s WHERE ${condition}`;
    const base = disjunctive
      ? `base AS MATERIALIZED (
           SELECT s.item_id, s.agreement_id, s.supplier_id, s.name, s.price, s.segment_code, s.family_code, s.class_code, s.attr_facets
                  ${hasText ? ', s.doc, s.top' : ''} ${typed ? ', s.seller_item_id, s.gtin' : ''}, ${groupWhere.map((c, i) => `${c} AS ${flags[i]}`).join(', ')}
             FROM ${scan(whereSql)}
             ${facetGroups.length > 1 ? `AND ${groupWhere.map((c) => `(NOT ${c})::int`).join(' + ')} <= 1` : ''}),`
      : '';
    const hitsFrom = disjunctive ? `base s WHERE ${flags.join(' AND ')}` : scan(whereSql);

    // One pass over the hits: they are collected once (keys, sort keys, facet columns), the page
    // is cut from them and its display columns are read from the catalogue rows it projects
    // (published items never change), and facets and the total are counted from the same rows.
    // Joining the page back to catalogue_item rather than to the search table spares the planner
    // a second walk over every searched partition (a quarter of the planning of a small search).
    // Without facets, the total is counted only up to the cap. In `ranked`, each group's match
    // step (v0, v1, …) is computed once per row (OFFSET 0 fences the subquery): flattened, the
    // planner copied each group's ladder into words, matched, quality and fields.
    const main = preparedQuery<{ hits: SearchHit[]; facets: FacetRow[] | null; total: number; words: number | null }>(
      this.ds,
      `WITH ${base} hits AS MATERIALIZED (
         SELECT s.item_id, s.agreement_id, s.supplier_id, s.name, s.price, s.agreement_id = ANY(${mandatoryRef}::int[]) AS mandatory, ${exact} AS exact, ${eco} AS eco
                ${hasText ? ', s.doc' : ''} ${tiered ? `, s.top, ${allWords ? `(s.top OR ${tierFlag(allWords)})` : 'false'} AS all_words` : ''}
                ${wantFacets && !disjunctive ? `${levels ? ', s.segment_code, s.family_code, s.class_code' : ''}, s.attr_facets` : ''}
           FROM ${hitsFrom}),
       ${tiered ? `tier AS (SELECT CASE WHEN count(*) FILTER (WHERE top) >= ${needRef} THEN 2 WHEN count(*) FILTER (WHERE all_words) >= ${needRef} THEN 1 ELSE 0 END AS t FROM hits),` : ''}
       ranked AS (
         SELECT m.*, ${tiers.derived} FROM (
           SELECT s.item_id, s.agreement_id, s.supplier_id, s.name, s.price, s.mandatory, s.exact, s.eco, ${rank} AS rank ${tiers.columns}
             FROM hits s ${tiered ? ', tier WHERE tier.t = 0 OR s.exact OR (tier.t = 2 AND s.top) OR (tier.t = 1 AND s.all_words)' : ''} OFFSET 0) m),
       page AS (SELECT h.item_id, h.agreement_id, h.supplier_id, h.name, h.price, h.mandatory, h.exact, h.rank, h.eco, h.words, h.matched, h.quality, h.fields
                  FROM ranked h ORDER BY ${order('h')} OFFSET ${p(query.offset)} LIMIT ${p(query.limit)})
       SELECT
         (SELECT coalesce(json_agg(x.hit ORDER BY ${order('x')}), '[]') FROM (
            SELECT pg.*, json_build_object('itemId', s.id::text, 'agreementId', pg.agreement_id, 'supplierId', pg.supplier_id, 'sellerItemId', s.seller_item_id,
                   'name', s.name, 'description', s.description, 'unspscCode', s.unspsc_code, 'price', s.price::text, 'currency', s.currency, 'vatRate', s.vat_rate::text,
                   'unitCode', s.unit_code, 'gtin', s.gtin, 'manufacturer', s.manufacturer, 'attributes', s.attributes, 'mandatory', pg.mandatory,
                   'highlightedName', ${headline('s.name')}, 'highlightedDescription', CASE WHEN s.description IS NULL THEN NULL ELSE ${headline('s.description')} END) AS hit
              FROM page pg JOIN catalogue_item s ON s.id = pg.item_id) x) AS hits,
         ${wantFacets ? `(SELECT json_agg(f) FROM (${disjunctive ? disjunctiveFacetsSql(facetGroups, flags, p) : facetsSql(levels, !fromScope.has('supplier'))}) f)` : 'NULL'} AS facets,
         ${wantFacets ? '(SELECT count(*)::int FROM hits)' : `(SELECT count(*)::int FROM (SELECT 1 FROM hits LIMIT ${MAX_TOTAL_HITS + 1}) c)`} AS total,
         ${hasText ? '(SELECT max(h.words) FROM ranked h)' : 'NULL::int'} AS words`,
      params,
    );
    // The scope's kept counts, when being read, are read beside the main statement.
    const [[row], scopeRows] = await Promise.all([main, kept]);
    let facetRows = row.facets;
    if (scopeRows) facetRows = [...(facetRows ?? []), ...scopeRows.filter((f) => fromScope.has(f.facet))];
    else if (scopeCounted && facetRows) this.scopeFacets.set(scopeKey, Promise.resolve(facetRows.filter((f) => SCOPE_FACETS.has(f.facet))));
    const facets = facetRows ? facetsFrom(facetRows) : empty.facets;
    const hits = row.hits.map((h) => ({
      ...h,
      highlightedName: highlightedHtml(h.highlightedName, markers),
      highlightedDescription: h.highlightedDescription === null ? null : highlightedHtml(h.highlightedDescription, markers),
    }));
    const words = row.words ?? gq.length;
    return {
      hits,
      totalHits: Math.min(row.total, MAX_TOTAL_HITS),
      totalHitsCapped: row.total > MAX_TOTAL_HITS,
      facets,
      relaxed: hasText && words < gq.length,
      droppedWords: hasText ? gq.slice(words).map((g) => g.label) : [],
      synonymsGeneration,
    };
  }
}

/**
 * An item below this confidence (its best group's match class, less 3 when it matched only
 * outside the primary fields and not exactly) is no hit, so a query with no good answer returns
 * nothing rather than noise: a typo in a name is enough, but "toner" matching the end of
 * "hodetelefoner" in a description, a stem found only in a description ("skrivebord" of
 * "skrivebordet"), or a word merely similar to one in a name, is no answer.
 */
const MIN_CONFIDENCE = MatchClass.Typo;
const OUTSIDE_PRIMARY_FIELDS = 3;

/**
 * How a group matched an item, best first: a step is a match class, found in a primary field
 * (name, UNSPSC titles, attributes, manufacturer: weights A and C) or only elsewhere (the
 * description, or the stems, which do not say whether they came from name or description). A
 * stem found only there ranks after a compound part in the name, so "kanyler" (stem "kanyl")
 * ranks "Kanyle 18G" by its name. The step's position is the group's grade; `confidence` is its
 * class, less OUTSIDE_PRIMARY_FIELDS outside the primary fields unless exact.
 */
const STEPS: { cls: MatchClass; primary: boolean }[] = [
  { cls: MatchClass.Exact, primary: true },
  { cls: MatchClass.Exact, primary: false },
  { cls: MatchClass.Stem, primary: true },
  { cls: MatchClass.Part, primary: true },
  { cls: MatchClass.Stem, primary: false },
  { cls: MatchClass.Part, primary: false },
  { cls: MatchClass.Typo, primary: true },
  { cls: MatchClass.Typo, primary: false },
  { cls: MatchClass.Similar, primary: true },
  { cls: MatchClass.Similar, primary: false },
];
const stepConfidence = (st: { cls: MatchClass; primary: boolean }) => (st.primary || st.cls === MatchClass.Exact ? st.cls : st.cls - OUTSIDE_PRIMARY_FIELDS);
/** Whether an item whose best match is this step is a hit. */
const confidentStep = (st: { cls: MatchClass; primary: boolean }) => stepConfidence(st) >= Number(MIN_CONFIDENCE);

/**
 * Per group g: v_g, the grade of its best step (STEPS counted from the end, -1 for no match).
 * From them: words (how many leading groups all matched), matched (how many groups), quality
 * (the sum of grades) and fields (groups matched in a primary field). The confidence is not
 * read from them: confidentQuery tells it in one test.
 */
function matchTiers(gq: GroupQueries[], p: (v: unknown) => string, topFlag?: string): { columns: string; derived: string } {
  const grade = (k: number) => STEPS.length - 1 - k;
  // A row of the top tier (topTierQuery: every group exact in a primary field, the first step)
  // has every group's best grade; its flag says so without testing the document again.
  const top = topFlag ? `WHEN ${topFlag} THEN ${grade(0)} ` : '';
  const columns = gq
    .map((g, i) => {
      // A row the group does not match at all is told so by one test, not by every step; a step
      // whose query is the same as an earlier one's (a word without stems, parts or typos) is
      // never reached, so it is left out. The first group matches every row (the WHERE asks it).
      // Each test's query without the alternatives others of its list hold (withoutSubsumed): the same rows.
      const test = (q: string | null) => (q === null ? null : withoutSubsumed(q));
      const any = test(g.byClass[MatchClass.Similar]);
      const seen = new Set<string>();
      // With one group, the top tier's flag is the first step's test itself.
      if (topFlag && gq.length === 1) seen.add(`true${test(g.primaryByClass[MatchClass.Exact])}`);
      const ladder = STEPS.map((st, k) => {
        const q = test(st.primary ? g.primaryByClass[st.cls] : g.byClass[st.cls]);
        if (!q || seen.has(`${st.primary}${q}`)) return '';
        seen.add(`${st.primary}${q}`);
        return `WHEN s.doc @@ to_tsquery('simple', ${p(q)}) THEN ${grade(k)}`;
      })
        .filter((w) => w)
        .join(' ');
      const none = i > 0 && any ? `WHEN NOT s.doc @@ to_tsquery('simple', ${p(any)}) THEN -1 ` : '';
      return `, ${ladder ? `CASE ${top}${none}${ladder} ELSE -1 END` : '-1'} AS v${i}`;
    })
    .join('');
  const n = gq.length;
  const idx = [...Array(n).keys()];
  const primaryGrades = STEPS.flatMap((st, k) => (st.primary ? [grade(k)] : []));
  const words = `CASE ${idx.map((i) => `WHEN m.v${i} < 0 THEN ${i}`).join(' ')} ELSE ${n} END`;
  const matched = idx.map((i) => `(m.v${i} >= 0)::int`).join(' + ');
  const quality = idx.map((i) => `greatest(m.v${i}, 0)`).join(' + ');
  const fields = idx.map((i) => `(m.v${i} IN (${primaryGrades.join(', ')}))::int`).join(' + ');
  return { columns, derived: `${words} AS words, ${matched} AS matched, ${quality} AS quality, ${fields} AS fields` };
}

/** A step's tsquery for a group (null: the step matches nothing). */
const stepQuery = (g: GroupQueries, st: { cls: MatchClass; primary: boolean }) => (st.primary ? g.primaryByClass[st.cls] : g.byClass[st.cls]);

/**
 * Whether a step's rows are among another's: a match of a class is one of every lower class too
 * (the queries are cumulative), and one in a primary field is one in any field.
 */
const within = (a: { cls: MatchClass; primary: boolean }, b: { cls: MatchClass; primary: boolean }) => a.cls >= b.cls && (a.primary || !b.primary);

/** The steps that no other step of the list holds (an OR of the list is the OR of these). */
const outermost = <T extends { cls: MatchClass; primary: boolean }>(steps: T[]) => steps.filter((a, i) => !steps.some((b, j) => j !== i && within(a, b) && (!within(b, a) || j < i)));

/**
 * The rows whose confidence (the ladder's) reaches MIN_CONFIDENCE, as one tsquery (null: none):
 * a group is confident when its first matching step is, so when a confident step matches and no
 * weaker step before it does. With the steps as they are: an exact word anywhere, a compound part
 * or better in a primary field, or a typo in a primary field of a row with no stem or part elsewhere.
 */
export function confidentQuery(gq: GroupQueries[]): string | null {
  const weakerBefore = (k: number) => outermost(STEPS.slice(0, k).filter((b) => !confidentStep(b)));
  // The confident steps by the weaker steps before them: within such a set, one step's rows may hold another's.
  const sets = new Map<string, { steps: (typeof STEPS)[number][]; weaker: (typeof STEPS)[number][] }>();
  STEPS.forEach((st, k) => {
    if (!confidentStep(st)) return;
    const weaker = weakerBefore(k);
    const key = weaker.map((b) => STEPS.indexOf(b)).join(',');
    if (!sets.has(key)) sets.set(key, { steps: [], weaker });
    sets.get(key)!.steps.push(st);
  });
  const alternatives = gq.flatMap((g) =>
    [...sets.values()].flatMap(({ steps, weaker }) => {
      const not = weaker.map((b) => stepQuery(g, b)).filter((q): q is string => q !== null);
      return outermost(steps)
        .map((st) => stepQuery(g, st))
        .filter((q): q is string => q !== null)
        .map((q) => (not.length ? `(${q} & !(${not.join(' | ')}))` : q));
    }),
  );
  return alternatives.length ? alternatives.join(' | ') : null;
}

/** A tsquery without its weight restrictions ("stol:AB" → "stol", "kopi:*AB" → "kopi:*"): the rows matching it anywhere in the document. */
export const withoutWeights = (q: string): string => q.replace(/:(\*?)[ABCD]+/g, (_, prefix: string) => (prefix ? ':*' : ''));

/** Rows matching every group by the first step (an exact word in a primary field): the top tier. */
export function topTierQuery(gq: GroupQueries[]): string | null {
  const qs = gq.map((g) => stepQuery(g, STEPS[0]));
  return qs.every((q) => q !== null) ? qs.join(' & ') : null;
}

/** Rows matching every group by some step: those with all words. */
export function allWordsQuery(gq: GroupQueries[]): string | null {
  const qs = gq.map((g) => g.byClass[MatchClass.Similar]);
  return qs.every((q) => q !== null) ? qs.join(' & ') : null;
}

interface FacetRow {
  facet: string;
  value: string;
  count: number;
}

const UNSPSC_LEVELS: ReadonlySet<string> = new Set(['segment', 'family', 'class']);
const SUPPLIER: ReadonlySet<string> = new Set(['supplier']);
/** The facets a scope's counts are kept for (scopeFacetsOf): those of the UNSPSC and the supplier groups. */
const SCOPE_FACETS: ReadonlySet<string> = new Set([...UNSPSC_LEVELS, ...SUPPLIER]);

/** The key of a scope's kept counts: the versions searched (sorted, as versionsAndWords reads them), the day and the price range. */
export const facetScopeKey = (versions: readonly number[], day: string, priceMin?: string | null, priceMax?: string | null): string =>
  JSON.stringify([[...versions].sort((a, b) => a - b), day, priceMin || null, priceMax || null]);

/** The segment, family and class counts of the rows `from` names (with its condition), as one grouping-sets pass. */
const unspscGroupedSql = (from: string) => `
    SELECT CASE WHEN GROUPING(segment_code) = 0 THEN 'segment' WHEN GROUPING(family_code) = 0 THEN 'family' ELSE 'class' END AS facet,
           coalesce(segment_code, family_code, class_code) AS value, count(*)::int AS count
      FROM ${from} GROUP BY GROUPING SETS ((segment_code), (family_code), (class_code))`;

/**
 * The top FACET_LIMIT values of each facet (of each attribute name) of the counts `grouped`
 * (facet, value, count): the one cut and order of every facet statement, so counts taken by
 * different statements (the scope's kept counts, search) are cut alike. Values sort bytewise
 * (COLLATE "C": codes, ids and lower-cased attribute values, so the order is the same), cheaper
 * than the locale's order.
 */
const topFacetsSql = (grouped: string) => `
  WITH grouped AS (${grouped}),
  ranked AS (SELECT *, row_number() OVER (PARTITION BY facet COLLATE "C", CASE WHEN facet = 'attr' THEN split_part(value, '=', 1) END COLLATE "C" ORDER BY count DESC, value COLLATE "C") AS r
               FROM grouped WHERE value IS NOT NULL)
  SELECT facet, value, count FROM ranked WHERE r <= ${FACET_LIMIT} ORDER BY facet COLLATE "C", count DESC, value COLLATE "C"`;

/** The segment, family, class and supplier counts of the rows `from` names (with its condition), as one grouping-sets pass. */
const levelsAndSupplierSql = (from: string) => `
    SELECT CASE WHEN GROUPING(segment_code) = 0 THEN 'segment' WHEN GROUPING(family_code) = 0 THEN 'family'
                WHEN GROUPING(class_code) = 0 THEN 'class' ELSE 'supplier' END AS facet,
           coalesce(segment_code, family_code, class_code, supplier_id::text) AS value, count(*)::int AS count
      FROM ${from} GROUP BY GROUPING SETS ((segment_code), (family_code), (class_code), (supplier_id))`;

/**
 * Facet counts over the `hits` CTE: UNSPSC levels and supplier as grouping sets, attributes
 * unnested; the top FACET_LIMIT of each. Attributes are unnested in the select list (one pass)
 * rather than by a function scan per hit, both cheaper for a broad search. Without `levels` the
 * UNSPSC levels are left out, without `supplier` the supplier (search takes them from the
 * scope's kept counts).
 */
const facetsSql = (levels: boolean, supplier: boolean) =>
  topFacetsSql(
    [
      ...(levels && supplier ? [levelsAndSupplierSql('hits')] : levels ? [unspscGroupedSql('hits')] : []),
      ...(supplier && !levels ? [`SELECT 'supplier' AS facet, supplier_id::text AS value, count(*)::int AS count FROM hits GROUP BY supplier_id`] : []),
      `SELECT 'attr' AS facet, a AS value, count(*)::int AS count FROM (SELECT unnest(attr_facets) AS a FROM hits) u GROUP BY a`,
    ].join(' UNION ALL '),
  );

/**
 * The segment, family, class and supplier counts over every row of the versions `versions` valid
 * on `day` within the price range: what a search without text counts a facet over when that
 * facet's filter is its only facet filter (disjunctive: all filters but its own), and what a
 * browse without text or filter counts them over. Cut as every facet statement.
 */
const SCOPE_FACETS_SQL = (where: string) => topFacetsSql(levelsAndSupplierSql(`search_item s WHERE ${where}`));

/** How many scopes' counts (scopeFacets) are kept: each is at most 4 × FACET_LIMIT rows, a few KB. */
const FACET_SCOPES = 256;

/**
 * Disjunctive facet counts over the `base` CTE (see search): each group's facet over the rows with
 * every group flag but its own, the others over the rows with every flag (the hits). The UNSPSC
 * levels stay one grouping-sets pass over their rows, the supplier one GROUP BY over its rows (so
 * each row is hashed only where it counts: one FILTER per grouping set would hash every row of
 * `base` into all four), the attributes one unnest, each value counted under its name's
 * condition. Otherwise as facetsSql; `base` is read from the tables once, these scan it in memory.
 */
export function disjunctiveFacetsSql(groups: FacetGroup[], flags: string[], p: (v: unknown) => string): string {
  const all = flags.join(' AND ');
  const allBut = (i: number) => flags.filter((_, j) => j !== i).join(' AND ') || 'true';
  const of = (kind: 'unspsc' | 'supplier') => {
    const i = groups.findIndex((g) => g.kind === kind);
    return i < 0 ? all : allBut(i);
  };
  const attributes = groups.flatMap((g, i) => (g.kind === 'attribute' ? [`WHEN ${p(g.name)}::text THEN ${allBut(i)}`] : []));
  const attributeOk = attributes.length ? `CASE split_part(a, '=', 1) ${attributes.join(' ')} ELSE ${all} END` : all;
  return topFacetsSql(`${unspscGroupedSql(`base WHERE ${of('unspsc')}`)}
    UNION ALL
    SELECT 'supplier', supplier_id::text, count(*)::int FROM base WHERE ${of('supplier')} GROUP BY supplier_id
    UNION ALL
    SELECT 'attr', a, count(*)::int FROM (SELECT unnest(attr_facets) AS a, ${flags.join(', ')} FROM base) u WHERE ${attributeOk} GROUP BY a`);
}

function facetsFrom(rows: FacetRow[]): SearchFacets {
  const facets: SearchFacets = { segment: [], family: [], class: [], supplier: [], attributes: [] };
  const attrs = new Map<string, { value: string; count: number }[]>();
  for (const r of rows) {
    if (r.facet === 'attr') {
      const [name, ...rest] = r.value.split('=');
      if (!attrs.has(name)) attrs.set(name, []);
      attrs.get(name)!.push({ value: rest.join('='), count: r.count });
    } else facets[r.facet as 'segment' | 'family' | 'class' | 'supplier'].push({ value: r.value.trim(), count: r.count });
  }
  facets.attributes = [...attrs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => ({ name, values }));
  return facets;
}
