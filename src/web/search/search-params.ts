/**
 * The search's filters live in the URL (?q=stol&unspsc=44120000&supplier=3&attr=ecolabel:Svanemerket
 * &min=100&max=500&sort=PRICE_ASC), so a search can be bookmarked, shared and reloaded, and the
 * browser's back button undoes a filter. Pure, unit-tested.
 */
export type SearchSortValue = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC';

export interface SearchFilters {
  text: string;
  unspsc: string[];
  supplierIds: number[];
  /** Attribute filters as name → accepted values. */
  attributes: Record<string, string[]>;
  priceMin: string;
  priceMax: string;
  sort: SearchSortValue;
}

const SORTS: SearchSortValue[] = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC'];

export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const attributes: Record<string, string[]> = {};
  for (const pair of params.getAll('attr')) {
    const at = pair.indexOf(':');
    if (at <= 0) continue;
    const name = pair.slice(0, at);
    (attributes[name] ??= []).push(pair.slice(at + 1));
  }
  const sort = params.get('sort') as SearchSortValue | null;
  return {
    text: params.get('q') ?? '',
    unspsc: params.getAll('unspsc').filter((c) => /^\d{8}$/.test(c)),
    supplierIds: params
      .getAll('supplier')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
    attributes,
    priceMin: params.get('min') ?? '',
    priceMax: params.get('max') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'RELEVANCE',
  };
}

export function paramsFromFilters(f: SearchFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.text) p.set('q', f.text);
  f.unspsc.forEach((c) => p.append('unspsc', c));
  f.supplierIds.forEach((s) => p.append('supplier', String(s)));
  for (const [name, values] of Object.entries(f.attributes)) values.forEach((v) => p.append('attr', `${name}:${v}`));
  if (f.priceMin) p.set('min', f.priceMin);
  if (f.priceMax) p.set('max', f.priceMax);
  if (f.sort !== 'RELEVANCE') p.set('sort', f.sort);
  return p;
}

/** A price as typed in Norway ("99,50", "1 200") → the API's decimal string ("99.50", "1200"); null when not a price. */
export function parsePrice(typed: string): string | null {
  const clean = typed.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^\d{1,12}(\.\d{1,2})?$/.test(clean) ? clean : null;
}

/** The API's ProductSearchInput for these filters (prices that are not prices are left out). */
export function searchInput(f: SearchFilters, first: number, after: string | null) {
  const attributes = Object.entries(f.attributes)
    .filter(([, values]) => values.length)
    .map(([name, values]) => ({ name, values }));
  return {
    text: f.text.trim() || undefined,
    unspsc: f.unspsc.length ? f.unspsc : undefined,
    supplierIds: f.supplierIds.length ? f.supplierIds : undefined,
    attributes: attributes.length ? attributes : undefined,
    priceMin: parsePrice(f.priceMin) ?? undefined,
    priceMax: parsePrice(f.priceMax) ?? undefined,
    sort: f.sort,
    first,
    after: after ?? undefined,
  };
}

/** Adds or removes one value of a list (a ticked or unticked checkbox). */
export function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((v) => v !== value);
}
