import { attributeFacet } from './attribute-facets';
import type { SearchQuery } from './product-search';

/**
 * Disjunctive facets, as shops count them: a facet's values are counted over the hits of every
 * filter but the facet's own, so after ticking supplier A the supplier facet still offers B (with
 * the count a search filtered to B alone would give), and values of one facet can be combined.
 * A group is one facet with the filter that belongs to it:
 * - `unspsc`: the UNSPSC filter, counted by the segment, family and class facets;
 * - `supplier`: the supplier filter and facet;
 * - `attribute`: the filters on one attribute name (as its facets name it) and that attribute's values.
 * The text, the price range, the agreement filter and the caller's visibility always apply (they
 * have no facet). Both engines count by these groups; with no group active nothing changes.
 */
export type FacetGroup = { kind: 'unspsc' } | { kind: 'supplier' } | { kind: 'attribute'; name: string; filters: { name: string; values: string[] }[] };

/** An attribute filter's facet name: the part of its stored facets before the first '=' (attributeFacet). */
export const attributeFacetName = (name: string): string => attributeFacet(name, '').split('=')[0];

/** The groups whose filter the query sets, in a fixed order (UNSPSC, supplier, attributes as first named). */
export function activeFacetGroups(query: Pick<SearchQuery, 'unspsc' | 'supplierIds' | 'attributes'>): FacetGroup[] {
  const groups: FacetGroup[] = [];
  if (query.unspsc?.length) groups.push({ kind: 'unspsc' });
  if (query.supplierIds?.length) groups.push({ kind: 'supplier' });
  const byName = new Map<string, { name: string; values: string[] }[]>();
  for (const filter of query.attributes ?? []) {
    const name = attributeFacetName(filter.name);
    // Two filters naming the same attribute both apply to the hits; its facet leaves both out.
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name)!.push(filter);
  }
  for (const [name, filters] of byName) groups.push({ kind: 'attribute', name, filters });
  return groups;
}

/** Whether a stored "name=value" facet belongs to the attribute a group counts. */
export const facetOfAttribute = (facet: string, name: string): boolean => facet.split('=')[0] === name;
