import { Checkbox, Fieldset, Textfield } from '@digdir/designsystemet-react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchProductsQuery } from '../gql/graphql';
import { offeredAttributes, offeredValues, type FacetValueCount } from './facet-values';
import { parsePrice, toggle, type SearchFilters } from './search-params';
import { UnspscFacet } from './UnspscFacet';
import { attributeLabel } from './attribute-label';
import { treeCounts } from './unspsc-tree';

type Facets = SearchProductsQuery['searchProducts']['facets'];

/** At most this many values per facet (most common first, as the API orders them), and any ticked one besides. */
const MAX_VALUES = 12;

/**
 * One facet's values as checkboxes. Ticking more than one widens the search (either value); the
 * server counts a facet without its own filter, so each count is what ticking that value would
 * add or keep, and the unticked values stay offered.
 */
function CheckboxGroup({
  legend,
  counts,
  chosen,
  labelOf,
  onToggle,
}: {
  legend: string;
  counts: readonly FacetValueCount[];
  chosen: readonly string[];
  labelOf: (value: string) => string | undefined;
  onToggle: (value: string, on: boolean) => void;
}) {
  const shown = offeredValues(counts, chosen, MAX_VALUES, labelOf);
  if (!shown.length) return null;
  return (
    <Fieldset data-size="sm" className="torg-facet">
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {shown.map((c) => (
        <Checkbox key={c.value} value={c.value} checked={chosen.includes(c.value)} onChange={(e) => onToggle(c.value, e.target.checked)} label={`${c.label ?? c.value} (${c.count})`} />
      ))}
    </Fieldset>
  );
}

/**
 * The search's filters: UNSPSC (the tree, segment → family → class), supplier, attributes such as eco-label, and
 * price. Prices are typed and applied with the text (debounced by the page). Values of one facet
 * combine with OR, facets with AND; the filters that are on are listed, each removable, above the
 * results (ActiveFilters).
 */
// Memoised: a keystroke in the search box does not render the facets again.
export const FacetPanel = memo(function FacetPanel({
  facets,
  labels,
  filters,
  price,
  onChange,
  onPrice,
}: {
  facets: Facets | undefined;
  /** Labels seen in earlier answers (see rememberLabels), for a ticked value this answer does not list. */
  labels: ReadonlyMap<string, string>;
  filters: SearchFilters;
  price: { min: string; max: string };
  onChange: (next: SearchFilters) => void;
  onPrice: (next: { min: string; max: string }) => void;
}) {
  const { t } = useTranslation();
  const unspscToggle = (value: string, on: boolean) => onChange({ ...filters, unspsc: toggle(filters.unspsc, value, on) });
  const priceError = (typed: string) => (typed && !parsePrice(typed) ? t('search.priceInvalid') : undefined);
  const tree = useMemo(() => treeCounts(facets), [facets]);
  return (
    <section aria-labelledby="filters-heading" className="torg-facets">
      <h2 id="filters-heading" className="ds-heading" data-size="xs">
        {t('search.filters')}
      </h2>
      <UnspscFacet chosen={filters.unspsc} onChoose={unspscToggle} counts={tree} />
      <CheckboxGroup
        legend={t('search.supplier')}
        counts={facets?.supplier ?? []}
        chosen={filters.supplierIds.map(String)}
        labelOf={(v) => labels.get(`supplier:${v}`)}
        onToggle={(v, on) => onChange({ ...filters, supplierIds: toggle(filters.supplierIds, Number(v), on) })}
      />
      {offeredAttributes(facets?.attributes ?? [], filters.attributes).map((a) => (
        <CheckboxGroup
          key={a.name}
          legend={attributeLabel(a.name, t)}
          counts={a.values}
          chosen={filters.attributes[a.name] ?? []}
          labelOf={(v) => labels.get(`attr:${a.name}:${v}`)}
          onToggle={(v, on) => onChange({ ...filters, attributes: { ...filters.attributes, [a.name]: toggle(filters.attributes[a.name] ?? [], v, on) } })}
        />
      ))}
      <Fieldset data-size="sm" className="torg-facet">
        <Fieldset.Legend>{t('search.price')}</Fieldset.Legend>
        <div className="torg-price-range">
          <Textfield label={t('search.priceMin')} inputMode="decimal" value={price.min} onChange={(e) => onPrice({ ...price, min: e.target.value })} error={priceError(price.min)} />
          <Textfield label={t('search.priceMax')} inputMode="decimal" value={price.max} onChange={(e) => onPrice({ ...price, max: e.target.value })} error={priceError(price.max)} />
        </div>
      </Fieldset>
    </section>
  );
});
