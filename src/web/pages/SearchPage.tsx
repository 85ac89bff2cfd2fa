import { Field, Label, Paragraph, Search, Select, Spinner } from '@digdir/designsystemet-react';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { CursorPager } from '../components/CursorPager';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import type { SearchHitFieldsFragment, SearchProductsQuery } from '../gql/graphql';
import { useFavouriteMarks } from '../favourites/useFavouriteMarks';
import { ActiveFilters } from '../search/ActiveFilters';
import { rememberLabels } from '../search/facet-values';
import { FacetPanel } from '../search/Facets';
import { HitCard } from '../search/HitCard';
import { SearchProducts } from '../search/queries';
import { filtersFromParams, paramsFromFilters, searchInput, type SearchFilters, type SearchSortValue } from '../search/search-params';
import { useDebounced } from '../search/useDebounced';

/** Hits per page. */
const PAGE_SIZE = 20;
/**
 * Typing pauses this long before the search runs: short, since results should follow within
 * about 150 ms of the last keystroke (the browser test prints the time it takes, part by part).
 * Enough to take a burst (a paste, a held key, a fast typist's next letter) as one search; a
 * request still out when the text changes again is abandoned (urql aborts its fetch), and only the
 * answer to the latest text is shown.
 */
const DEBOUNCE_MS = 40;
/** The count of results is announced once the results have stood this long: not once per keystroke. */
const ANNOUNCE_SETTLED_MS = 700;

/**
 * The hits, memoised: a keystroke changes only the typed text, so the list (twenty cards with
 * their forms) is rendered again only when new results arrive, not on every key. Which hits are
 * favourites is asked once for the page (favouritesOfItems), not per card.
 */
const HitList = memo(function HitList({ hits, suppliers }: { hits: readonly SearchHitFieldsFragment[]; suppliers: ReadonlyMap<number, string> }) {
  const marks = useFavouriteMarks(hits.map((h) => h.itemId));
  return (
    <ol className="torg-plain-list torg-hits">
      {hits.map((hit) => (
        <li key={hit.itemId}>
          <HitCard hit={hit} supplierName={suppliers.get(hit.supplierId)} marks={marks} />
        </li>
      ))}
    </ol>
  );
});

/** The requester's search: as you type, with facets; filters in the URL; paging by cursor. */
export function SearchPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  // What is typed is the page's own state (text and prices apart, so typing one leaves the other's
  // components alone); the URL follows once typing pauses.
  const [text, setText] = useState(filters.text);
  const [price, setPrice] = useState({ min: filters.priceMin, max: filters.priceMax });
  const settledText = useDebounced(text, DEBOUNCE_MS);
  const settledPrice = useDebounced(price, DEBOUNCE_MS);
  const setFilters = useCallback((next: SearchFilters, replace = false) => setParams(paramsFromFilters(next), { replace }), [setParams]);
  useEffect(() => {
    if (settledText !== filters.text || settledPrice.min !== filters.priceMin || settledPrice.max !== filters.priceMax) {
      setFilters({ ...filters, text: settledText, priceMin: settledPrice.min, priceMax: settledPrice.max }, true);
    }
    // Only a settled change of what was typed updates the URL.
  }, [settledText, settledPrice]);
  // The URL changed by itself (back, a link): the box follows it.
  useEffect(() => {
    if (filters.text !== settledText) setText(filters.text);
    if (filters.priceMin !== settledPrice.min || filters.priceMax !== settledPrice.max) setPrice({ min: filters.priceMin, max: filters.priceMax });
  }, [filters.text, filters.priceMin, filters.priceMax]);

  // Cursors of the pages before this one; any change of filters starts again at page 1.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filterKey = params.toString();
  useEffect(() => setCursors([null]), [filterKey]);
  const after = cursors[cursors.length - 1];
  // The request starts from the settled text at once, in the render that also moves the URL.
  const current = useMemo(() => ({ ...filters, text: settledText, priceMin: settledPrice.min, priceMax: settledPrice.max }), [filters, settledText, settledPrice]);
  const input = useMemo(() => searchInput(current, PAGE_SIZE, after), [current, after]);
  const [result, refetch] = useQuery({ query: SearchProducts, variables: { input } });

  // Keep showing the last answer while the next one loads, so the list does not flash empty.
  const last = useRef<SearchProductsQuery | undefined>(undefined);
  if (result.data) last.current = result.data;
  const data = result.data ?? last.current;
  const search = data?.searchProducts;
  const facets = search?.facets;
  const suppliers = useMemo(() => new Map((facets?.supplier ?? []).map((s) => [Number(s.value), s.label ?? s.value])), [facets]);
  // Names of suppliers, categories and values seen so far, so a ticked one keeps its name in the
  // facets and the chips when an answer does not list it.
  const seenLabels = useRef(new Map<string, string>());
  const labels = useMemo(() => {
    const next = new Map(seenLabels.current);
    rememberLabels(next, 'supplier', facets?.supplier);
    for (const level of [facets?.segment, facets?.family, facets?.class]) rememberLabels(next, 'unspsc', level);
    for (const a of facets?.attributes ?? []) rememberLabels(next, `attr:${a.name}`, a.values);
    seenLabels.current = next;
    return next;
  }, [facets]);
  // The facets follow the hits in a render of their own: new results reach the screen first.
  const shownFacets = useDeferredValue(facets);
  const hits = useMemo(() => search?.edges.map((e) => e.node) ?? [], [search]);
  const onFacets = useCallback((f: SearchFilters) => setFilters(f), [setFilters]);
  // A chip removed (or all of them): the typed prices follow when a price chip went, and are
  // otherwise left as typed (a price still within its debounce would be lost).
  const onChips = useCallback(
    (f: SearchFilters) => {
      if (f.priceMin !== filters.priceMin || f.priceMax !== filters.priceMax) setPrice({ min: f.priceMin, max: f.priceMax });
      setFilters(f);
    },
    [setFilters, filters.priceMin, filters.priceMax],
  );

  // Which text the results on screen answer (tests and the latency figure wait for it).
  const answered = !result.fetching && result.data ? (result.operation?.variables.input.text ?? '') : undefined;
  const countText = search
    ? search.totalCountCapped
      ? t('search.resultsCapped', { count: search.totalCount })
      : search.totalCount
        ? t('search.results', { count: search.totalCount })
        : t('search.noResults')
    : '';
  // Said once the results stand (typing on takes it back), and replaced by anything said meanwhile.
  useEffect(() => {
    if (result.data && !result.fetching) return announce(countText, { after: ANNOUNCE_SETTLED_MS });
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
              <Search.Input id="search-text" name="q" aria-describedby="search-text-description" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
              <Search.Clear onClick={() => setText('')} />
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
        <ActiveFilters filters={filters} labels={labels} onChange={onChips} focusWhenEmpty="search-text" />
        {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
        <section aria-label={t('search.resultsRegion')} aria-busy={result.fetching} data-testid="search-results" data-fetching={result.fetching ? 'true' : 'false'} data-results-for={answered}>
          <Paragraph className="torg-result-count" data-testid="result-count">
            {result.fetching && <Spinner aria-hidden data-size="xs" />}
            {countText}
          </Paragraph>
          <HitList hits={hits} suppliers={suppliers} />
          <CursorPager
            page={cursors.length}
            hasNext={!!search?.pageInfo.hasNextPage}
            onPrevious={() => setCursors(cursors.slice(0, -1))}
            onNext={() => search?.pageInfo.endCursor && setCursors([...cursors, search.pageInfo.endCursor])}
          />
        </section>
      </div>
      <aside className="torg-search-aside">
        <FacetPanel facets={shownFacets} labels={labels} filters={filters} price={price} onChange={onFacets} onPrice={setPrice} />
      </aside>
    </div>
  );
}
