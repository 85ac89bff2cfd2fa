import type { SynonymGroup } from './engines/search-text';

/**
 * The search port. Two engines implement it (PostgreSQL, Meilisearch); one contract test-suite
 * (test/search-contract.ts) runs against each engine available.
 */

export type SearchSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC';

export interface SearchQuery {
  text?: string;
  /** UNSPSC codes at any level; an item matches when it lies under any of them. */
  unspsc?: string[];
  supplierIds?: number[];
  agreementIds?: number[];
  priceMin?: string;
  priceMax?: string;
  /** Attribute filters: every named attribute must have one of the listed values. */
  attributes?: { name: string; values: string[] }[];
  sort?: SearchSort;
  offset: number;
  limit: number;
  /** Whether to count facets (they cost a pass over all hits); false gives empty facets. */
  facets?: boolean;
  /**
   * The day (YYYY-MM-DD, Oslo) items' own validity is checked against: an item is found only
   * from its valid-from date to its valid-to date. Today when absent.
   */
  today?: string;
  /**
   * Break ties within a ranking tier (and after the agreement signal) towards eco-labelled items
   * (catalogues/eco-label.ts); never lifts an item above one of a better tier. Relevance order only.
   */
  preferEcoLabelled?: boolean;
  /** The searcher's organisation's own synonym groups (folded), applied beside the maintained list. */
  synonyms?: SynonymGroup[];
}

/** Which agreements the caller may see, and which of them are mandatory for the caller. */
export interface SearchScope {
  agreementIds: number[];
  mandatoryIds: number[];
}

export interface SearchHit {
  itemId: string;
  agreementId: number;
  supplierId: number;
  sellerItemId: string;
  name: string;
  description: string | null;
  unspscCode: string;
  price: string;
  currency: string;
  vatRate: string;
  unitCode: string;
  gtin: string | null;
  manufacturer: string | null;
  attributes: Record<string, string>;
  mandatory: boolean;
  /** Name and description as HTML: the text escaped, matched words in <mark>…</mark> (see highlight.ts). */
  highlightedName: string;
  highlightedDescription: string | null;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchFacets {
  segment: FacetValue[];
  family: FacetValue[];
  class: FacetValue[];
  supplier: FacetValue[];
  attributes: { name: string; values: FacetValue[] }[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching items, counted up to MAX_TOTAL_HITS. */
  totalHits: number;
  /** True when there are more than MAX_TOTAL_HITS matches (totalHits is then a lower bound). */
  totalHitsCapped: boolean;
  facets: SearchFacets;
  /** True when no item matched every word of the text, and words were given up from the end to find any. */
  relaxed: boolean;
  /** The words (or synonym phrases) given up, in query order; empty unless relaxed. */
  droppedWords: string[];
  /**
   * The generation of the organisations' synonym groups (search_generation) the engine saw as the
   * search began; SearchService searches again when the searcher's groups changed since it read
   * them. Left out by an engine that reads no database first (Meilisearch).
   */
  synonymsGeneration?: number;
}

/** Like Meilisearch's maxTotalHits: counting stops here so broad queries stay fast. */
export const MAX_TOTAL_HITS = 1000;

/** Every engine applies catalogue changes per agreement and can rebuild from the database. */
export abstract class ProductSearch {
  abstract readonly engine: 'postgres' | 'meilisearch';
  /** The most values a facet lists (its most common ones): a list this long may have been cut. */
  abstract readonly facetValuesCap: number;
  abstract health(): Promise<{ status: 'up' | 'down'; error?: string }>;
  /** Makes the index hold exactly the items of the agreement's published version (none if there is none). */
  abstract syncAgreement(agreementId: number): Promise<void>;
  /** Rebuilds the whole index from the database; returns the number of items indexed. */
  abstract rebuild(onProgress?: (done: number, total: number) => void): Promise<number>;
  abstract search(query: SearchQuery, scope: SearchScope): Promise<SearchResult>;
  /** Periodic clean-up the engine needs besides syncing (the indexer calls it); nothing by default. */
  async housekeeping(): Promise<void> {}
}
