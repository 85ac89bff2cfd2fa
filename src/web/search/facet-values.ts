/**
 * What the facets offer and which filters are on, pure and unit-tested. The server counts each
 * facet disjunctively (a facet's counts ignore that facet's own filter), so ticking one supplier
 * leaves the others listed with the hits each would add: values of one facet combine with OR,
 * facets with AND. A ticked value stays listed even when the answer no longer counts it (cut off
 * below the top values, or counted 0), so it can always be unticked where it was ticked.
 */
import { parsePrice, type SearchFilters } from './search-params';

export interface FacetValueCount {
  value: string;
  label?: string | null;
  count: number;
}

/** The values a facet offers: the top `max` as counted, then any ticked value not among them. */
export function offeredValues(counts: readonly FacetValueCount[], chosen: readonly string[], max: number, labelOf: (value: string) => string | undefined = () => undefined): FacetValueCount[] {
  const shown = counts.slice(0, max);
  const missing = chosen.filter((v) => !shown.some((c) => c.value === v));
  return [...shown, ...missing.map((v) => counts.find((c) => c.value === v) ?? { value: v, label: labelOf(v) ?? null, count: 0 })];
}

/** Attribute facets as counted, plus a facet for each attribute filtered on that the answer no longer counts. */
export function offeredAttributes<A extends { name: string; values: readonly FacetValueCount[] }>(
  counted: readonly A[],
  chosen: Record<string, string[]>,
): { name: string; values: readonly FacetValueCount[] }[] {
  const extra = Object.entries(chosen)
    .filter(([name, values]) => values.length && !counted.some((a) => a.name === name))
    .map(([name]) => ({ name, values: [] as FacetValueCount[] }));
  return [...counted, ...extra];
}

/**
 * Labels seen in answers (supplier names, UNSPSC titles), kept for the page's life so a ticked
 * value keeps its name when a later answer does not list it. Keys are the prefix and the value:
 * "supplier:3", "unspsc:44120000", "attr:ecolabel:svanemerket".
 */
export function rememberLabels(labels: Map<string, string>, prefix: string, values: readonly FacetValueCount[] | undefined): void {
  for (const v of values ?? []) if (v.label) labels.set(`${prefix}:${v.value}`, v.label);
}

export type ActiveFilterKind = 'category' | 'supplier' | 'attribute' | 'priceMin' | 'priceMax';

/** One filter that is on, as a removable chip: what it is, its value for display, and the filters without it. */
export interface ActiveFilter {
  key: string;
  kind: ActiveFilterKind;
  /** The attribute's name (kind 'attribute'). */
  attribute?: string;
  /** The value as shown: a supplier's name, a category's title, an attribute value, a price as the API takes it. */
  value: string;
  without: SearchFilters;
}

/** Every filter that is on (not the text or the sort), in the order of the facet panel. Prices that are not prices are not applied, so not listed. */
export function activeFilters(f: SearchFilters, labels: ReadonlyMap<string, string>): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const code of f.unspsc) {
    out.push({ key: `unspsc:${code}`, kind: 'category', value: labels.get(`unspsc:${code}`) ?? code, without: { ...f, unspsc: f.unspsc.filter((c) => c !== code) } });
  }
  for (const id of f.supplierIds) {
    out.push({ key: `supplier:${id}`, kind: 'supplier', value: labels.get(`supplier:${id}`) ?? String(id), without: { ...f, supplierIds: f.supplierIds.filter((s) => s !== id) } });
  }
  for (const [name, values] of Object.entries(f.attributes)) {
    for (const v of values) {
      out.push({
        key: `attr:${name}:${v}`,
        kind: 'attribute',
        attribute: name,
        value: labels.get(`attr:${name}:${v}`) ?? v,
        without: { ...f, attributes: { ...f.attributes, [name]: values.filter((x) => x !== v) } },
      });
    }
  }
  const min = parsePrice(f.priceMin);
  if (min) out.push({ key: 'min', kind: 'priceMin', value: min, without: { ...f, priceMin: '' } });
  const max = parsePrice(f.priceMax);
  if (max) out.push({ key: 'max', kind: 'priceMax', value: max, without: { ...f, priceMax: '' } });
  return out;
}

/** The filters with every facet and price filter off; the text and the sort stay. */
export function withoutFilters(f: SearchFilters): SearchFilters {
  return { ...f, unspsc: [], supplierIds: [], attributes: {}, priceMin: '', priceMax: '' };
}
