import { DataSource } from 'typeorm';
import { unspscLevel } from '../../classification/unspsc-code';
import { MAX_TOTAL_HITS, ProductSearch, SearchFacets, SearchHit, SearchQuery, SearchResult, SearchScope } from '../product-search';
import { attributeFacet } from '../attribute-facets';
import { activeFacetGroups, FacetGroup } from '../facet-groups';
import { disjunctiveFacetSearch, disjunctiveFederatedFacetSearches, mainFacets, meiliFilter, MeiliFilters, mergeDisjunctiveFacets } from './meili-facets';
import { highlightedHtml, newHighlightMarkers } from '../highlight';
import { osloToday } from '../../platform/time/oslo-date';
import { SYNONYM_SETS } from '../synonyms';
import { MergeableHit, mergeSynonymResults } from './meili-merge';
import { synonymVariants } from './meili-query';
import { meiliDay, meiliDocument, meiliQueryText, meiliRelaxation, meiliScoreThreshold, MeiliSourceRow, MeiliWordsDetail } from './meili-document';

type MeiliModule = typeof import('meilisearch');
type MeiliClient = InstanceType<MeiliModule['Meilisearch']>;
/** The client's settings type: a misspelt or unknown setting fails to compile. */
type MeiliSettings = import('meilisearch').Settings;
type FacetDistribution = import('meilisearch').FacetDistribution;
type Task = { status: string; error?: { message?: string } | null; uid: number };

/** The index name unless configured (MEILI_INDEX): the contract tests give each run its own. */
export const DEFAULT_MEILI_INDEX = 'torg_items';
const BATCH = 10000;
const TASK_TIMEOUT_MS = 120_000;

/** The maintained synonym list (synonyms.ts) as Meilisearch's mutual synonyms: every entry of a set names the others. */
export function meiliSynonyms(sets: readonly (readonly string[])[] = SYNONYM_SETS): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const set of sets) for (const word of set) out[word] = [...new Set([...(out[word] ?? []), ...set.filter((w) => w !== word)])];
  return out;
}

/**
 * Index settings, declared in code so every deployment gets the same behaviour (issue 17 §2).
 * The ranking follows the PostgreSQL engine's tiers as far as Meilisearch allows: all words
 * before fewer (searches use matchingStrategy "last": words given up from the end, reported as
 * relaxed/droppedWords), fewer typos, proximity, the field, exactness, and only then the
 * agreement signal (mandatory first), within a tier. `sort` comes last, so the eco-label
 * tie-break (`ecoLabelled:desc`) orders within a tier after the agreement signal, as in
 * PostgreSQL, and never lifts a weaker match; the price sorts therefore order text hits only
 * among equally good ones (Meilisearch has one place for `sort`; without text they order all).
 *
 * Fields: name, item numbers, description, attribute values, manufacturer, and the UNSPSC titles
 * and code last; the name and description with units normalised (nameUnits, descriptionUnits:
 * meili-document.ts) right after each (the English titles only find an item when nothing better does). Typos: one from
 * 5 letters, two from 9 (as torg_expand_words), none on item numbers, GTINs, codes, numbers and
 * the manufacturer ("kontorstl" must not match "Kontorland"). Synonyms: the maintained list
 * (synonyms.ts); an organisation's own groups are applied per search (synonymVariants), as
 * Meilisearch's synonyms belong to the whole index. Joined and split spellings ("wallpaper" /
 * "wall paper") are Meilisearch's own concatenated and split queries. What it cannot do:
 * Norwegian stems and compound parts ("stoler", "stol" in "kontorstol"); its prefix search only
 * covers the start of a word.
 */
export const MEILI_SETTINGS = {
  searchableAttributes: ['name', 'nameUnits', 'sellerItemId', 'gtin', 'description', 'descriptionUnits', 'attributeText', 'manufacturer', 'categoryText', 'unspscCode'],
  filterableAttributes: ['agreementId', 'versionId', 'supplierId', 'segmentCode', 'familyCode', 'classCode', 'unspscCode', 'price', 'attrFacets', 'validFrom', 'validTo'],
  sortableAttributes: ['price', 'name', 'ecoLabelled'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'mandatory:desc', 'sort'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnAttributes: ['sellerItemId', 'gtin', 'unspscCode', 'manufacturer'],
    disableOnNumbers: true,
  },
  synonyms: meiliSynonyms(),
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
} satisfies MeiliSettings;

/** The sort a search sends: a price order, or the eco-label tie-break when the buyer asks for it (relevance order). */
export function meiliSort(query: Pick<SearchQuery, 'sort' | 'preferEcoLabelled'>): string[] | undefined {
  if (query.sort === 'PRICE_ASC') return ['price:asc'];
  if (query.sort === 'PRICE_DESC') return ['price:desc'];
  return query.preferEcoLabelled ? ['ecoLabelled:desc'] : undefined;
}

export { meiliDay };

/**
 * Items valid on `today` (YYYY-MM-DD). Documents indexed before the dates were (no fields) count
 * as valid, as their items had no dates checked then; a reindex gives them theirs.
 */
export const meiliValidOn = (today: string): string => {
  const day = meiliDay(today, 'first');
  return `(validFrom NOT EXISTS OR validFrom <= ${day}) AND (validTo NOT EXISTS OR validTo >= ${day})`;
};

/** Quotes a filter value for Meilisearch's filter syntax. */
export const meiliQuote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * A search's filter in parts (meili-facets.ts): the versions searched (visibility and the
 * agreement filter), validity and price always; the UNSPSC, supplier and attribute filters as
 * their facet groups' clauses.
 */
export function meiliFilters(query: SearchQuery, versionIds: number[]): MeiliFilters {
  const always = [`versionId IN [${versionIds.map(Number).join(', ')}]`, meiliValidOn(query.today ?? osloToday())];
  if (query.priceMin) always.push(`price >= ${Number(query.priceMin)}`);
  if (query.priceMax) always.push(`price <= ${Number(query.priceMax)}`);
  const column = { 1: 'segmentCode', 2: 'familyCode', 3: 'classCode', 4: 'unspscCode' } as const;
  const clause = (g: FacetGroup): string => {
    if (g.kind === 'unspsc') return `(${query.unspsc!.map((c) => `${column[unspscLevel(c)]} = ${meiliQuote(c)}`).join(' OR ')})`;
    if (g.kind === 'supplier') return `supplierId IN [${query.supplierIds!.map(Number).join(', ')}]`;
    return g.filters.map((a) => `attrFacets IN [${a.values.map((v) => meiliQuote(attributeFacet(a.name, v))).join(', ')}]`).join(' AND ');
  };
  return { always, groups: activeFacetGroups(query).map((group) => ({ group, clause: clause(group) })) };
}

/**
 * The Meilisearch engine (when MEILI_HOST is set). Documents are batched, every task is awaited
 * and checked (the client returns failed tasks rather than throwing), and an agreement's new
 * version becomes visible in one step: searches filter on the version recorded as fully indexed.
 */
export class MeilisearchEngine extends ProductSearch {
  readonly engine = 'meilisearch' as const;
  readonly facetValuesCap = MEILI_SETTINGS.faceting.maxValuesPerFacet;
  private clientPromise?: Promise<MeiliClient>;
  private settingsApplied = false;

  constructor(
    private readonly ds: DataSource,
    private readonly host: string,
    private readonly apiKey?: string,
    private readonly indexName = DEFAULT_MEILI_INDEX,
  ) {
    super();
  }

  private client(): Promise<MeiliClient> {
    // The official client is ESM-only; a dynamic import loads it from this CommonJS build.
    this.clientPromise ??= import('meilisearch').then((m) => new m.Meilisearch({ host: this.host, apiKey: this.apiKey }));
    return this.clientPromise;
  }

  private async check(promise: { waitTask: (o?: { timeout?: number }) => Promise<Task> }, what: string) {
    const task = await promise.waitTask({ timeout: TASK_TIMEOUT_MS });
    if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${task.error?.message ?? 'no reason given'}`);
  }

  private async ensureIndex(name = this.indexName) {
    if (this.settingsApplied && name === this.indexName) return;
    const client = await this.client();
    const exists = await client.getIndex(name).then(
      () => true,
      () => false,
    );
    if (!exists) await this.check(client.createIndex(name, { primaryKey: 'id' }), `create ${name}`);
    await this.check(client.index(name).updateSettings(MEILI_SETTINGS), `settings of ${name}`);
    if (name === this.indexName) this.settingsApplied = true;
  }

  /** Deletes this engine's index (the contract tests' teardown: each run has an index of its own). */
  async deleteIndex(): Promise<void> {
    const client = await this.client();
    await client.deleteIndexIfExists(this.indexName);
    this.settingsApplied = false;
  }

  async health() {
    const client = await this.client();
    await client.health();
    return { status: 'up' as const };
  }

  async syncAgreement(agreementId: number): Promise<void> {
    await this.ensureIndex();
    const client = await this.client();
    const index = client.index(this.indexName);
    const [published] = await this.ds.query(`SELECT id FROM catalogue_version WHERE agreement_id = $1 AND status = 'PUBLISHED'`, [agreementId]);
    if (published) await this.addVersionDocuments(this.indexName, published.id);
    // The switch: from now on searches use the new version's documents.
    await this.ds.query(
      `INSERT INTO search_index_state (engine, agreement_id, version_id) VALUES ('meilisearch', $1, $2)
       ON CONFLICT (engine, agreement_id) DO UPDATE SET version_id = EXCLUDED.version_id, indexed_at = now()`,
      [agreementId, published?.id ?? null],
    );
    const keep = published ? ` AND versionId != ${Number(published.id)}` : '';
    await this.check(index.deleteDocuments({ filter: `agreementId = ${Number(agreementId)}${keep}` }), `remove old documents of agreement ${agreementId}`);
  }

  private async addVersionDocuments(indexName: string, versionId: number): Promise<number> {
    const client = await this.client();
    let last = '0';
    let count = 0;
    for (;;) {
      const rows = await this.ds.query(
        `SELECT ci.id::text AS id, cv.id AS "versionId", cv.agreement_id AS "agreementId", cv.supplier_id AS "supplierId", a.mandatory,
                ci.seller_item_id AS "sellerItemId", ci.name, ci.description, ci.unspsc_code AS "unspscCode", ci.price::float8 AS price, ci.price::text AS "priceText",
                ci.currency, ci.vat_rate::text AS "vatRate", ci.unit_code AS "unitCode", ci.gtin, ci.manufacturer, ci.attributes,
                to_char(ci.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(ci.valid_to, 'YYYY-MM-DD') AS "validTo",
                -- the English titles of the item's class and commodity, searchable at low weight
                (SELECT string_agg(u.title, ' ' ORDER BY u.code) FROM unspsc_node u
                  WHERE u.code IN (ci.unspsc_code, substr(ci.unspsc_code, 1, 6) || '00') AND u.code NOT LIKE '____0000') AS "categoryText"
           FROM catalogue_item ci JOIN catalogue_version cv ON cv.id = ci.version_id JOIN agreement a ON a.id = cv.agreement_id
          WHERE ci.version_id = $1 AND ci.id > $2 AND ci.orderable ORDER BY ci.id LIMIT ${BATCH}`,
        [versionId, last],
      );
      if (!rows.length) return count;
      // Lines not orderable by themselves (deposits) are never indexed; the dates are filtered per search.
      const docs = (rows as MeiliSourceRow[]).map(meiliDocument);
      await this.check(client.index(indexName).addDocuments(docs, { primaryKey: 'id' }), `add ${docs.length} documents`);
      count += docs.length;
      last = rows[rows.length - 1].id;
    }
  }

  /** Builds a fresh index and swaps it in, so searches never see a half-built index. */
  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    const client = await this.client();
    await this.ensureIndex();
    const fresh = `${this.indexName}_rebuild`;
    await client.deleteIndexIfExists(fresh);
    await this.ensureIndex(fresh);
    const versions: { id: number; agreement_id: number }[] = await this.ds.query(`SELECT id, agreement_id FROM catalogue_version WHERE status = 'PUBLISHED' ORDER BY agreement_id`);
    let total = 0;
    for (const [i, v] of versions.entries()) {
      total += await this.addVersionDocuments(fresh, v.id);
      onProgress?.(i + 1, versions.length);
    }
    // A swap, not a rename: the index searched keeps its name. The client requires `rename`,
    // which Meilisearch accepts from 1.18 (docker-compose.yml pins a later one).
    await this.check(client.swapIndexes([{ indexes: [this.indexName, fresh], rename: false }]), 'swap indexes');
    await this.ds.transaction(async (m) => {
      await m.query(`DELETE FROM search_index_state WHERE engine = 'meilisearch'`);
      for (const v of versions) await m.query(`INSERT INTO search_index_state (engine, agreement_id, version_id) VALUES ('meilisearch', $1, $2)`, [v.agreement_id, v.id]);
    });
    await this.check(client.deleteIndex(fresh), 'drop old index');
    return total;
  }

  async search(query: SearchQuery, scope: SearchScope): Promise<SearchResult> {
    const empty: SearchResult = { hits: [], totalHits: 0, totalHitsCapped: false, facets: { segment: [], family: [], class: [], supplier: [], attributes: [] }, relaxed: false, droppedWords: [] };
    const agreementIds = query.agreementIds?.length ? scope.agreementIds.filter((id) => query.agreementIds!.includes(id)) : scope.agreementIds;
    if (!agreementIds.length) return empty;
    const states: { version_id: number }[] = await this.ds.query(`SELECT version_id FROM search_index_state WHERE engine = 'meilisearch' AND agreement_id = ANY($1) AND version_id IS NOT NULL`, [
      agreementIds,
    ]);
    if (!states.length) return empty;
    const filters = meiliFilters(
      query,
      states.map((s) => Number(s.version_id)),
    );
    const client = await this.client();
    // Matched words between random markers, made HTML (escaped, with <mark>) below.
    const markers = newHighlightMarkers();
    // Disjunctive facets (meili-facets.ts): the main query counts the facets of groups without a
    // filter; each active group's facet comes from a query without its filter.
    const wantFacets = query.facets !== false;
    const facetNames = mainFacets(filters);
    // Units normalised as in the documents ("27\"" is "27 tommer"); a hit below the threshold is no answer (meiliScoreThreshold).
    const text = meiliQueryText(query.text);
    const params = {
      filter: meiliFilter(filters),
      sort: meiliSort(query),
      attributesToHighlight: ['name', 'description'],
      // All words first, then words given up from the end; the best hit's details say how many matched.
      matchingStrategy: 'last' as const,
      rankingScoreThreshold: meiliScoreThreshold(text),
      showRankingScoreDetails: text.length > 0,
      highlightPreTag: markers.start,
      highlightPostTag: markers.stop,
    };
    const variants = synonymVariants(text, query.synonyms);
    const index = client.index(this.indexName);
    const groupFacets = wantFacets && filters.groups.length ? this.groupFacetCounts([text, ...variants], filters, query.offset + query.limit) : Promise.resolve([]);
    // Awaited after the main query; a failure is not left unhandled if that one fails first.
    groupFacets.catch(() => undefined);
    const [res, best] = variants.length
      ? await this.searchWithSynonyms(client, [text, ...variants], params, query, scope, facetNames).then((r) => [r, r.best] as const)
      : await Promise.all([
          index.search(text, { ...params, offset: query.offset, limit: query.limit, facets: wantFacets ? facetNames : undefined }),
          // Past page 1, whether words were given up is read from page 1's first hit (a later
          // page's first hit may have matched fewer words than the best).
          query.offset > 0 && text
            ? index.search(text, {
                filter: params.filter,
                matchingStrategy: 'last',
                rankingScoreThreshold: params.rankingScoreThreshold,
                showRankingScoreDetails: true,
                attributesToRetrieve: ['id'],
                offset: 0,
                limit: 1,
              })
            : null,
        ]).then(([page, first]) => [page, (first ?? (query.offset > 0 ? null : page))?.hits[0]] as const);
    const mandatory = new Set(scope.mandatoryIds);
    const hits: SearchHit[] = res.hits.map((h) => ({
      itemId: String(h.id),
      agreementId: h.agreementId,
      supplierId: h.supplierId,
      sellerItemId: h.sellerItemId,
      name: h.name,
      description: h.description ?? null,
      unspscCode: h.unspscCode,
      price: h.priceText,
      currency: h.currency,
      vatRate: h.vatRate,
      unitCode: h.unitCode,
      gtin: h.gtin ?? null,
      manufacturer: h.manufacturer ?? null,
      attributes: h.attributes ?? {},
      mandatory: mandatory.has(h.agreementId),
      highlightedName: highlightedHtml(h._formatted?.name ?? h.name, markers),
      highlightedDescription: h.description == null ? null : highlightedHtml(h._formatted?.description ?? h.description, markers),
    }));
    const dist = wantFacets ? mergeDisjunctiveFacets(res.facetDistribution, filters, await groupFacets) : {};
    const list = (name: string) =>
      Object.entries(dist[name] ?? {})
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const attrs = new Map<string, { value: string; count: number }[]>();
    for (const { value, count } of list('attrFacets')) {
      const [name, ...rest] = value.split('=');
      if (!attrs.has(name)) attrs.set(name, []);
      attrs.get(name)!.push({ value: rest.join('='), count });
    }
    const facets: SearchFacets = {
      segment: list('segmentCode'),
      family: list('familyCode'),
      class: list('classCode'),
      supplier: list('supplierId'),
      attributes: [...attrs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => ({ name, values })),
    };
    const total = res.estimatedTotalHits ?? hits.length;
    // Relaxed when even the best hit matched fewer words than the query has: the words given up
    // are the last ones (matchingStrategy "last").
    const { relaxed, droppedWords } = text ? meiliRelaxation(text, best?._rankingScoreDetails?.words as MeiliWordsDetail | undefined) : { relaxed: false, droppedWords: [] };
    return { hits, totalHits: Math.min(total, MAX_TOTAL_HITS), totalHitsCapped: total > MAX_TOTAL_HITS, facets, relaxed, droppedWords };
  }

  /**
   * Each active facet group's counts without its own filter, in the groups' order: one
   * multi-search with a query per group, or with an organisation's synonyms one federated search
   * per group over the typed text and its rewrites (as the main counts are then made).
   */
  private async groupFacetCounts(texts: string[], filters: MeiliFilters, evaluated: number): Promise<(FacetDistribution | undefined)[]> {
    const client = await this.client();
    const asText = (q: string) => ({ q, matchingStrategy: 'last' as const, rankingScoreThreshold: meiliScoreThreshold(q) });
    if (texts.length === 1) return (await client.multiSearch(disjunctiveFacetSearch(this.indexName, asText(texts[0]), filters, evaluated))).results.map((r) => r.facetDistribution);
    const federated = disjunctiveFederatedFacetSearches(this.indexName, texts.map(asText), filters, evaluated);
    return Promise.all(federated.map(async (params) => (await client.multiSearch(params)).facetDistribution));
  }

  /**
   * The organisation's synonyms: the typed text and each rewrite searched side by side, their hits
   * merged as the PostgreSQL engine orders (meili-merge.ts: tier, then the agreement signal), and
   * the count and facets of all of them together from one federated search that returns no hits.
   */
  private async searchWithSynonyms(
    client: MeiliClient,
    texts: string[],
    params: Record<string, unknown>,
    query: SearchQuery,
    scope: SearchScope,
    facetNames: string[],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents as Meilisearch returns them, read as in search()
  ): Promise<{ hits: Record<string, any>[]; best?: MergeableHit; estimatedTotalHits?: number; facetDistribution?: Record<string, Record<string, number>> }> {
    const each = { ...params, showRankingScore: true, showRankingScoreDetails: true };
    const [separate, together] = await Promise.all([
      client.multiSearch({ queries: texts.map((q) => ({ indexUid: this.indexName, q, ...each, rankingScoreThreshold: meiliScoreThreshold(q), offset: 0, limit: query.offset + query.limit })) }),
      client.multiSearch({
        federation: { offset: 0, limit: 0, ...(query.facets === false ? {} : { facetsByIndex: { [this.indexName]: facetNames }, mergeFacets: {} }) },
        queries: texts.map((q) => ({ indexUid: this.indexName, q, filter: params.filter as string, matchingStrategy: 'last' as const, rankingScoreThreshold: meiliScoreThreshold(q) })),
      }),
    ]);
    const merged = mergeSynonymResults(
      separate.results.map((r) => r.hits as MergeableHit[]),
      { mandatoryIds: scope.mandatoryIds, sort: meiliSort(query) },
    );
    return {
      hits: merged.slice(query.offset, query.offset + query.limit),
      // The best of all (page 1's first), which says whether words were given up.
      best: merged[0],
      estimatedTotalHits: together.estimatedTotalHits,
      facetDistribution: together.facetDistribution,
    };
  }
}
