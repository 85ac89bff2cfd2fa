import { useState } from 'react';

/**
 * A page at a time of a list that is all here already (the upload report's 1000 lines, a
 * dashboard's suppliers), for CursorPager: `shown` is the current page, `first` its offset.
 */
export function useClientPages<T>(items: readonly T[], size: number) {
  const [page, setPage] = useState(1);
  const pageCount = Math.max(1, Math.ceil(items.length / Math.max(1, size)));
  const current = Math.min(page, pageCount); // the list may have shrunk under the page
  const first = (current - 1) * size;
  return {
    page: current,
    pageCount,
    first,
    shown: items.slice(first, first + size),
    hasNext: current < pageCount,
    next: () => setPage(current + 1),
    previous: () => setPage(Math.max(1, current - 1)),
  };
}
