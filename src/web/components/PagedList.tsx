import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { errorMessage } from '../api/errors';
import { CursorPager } from './CursorPager';
import { ErrorAlert } from './ErrorAlert';

/** What PagedList needs of a cursor connection (`first`/`after`). */
export interface PagedConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** The page stack PagedList pages through (useCursorPages). */
export interface Pages {
  page: number;
  next: (endCursor: string | null | undefined) => void;
  previous: () => void;
}

/**
 * A list a page at a time, as every list screen shows one: the error with "try again", "loading"
 * until the first answer, what to say when there is nothing, the page (given by `children`), and
 * previous/next. While the next page loads, the one on screen stays.
 */
export function PagedList<C extends PagedConnection>({
  result,
  connection,
  onRetry,
  empty,
  pages,
  pagerLabel,
  children,
}: {
  result: { fetching: boolean; error?: CombinedError };
  connection: C | undefined;
  onRetry: () => void;
  empty: string;
  pages: Pages;
  pagerLabel?: string;
  children: (connection: C) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {result.error && <ErrorAlert message={errorMessage(result.error, t)} onRetry={onRetry} />}
      {!connection && result.fetching && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {connection && connection.totalCount === 0 && <Paragraph>{empty}</Paragraph>}
      {connection && connection.totalCount > 0 && children(connection)}
      <CursorPager label={pagerLabel} page={pages.page} hasNext={!!connection?.pageInfo.hasNextPage} onNext={() => pages.next(connection?.pageInfo.endCursor)} onPrevious={pages.previous} />
    </>
  );
}
