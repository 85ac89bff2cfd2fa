import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { unspscRange } from '../../classification/unspsc-code';
import { MAX_TOTAL_HITS, ProductSearch, SearchFacets, SearchHit, SearchQuery, SearchResult, SearchScope } from '../product-search';
import { preparedQuery } from '../../platform/database/prepared-query';
import { buildTsQuery, queryWords, WordGroup } from './search-text';

/** The SELECT list that turns catalogue rows into search rows (shared by sync and rebuild). */
export const PROJECTION_SQL = `
  SELECT ci.id, cv.id, cv.agreement_id, cv.supplier_id, ci.seller_item_id, ci.name, ci.description, ci.unspsc_code,
         substr(ci.unspsc_code, 1, 2) || '000000',
         CASE WHEN ci.unspsc_code LIKE '__000000' THEN NULL ELSE substr(ci.unspsc_code, 1, 4) || '0000' END,
         CASE WHEN ci.unspsc_code LIKE '____0000' THEN NULL ELSE substr(ci.unspsc_code, 1, 6) || '00' END,
         ci.price, ci.currency, ci.vat_rate, ci.unit_code, ci.gtin, ci.manufacturer, ci.attributes,
         coalesce((SELECT array_agg(lower(k) || '=' || lower(v)) FROM jsonb_each_text(ci.attributes) AS a(k, v)), '{}')
    FROM catalogue_item ci
    JOIN catalogue_version cv ON cv.id = ci.version_id AND cv.status = 'PUBLISHED'`;

const INSERT_SQL = `INSERT INTO search_item (item_id, version_id, agreement_id, supplier_id, seller_item_id, name, description, unspsc_code,
  segment_code, family_code, class_code, price, currency, vat_rate, unit_code, gtin, manufacturer, attributes, attr_facets)`;

/**
 * Adds the words of names, descriptions and manufacturers to the word list; returns how many were
 * new. They are the document's 'simple' lexemes (weights B and D), so no text is parsed twice.
 * Sorted, so concurrent indexers insert in the same order and wait for each other instead of
 * deadlocking.
 */
const WORDS_SQL = (where: string) => `
  WITH added AS (
    INSERT INTO search_word (word)
    SELECT w FROM (
      SELECT DISTINCT w FROM search_item s, unnest(tsvector_to_array(ts_filter(s.doc, '{b,d}'))) AS w WHERE ${where}) x
     WHERE length(w) >= 3 AND w ~ '^[a-z0-9]*[a-z][a-z0-9]*$' AND NOT EXISTS (SELECT 1 FROM search_word k WHERE k.word = x.w)
     ORDER BY w
    ON CONFLICT DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS n FROM added`;

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

  constructor(private readonly ds: DataSource) {
    super();
  }

  async health() {
    await this.ds.query('SELECT 1 FROM search_item LIMIT 1');
    return { status: 'up' as const };
  }

  async syncAgreement(agreementId: number): Promise<void> {
    // One transaction: readers see the old rows or the new ones, never a mix.
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM search_item WHERE agreement_id = $1', [agreementId]);
      await m.query(`${INSERT_SQL} ${PROJECTION_SQL} WHERE cv.agreement_id = $1`, [agreementId]);
      // New entries wait in the GIN indexes' pending lists, which every search reads linearly
      // until autovacuum merges them (a freshly published agreement searched ~1.5× slower): merge now.
      await m.query(
        `SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
          WHERE am.amname = 'gin' AND i.indrelid = (SELECT tableoid FROM search_item WHERE agreement_id = $1 LIMIT 1)`,
        [agreementId],
      );
      const [{ n }] = await m.query(WORDS_SQL('s.agreement_id = $1'), [agreementId]);
      // New words can be expansions of words looked up before: forget remembered expansions.
      if (n > 0) await m.query('DELETE FROM search_word_expansion');
    });
  }

  async rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    return this.ds.transaction(async (m) => {
      const agreements: { agreement_id: number }[] = await m.query(`SELECT agreement_id FROM catalogue_version WHERE status = 'PUBLISHED' ORDER BY agreement_id`);
      await m.query('TRUNCATE search_item, search_word, search_word_expansion');
      let done = 0;
      for (const { agreement_id } of agreements) {
        await m.query(`${INSERT_SQL} ${PROJECTION_SQL} WHERE cv.agreement_id = $1`, [agreement_id]);
        onProgress?.(++done, agreements.length);
      }
      await m.query(WORDS_SQL('true'));
      const [{ n }] = await m.query('SELECT count(*)::int AS n FROM search_item');
      return n;
    }).then(async (n) => {
      await this.ds.query('ANALYZE search_item');
      await this.ds.query('ANALYZE search_word');
      return n;
    });
  }

  /** For each query word, the index words it may stand for. */
  private async expand(m: EntityManager, words: string[]): Promise<WordGroup[]> {
    const textWords = words.filter((w) => w.length >= 2 && !/^\d+$/.test(w));
    const expansions = new Map<string, string[]>();
    if (textWords.length) {
      const rows: { word: string; expansions: string[] }[] = await m.query('SELECT word, expansions FROM torg_expand_words($1::text[], $2)', [textWords, EXPANSIONS_PER_WORD]);
      for (const r of rows) expansions.set(r.word, r.expansions);
    }
    return words.map((word) => ({ word, expansions: expansions.get(word) ?? [] }));
  }

  async search(query: SearchQuery, scope: SearchScope): Promise<SearchResult> {
    const empty: SearchResult = { hits: [], totalHits: 0, totalHitsCapped: false, facets: { segment: [], family: [], class: [], supplier: [], attributes: [] } };
    if (!scope.agreementIds.length) return empty;
    const m = this.ds.manager;
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const agreementIds = query.agreementIds?.length ? scope.agreementIds.filter((id) => query.agreementIds!.includes(id)) : scope.agreementIds;
    if (!agreementIds.length) return empty;
    const agreementsRef = p(agreementIds);
    const where: string[] = [`s.agreement_id = ANY(${agreementsRef}::int[])`];
    let tsq: string | null = null;
    let tsqRef = '';
    const words = query.text ? queryWords(query.text) : [];
    if (words.length) {
      tsq = buildTsQuery(await this.expand(m, words));
      if (!tsq) return empty;
      tsqRef = p(tsq);
      where.push(`s.doc @@ to_tsquery('simple', ${tsqRef})`);
    }
    if (query.unspsc?.length) {
      // A node covers the codes that start with its prefix: one range each on the (agreement, code) index.
      const ranges = query.unspsc.map(unspscRange);
      where.push(`(${ranges.map(([lo, hi]) => `s.unspsc_code BETWEEN ${p(lo)}::char(8) AND ${p(hi)}::char(8)`).join(' OR ')})`);
    }
    if (query.supplierIds?.length) where.push(`s.supplier_id = ANY(${p(query.supplierIds)}::int[])`);
    if (query.priceMin) where.push(`s.price >= ${p(query.priceMin)}::numeric`);
    if (query.priceMax) where.push(`s.price <= ${p(query.priceMax)}::numeric`);
    for (const attr of query.attributes ?? []) {
      const values = attr.values.map((v) => `${attr.name.toLowerCase()}=${v.toLowerCase()}`);
      where.push(`s.attr_facets && ${p(values)}::text[]`);
    }
    const whereSql = where.join(' AND ');
    const relevance = query.sort !== 'PRICE_ASC' && query.sort !== 'PRICE_DESC';
    // Item numbers and GTINs are in the document too; one typed as written is ranked first.
    const typed = tsq && relevance ? p(query.text!.trim().toLowerCase()) : '';
    const exact = typed ? `(lower(s.seller_item_id) = ${typed} OR s.gtin = ${typed})` : 'false';
    const rank = tsq && relevance ? `ts_rank(s.doc, to_tsquery('simple', ${tsqRef}))` : '0::real';
    const mandatoryRef = p(scope.mandatoryIds);
    const order = (h: string) =>
      query.sort === 'PRICE_ASC' ? `${h}.price ASC, ${h}.item_id` : query.sort === 'PRICE_DESC' ? `${h}.price DESC, ${h}.item_id` : `${h}.mandatory DESC, ${h}.exact DESC, ${h}.rank DESC, ${h}.name, ${h}.item_id`;
    const headline = (col: string) =>
      tsq ? `ts_headline('simple', ${col}, to_tsquery('simple', ${tsqRef}), 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')` : col;
    const wantFacets = query.facets !== false;

    // One pass over the hits: they are collected once (keys, sort keys, facet columns), the page
    // is cut from them and joined back for its display columns, and facets and the total are
    // counted from the same rows. Without facets, the total is counted only up to the cap.
    const [row] = await preparedQuery<{ hits: SearchHit[]; facets: FacetRow[] | null; total: number }>(
      this.ds,
      `WITH hits AS MATERIALIZED (
         SELECT s.item_id, s.agreement_id, s.name, s.price, s.agreement_id = ANY(${mandatoryRef}::int[]) AS mandatory, ${exact} AS exact, ${rank} AS rank
                ${wantFacets ? ', s.segment_code, s.family_code, s.class_code, s.supplier_id, s.attr_facets' : ''}
           FROM search_item s WHERE ${whereSql}),
       page AS (SELECT h.item_id, h.agreement_id, h.name, h.price, h.mandatory, h.exact, h.rank FROM hits h ORDER BY ${order('h')} OFFSET ${p(query.offset)} LIMIT ${p(query.limit)})
       SELECT
         (SELECT coalesce(json_agg(x.hit ORDER BY ${order('x')}), '[]') FROM (
            SELECT pg.*, json_build_object('itemId', s.item_id::text, 'agreementId', s.agreement_id, 'supplierId', s.supplier_id, 'sellerItemId', s.seller_item_id,
                   'name', s.name, 'description', s.description, 'unspscCode', s.unspsc_code, 'price', s.price::text, 'currency', s.currency, 'vatRate', s.vat_rate::text,
                   'unitCode', s.unit_code, 'gtin', s.gtin, 'manufacturer', s.manufacturer, 'attributes', s.attributes, 'mandatory', pg.mandatory,
                   'highlightedName', ${headline('s.name')}, 'highlightedDescription', CASE WHEN s.description IS NULL THEN NULL ELSE ${headline('s.description')} END) AS hit
              FROM page pg JOIN search_item s ON s.item_id = pg.item_id AND s.agreement_id = pg.agreement_id
             WHERE s.agreement_id = ANY(${agreementsRef}::int[])) x) AS hits,
         ${wantFacets ? `(SELECT json_agg(f) FROM (${FACETS_SQL}) f)` : 'NULL'} AS facets,
         ${wantFacets ? '(SELECT count(*)::int FROM hits)' : `(SELECT count(*)::int FROM (SELECT 1 FROM hits LIMIT ${MAX_TOTAL_HITS + 1}) c)`} AS total`,
      params,
    );
    const facets = row.facets ? facetsFrom(row.facets) : empty.facets;
    return { hits: row.hits, totalHits: Math.min(row.total, MAX_TOTAL_HITS), totalHitsCapped: row.total > MAX_TOTAL_HITS, facets };
  }
}

interface FacetRow {
  facet: string;
  value: string;
  count: number;
}

/** Facet counts over the `hits` CTE: UNSPSC levels and supplier as grouping sets, attributes unnested; the top FACET_LIMIT of each. */
const FACETS_SQL = `
  WITH grouped AS (
    SELECT CASE WHEN GROUPING(segment_code) = 0 THEN 'segment' WHEN GROUPING(family_code) = 0 THEN 'family'
                WHEN GROUPING(class_code) = 0 THEN 'class' ELSE 'supplier' END AS facet,
           coalesce(segment_code, family_code, class_code, supplier_id::text) AS value, count(*)::int AS count
      FROM hits GROUP BY GROUPING SETS ((segment_code), (family_code), (class_code), (supplier_id))
    UNION ALL
    SELECT 'attr', a, count(*)::int FROM hits, unnest(attr_facets) AS a GROUP BY a),
  ranked AS (SELECT *, row_number() OVER (PARTITION BY facet, CASE WHEN facet = 'attr' THEN split_part(value, '=', 1) END ORDER BY count DESC, value) AS r
               FROM grouped WHERE value IS NOT NULL)
  SELECT facet, value, count FROM ranked WHERE r <= ${FACET_LIMIT} ORDER BY facet, count DESC, value`;

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
