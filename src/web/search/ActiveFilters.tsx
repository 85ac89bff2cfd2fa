import { Button, Chip } from '@digdir/designsystemet-react';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format/format';
import { activeFilters, withoutFilters, type ActiveFilter } from './facet-values';
import type { SearchFilters } from './search-params';
import { attributeLabel } from './attribute-label';
import { chipToFocus } from './chip-focus';

/**
 * The filters that are on, above the results: one removable chip each ("Leverandør: Kontorland AS"),
 * named "Fjern filteret …" for a screen reader, and a button that removes them all. A removed
 * chip's neighbour takes the focus (the search box when none is left), so the keyboard does not
 * fall back to the top of the page.
 */
export const ActiveFilters = memo(function ActiveFilters({
  filters,
  labels,
  onChange,
  focusWhenEmpty,
}: {
  filters: SearchFilters;
  labels: ReadonlyMap<string, string>;
  onChange: (next: SearchFilters) => void;
  /** The element's id that takes the focus when the last filter is removed. */
  focusWhenEmpty: string;
}) {
  const { t } = useTranslation();
  const chips = activeFilters(filters, labels);
  const list = useRef<HTMLUListElement>(null);
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    if (focusAt.current === null) return;
    const buttons = list.current?.querySelectorAll('button');
    const at = chipToFocus(focusAt.current, buttons?.length ?? 0);
    const next = at === null ? document.getElementById(focusWhenEmpty) : buttons?.[at];
    focusAt.current = null;
    next?.focus();
  }, [chips.length]);
  if (!chips.length) return null;
  const text = (c: ActiveFilter): string => {
    switch (c.kind) {
      case 'category':
        return `${t('search.categoryShort')}: ${c.value}`;
      case 'supplier':
        return `${t('search.supplier')}: ${c.value}`;
      case 'attribute':
        return `${attributeLabel(c.attribute ?? '', t)}: ${c.value}`;
      case 'priceMin':
        return t('search.priceFrom', { amount: formatMoney(c.value) });
      case 'priceMax':
        return t('search.priceTo', { amount: formatMoney(c.value) });
    }
  };
  return (
    <section aria-label={t('search.activeFilters')} className="torg-active-filters" data-testid="active-filters">
      <ul ref={list} className="torg-plain-list torg-chips">
        {chips.map((c, i) => (
          <li key={c.key}>
            <Chip.Removable
              data-size="sm"
              aria-label={t('search.removeFilter', { filter: text(c) })}
              onClick={() => {
                focusAt.current = i;
                onChange(c.without);
              }}
            >
              {text(c)}
            </Chip.Removable>
          </li>
        ))}
      </ul>
      <Button
        variant="tertiary"
        data-size="sm"
        onClick={() => {
          focusAt.current = 0;
          onChange(withoutFilters(filters));
        }}
      >
        {t('search.clearFilters')}
      </Button>
    </section>
  );
});
