import { Field, Label, Paragraph, Search, Select, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import type { SearchProductsQuery } from '../gql/graphql';
import { FacetPanel } from '../search/Facets';
import { HitCard } from '../search/HitCard';
import { SearchProducts } from '../search/queries';
import { filtersFromParams, paramsFromFilters, searchInput, type SearchFilters, type SearchSortValue } from '../search/search-params';
import { useDebounced } from '../search/useDebounced';

/** Hits per page. */
const PAGE_SIZE = 20;
/**
 * Typing pauses this long before the search runs: short, since results should follow within
 * about 150 ms of the last keystroke (the browser test prints the time it takes).
 */
const DEBOUNCE_MS = 80;

/** The requester's search: as you type, with facets; filters in the URL; paging by cursor. */
export function SearchPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  // What is typed is the page's own state; the URL follows once typing pauses.
  const [typed, setTyped] = useState({ text: filters.text, min: filters.priceMin, max: filters.priceMax });
  const settled = useDebounced(typed, DEBOUNCE_MS);
  const setFilters = (next: SearchFilters, replace = false) => setParams(paramsFromFilters(next), { replace });
  useEffect(() => {
    if (settled.text !== filters.text || settled.min !== filters.priceMin || settled.max !== filters.priceMax) {
      setFilters({ ...filters, text: settled.text, priceMin: settled.min, priceMax: settled.max }, true);
    }
    // Only a settled change of what was typed updates the URL.
  }, [settled]);

  // Cursors of the pages before this one; any change of filters starts again at page 1.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filterKey = params.toString();
  useEffect(() => setCursors([null]), [filterKey]);
  const after = cursors[cursors.length - 1];
  const input = useMemo(() => searchInput(filters, PAGE_SIZE, after), [filters, after]);
  const [result, refetch] = useQuery({ query: SearchProducts, variables: { input } });

  // Keep showing the last answer while the next one loads, so the list does not flash empty.
  const last = useRef<SearchProductsQuery | undefined>(undefined);
  if (result.data) last.current = result.data;
  const data = result.data ?? last.current;
  const search = data?.searchProducts;
  const suppliers = new Map((search?.facets.supplier ?? []).map((s) => [Number(s.value), s.label ?? s.value]));

  // Which text the results on screen answer (tests and the latency figure wait for it).
  const answered = !result.fetching && result.data ? (result.operation?.variables.input.text ?? '') : undefined;
  const countText = search
    ? search.totalCountCapped
      ? t('search.resultsCapped', { count: search.totalCount })
      : search.totalCount
        ? t('search.results', { count: search.totalCount })
        : t('search.noResults')
    : '';
  useEffect(() => {
    if (result.data && !result.fetching) announce(countText);
  }, [result.data, result.fetching]);

  return (
    <div className="torg-search-layout">
      <div className="torg-search-main">
        <PageHeading title={t('search.title')}>{t('search.title')}</PageHeading>
        <form role="search" onSubmit={(e) => e.preventDefault()} className="torg-search-form">
          <Field>
            <Label htmlFor="search-text">{t('search.label')}</Label>
            <Paragraph data-size="sm" id="search-text-description">
              {t('search.description')}
            </Paragraph>
            <Search>
              <Search.Input id="search-text" name="q" aria-describedby="search-text-description" value={typed.text} onChange={(e) => setTyped({ ...typed, text: e.target.value })} autoComplete="off" />
              <Search.Clear onClick={() => setTyped({ ...typed, text: '' })} />
            </Search>
          </Field>
          <Field data-size="sm" className="torg-sort">
            <Label htmlFor="search-sort">{t('search.sort')}</Label>
            <Select id="search-sort" value={filters.sort} onChange={(e) => setFilters({ ...filters, sort: e.target.value as SearchSortValue })}>
              <Select.Option value="RELEVANCE">{t('search.sortRelevance')}</Select.Option>
              <Select.Option value="PRICE_ASC">{t('search.sortPriceAsc')}</Select.Option>
              <Select.Option value="PRICE_DESC">{t('search.sortPriceDesc')}</Select.Option>
            </Select>
          </Field>
        </form>
        {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        <section aria-label={t('search.resultsRegion')} aria-busy={result.fetching} data-testid="search-results" data-fetching={result.fetching ? 'true' : 'false'} data-results-for={answered}>
          <Paragraph className="torg-result-count" data-testid="result-count">
            {result.fetching && <Spinner aria-hidden data-size="xs" />}
            {countText}
          </Paragraph>
          <ol className="torg-plain-list torg-hits">
            {search?.edges.map((e) => (
              <li key={e.node.itemId}>
                <HitCard hit={e.node} supplierName={suppliers.get(e.node.supplierId)} />
              </li>
            ))}
          </ol>
          <CursorPager
            page={cursors.length}
            hasNext={!!search?.pageInfo.hasNextPage}
            onPrevious={() => setCursors(cursors.slice(0, -1))}
            onNext={() => search?.pageInfo.endCursor && setCursors([...cursors, search.pageInfo.endCursor])}
          />
        </section>
      </div>
      <aside className="torg-search-aside">
        <FacetPanel facets={search?.facets} filters={filters} price={{ min: typed.min, max: typed.max }} onChange={(f) => setFilters(f)} onPrice={(p) => setTyped({ ...typed, ...p })} />
      </aside>
    </div>
  );
}
