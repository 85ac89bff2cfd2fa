import type { SuggestionItem } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { InsightOrganisationName, InsightOrganisationsQuery, UnspscSegmentsQuery } from './queries';
import { ServerSuggestion } from './ServerSuggestion';

/** Pause after the last key before asking the server (ms). */
export const TYPING_PAUSE = 200;

/** `set` called once typing pauses, with the last text typed. */
function useAfterPause(set: (text: string) => void): (text: string) => void {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (text) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => set(text.trim()), TYPING_PAUSE);
  };
}

/** Pages of a connection fetched one after another for the same search, kept together. */
function usePages<T>(search: string) {
  const [after, setAfter] = useState<string | null>(null);
  const [pages, setPages] = useState<{ cursor: string | null; items: T[] }[]>([]);
  // A new search starts from its first page.
  useEffect(() => {
    setAfter(null);
    setPages([]);
  }, [search]);
  const take = (cursor: string | null, items: T[]) => setPages((p) => [...p.filter((x) => x.cursor !== cursor), { cursor, items }]);
  return { after, setAfter, items: pages.flatMap((p) => p.items), take };
}

const orgLabel = (o: { name: string; orgNumber: string }) => `${o.name} (${o.orgNumber})`;

/**
 * The organisation (with those below it) a report is narrowed to: searched on the server by name
 * or organisation number (insightOrganisations, the caller's scope only), twenty at a time.
 */
export function OrganisationPicker({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const typed = useAfterPause(setSearch);
  const pages = usePages<SuggestionItem>(search);
  const [result] = useQuery({ query: InsightOrganisationsQuery, variables: { search: search || null, after: pages.after } });
  const connection = result.data?.insightOrganisations;
  useEffect(() => {
    if (connection)
      pages.take(
        pages.after,
        connection.edges.map(({ node }) => ({ value: String(node.id), label: orgLabel(node) })),
      );
  }, [connection]);
  // The one the address names, by name (it may be on no page fetched).
  const [named] = useQuery({ query: InsightOrganisationName, variables: { id: value ?? 0 }, pause: value === null });
  const [chosen, setChosen] = useState<SuggestionItem | null>(null);
  const selected =
    value === null ? null : chosen?.value === String(value) ? chosen : named.data ? { value: String(value), label: orgLabel(named.data.organisation) } : { value: String(value), label: String(value) };
  return (
    <>
      <ServerSuggestion
        id="dashboard-org"
        testId="organisation-picker"
        label={t('purchasing.dashboards.organisation')}
        selected={selected}
        onSelect={(item) => {
          setChosen(item);
          onChange(item ? Number(item.value) : null);
          // Cleared: the list offers every organisation again, not the last search's answers.
          if (!item) setSearch('');
        }}
        options={pages.items}
        onSearch={typed}
        searched={search}
        totalCount={connection?.totalCount ?? null}
        hasMore={!!connection?.pageInfo.hasNextPage}
        onMore={() => pages.setAfter(connection?.pageInfo.endCursor ?? null)}
        fetching={result.fetching}
      />
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} />}
    </>
  );
}

/**
 * The UNSPSC segment a report is narrowed to. Segments are the code set's top level (some 55):
 * every page is fetched from the server (none left out, however many), and the list filters in
 * the browser as the user types. Deliberately not a server search like the organisations: the
 * whole list is one small request (about 3 KB) made once, and filtering 55 fixed items here
 * answers every key at once, with no pause, no request per word, no "loading" and no paging, and
 * the list can be browsed whole before typing (a user often does not know the segment's name,
 * only what it is near). A server search pays off for the organisations because a purchasing
 * unit may see thousands; the segments do not grow with the tenant.
 */
export function SegmentPicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const pages = usePages<SuggestionItem>('');
  const [result] = useQuery({ query: UnspscSegmentsQuery, variables: { after: pages.after } });
  const connection = result.data?.unspscChildren;
  useEffect(() => {
    if (!connection) return;
    pages.take(
      pages.after,
      connection.edges.map(({ node }) => ({ value: node.code, label: `${node.code.slice(0, 2)} ${node.title}` })),
    );
    if (connection.pageInfo.hasNextPage) pages.setAfter(connection.pageInfo.endCursor ?? null);
  }, [connection]);
  const selected = value ? (pages.items.find((o) => o.value === value) ?? { value, label: value.slice(0, 2) }) : null;
  return (
    <>
      <ServerSuggestion
        id="dashboard-segment"
        testId="segment-picker"
        label={t('purchasing.dashboards.segment')}
        selected={selected}
        onSelect={(item) => onChange(item?.value ?? '')}
        options={pages.items}
        onSearch={() => undefined}
        totalCount={null}
        hasMore={false}
        onMore={() => undefined}
        fetching={result.fetching}
        filterHere
      />
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} />}
    </>
  );
}
