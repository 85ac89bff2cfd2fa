import type { FacetDistribution, FederatedMultiSearchParams, MultiSearchParams } from 'meilisearch';
import { FacetGroup, facetOfAttribute } from '../facet-groups';

/**
 * Disjunctive facets in Meilisearch (facet-groups.ts says what they count). Meilisearch has no
 * mode for them; its documentation ("Build disjunctive facets") gives the pattern followed here:
 * the main query with every filter returns the hits and the facets of groups without a filter,
 * and one query per active group, in one multi-search, drops that group's filter and asks for
 * that group's facets only. The answers replace the main query's counts of those facets. Pure: the
 * engine sends what these build.
 *
 * A group's query evaluates as many hits as the main query (`evaluated`, only their ids returned),
 * not `limit: 0`: with `rankingScoreThreshold`, Meilisearch stops scoring once more documents than
 * `limit` pass and counts the rest unscored, so a query with no hits would count every candidate
 * and disagree with the main query's total for the same filter.
 */

/** The index's facet fields, as the engine asks for them. */
export const MEILI_FACETS = ['segmentCode', 'familyCode', 'classCode', 'supplierId', 'attrFacets'] as const;

/** A search's filter in parts: the clauses every query keeps, and each active group's own. */
export interface MeiliFilters {
  /** Versions searched (the caller's visibility and the agreement filter), validity, price: always applied. */
  always: string[];
  /** One clause per active group (activeFacetGroups' order). */
  groups: { group: FacetGroup; clause: string }[];
}

/** The filter with every clause, or with every clause but group `except`'s. */
export function meiliFilter(filters: MeiliFilters, except?: number): string {
  return [...filters.always, ...filters.groups.filter((_, i) => i !== except).map((g) => g.clause)].join(' AND ');
}

/** The facet fields a group's facet is counted in (an attribute's values are among all attributes' "name=value"). */
export function groupFacets(group: FacetGroup): string[] {
  if (group.kind === 'unspsc') return ['segmentCode', 'familyCode', 'classCode'];
  if (group.kind === 'supplier') return ['supplierId'];
  return ['attrFacets'];
}

/** The facets the main query counts: all but those a group's query counts alone (attributes are shared, so kept). */
export function mainFacets(filters: MeiliFilters): string[] {
  const replaced = new Set(filters.groups.filter((g) => g.group.kind !== 'attribute').flatMap((g) => groupFacets(g.group)));
  return MEILI_FACETS.filter((f) => !replaced.has(f));
}

/** What every query of one search shares besides its filter: the text and how it matches. */
export interface MeiliTextParams {
  q: string;
  matchingStrategy: 'last';
  rankingScoreThreshold?: number;
}

/** One query per active group, in one multi-search: the group's filter dropped, its facets only, hits as ids. */
export function disjunctiveFacetSearch(indexUid: string, text: MeiliTextParams, filters: MeiliFilters, evaluated: number): MultiSearchParams {
  return {
    queries: filters.groups.map((g, i) => ({ indexUid, ...text, filter: meiliFilter(filters, i), facets: groupFacets(g.group), attributesToRetrieve: ['id'], limit: evaluated })),
  };
}

/**
 * With an organisation's synonyms the counts come from a federated search over the typed text and
 * its rewrites (merged facets count each document once): one such search per active group.
 */
export function disjunctiveFederatedFacetSearches(indexUid: string, texts: MeiliTextParams[], filters: MeiliFilters, evaluated: number): FederatedMultiSearchParams[] {
  return filters.groups.map((g, i) => ({
    federation: { offset: 0, limit: evaluated, facetsByIndex: { [indexUid]: groupFacets(g.group) }, mergeFacets: {} },
    queries: texts.map((text) => ({ indexUid, ...text, filter: meiliFilter(filters, i), attributesToRetrieve: ['id'] })),
  }));
}

/**
 * The main query's counts with each group's facet taken from its own query (answers in the
 * groups' order): the UNSPSC levels and the supplier replaced whole, an attribute's values
 * replaced among the other attributes' (the main query counted them under its own filter).
 */
export function mergeDisjunctiveFacets(main: FacetDistribution | undefined, filters: MeiliFilters, answers: (FacetDistribution | undefined)[]): FacetDistribution {
  const merged: FacetDistribution = { ...(main ?? {}) };
  filters.groups.forEach(({ group }, i) => {
    const answer = answers[i] ?? {};
    if (group.kind !== 'attribute') {
      for (const field of groupFacets(group)) merged[field] = { ...(answer[field] ?? {}) };
      return;
    }
    const keep = Object.entries(merged.attrFacets ?? {}).filter(([facet]) => !facetOfAttribute(facet, group.name));
    const own = Object.entries(answer.attrFacets ?? {}).filter(([facet]) => facetOfAttribute(facet, group.name));
    merged.attrFacets = Object.fromEntries([...keep, ...own]);
  });
  return merged;
}
