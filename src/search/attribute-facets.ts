/**
 * How an item's attributes are filtered and counted: one "name=value" facet per attribute, both
 * sides lower-cased, so "Miljømerke: Svanemerket" and a filter on "miljømerke"/"svanemerket"
 * meet. Every engine and every writer uses these, so the stored facets and the filters agree.
 */
export const attributeFacet = (name: string, value: string): string => `${name.toLowerCase()}=${value.toLowerCase()}`;

export const attributeFacets = (attributes: Record<string, unknown> | null | undefined): string[] => Object.entries(attributes ?? {}).map(([name, value]) => attributeFacet(name, String(value)));
