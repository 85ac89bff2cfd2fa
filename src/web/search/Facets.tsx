import { Button, Checkbox, Fieldset, Textfield } from '@digdir/designsystemet-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchProductsQuery } from '../gql/graphql';
import { parsePrice, toggle, type SearchFilters } from './search-params';
import { UnspscFacet } from './UnspscFacet';
import { attributeLabel } from './attribute-label';

type Facets = SearchProductsQuery['searchProducts']['facets'];
interface Count {
  value: string;
  label?: string | null;
  count: number;
}

/** At most this many values per facet (most common first, as the API orders them). */
const MAX_VALUES = 12;

function CheckboxGroup({ legend, counts, checked, onToggle }: { legend: string; counts: Count[]; checked: (value: string) => boolean; onToggle: (value: string, on: boolean) => void }) {
  // A ticked value stays listed even when the current hits no longer count it.
  const shown = counts.slice(0, MAX_VALUES);
  if (!shown.length) return null;
  return (
    <Fieldset data-size="sm" className="torg-facet">
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {shown.map((c) => (
        <Checkbox key={c.value} value={c.value} checked={checked(c.value)} onChange={(e) => onToggle(c.value, e.target.checked)} label={`${c.label ?? c.value} (${c.count})`} />
      ))}
    </Fieldset>
  );
}

/**
 * The search's filters: UNSPSC (the tree, segment → family → class), supplier, attributes such as eco-label, and
 * price. Prices are typed and applied with the text (debounced by the page).
 */
// Memoised: a keystroke in the search box does not render the facets again.
export const FacetPanel = memo(function FacetPanel({
  facets,
  filters,
  price,
  onChange,
  onPrice,
}: {
  facets: Facets | undefined;
  filters: SearchFilters;
  price: { min: string; max: string };
  onChange: (next: SearchFilters) => void;
  onPrice: (next: { min: string; max: string }) => void;
}) {
  const { t } = useTranslation();
  const unspscToggle = (value: string, on: boolean) => onChange({ ...filters, unspsc: toggle(filters.unspsc, value, on) });
  const priceError = (typed: string) => (typed && !parsePrice(typed) ? t('search.priceInvalid') : undefined);
  const anyFilter = filters.unspsc.length || filters.supplierIds.length || Object.values(filters.attributes).some((v) => v.length) || price.min || price.max;
  return (
    <section aria-labelledby="filters-heading" className="torg-facets">
      <h2 id="filters-heading" className="ds-heading" data-size="xs">
        {t('search.filters')}
      </h2>
      <UnspscFacet chosen={filters.unspsc} onChoose={unspscToggle} />
      <CheckboxGroup
        legend={t('search.supplier')}
        counts={facets?.supplier ?? []}
        checked={(v) => filters.supplierIds.includes(Number(v))}
        onToggle={(v, on) => onChange({ ...filters, supplierIds: toggle(filters.supplierIds, Number(v), on) })}
      />
      {(facets?.attributes ?? []).map((a) => (
        <CheckboxGroup
          key={a.name}
          legend={attributeLabel(a.name, t)}
          counts={a.values}
          checked={(v) => (filters.attributes[a.name] ?? []).includes(v)}
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
      {anyFilter ? (
        <Button
          variant="tertiary"
          data-size="sm"
          onClick={() => {
            onPrice({ min: '', max: '' });
            onChange({ ...filters, unspsc: [], supplierIds: [], attributes: {}, priceMin: '', priceMax: '' });
          }}
        >
          {t('search.clearFilters')}
        </Button>
      ) : null}
    </section>
  );
});
