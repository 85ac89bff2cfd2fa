import { useCallback, useState } from 'react';

/**
 * The cursors of the pages seen so far over a cursor connection (`first`/`after`): the API gives
 * only "next", so going back pops the stack. Page 1 has no cursor.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setStack((s) => [...s, endCursor]);
  }, []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([null]), []);
  return { after: stack[stack.length - 1], page: stack.length, next, previous, reset };
}

/** One page of a list the API gives whole (favourites, templates), for CursorPager. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; hasNext: boolean; page: number } {
  const last = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(1, page), last);
  return { items: items.slice((p - 1) * size, p * size), hasNext: p < last, page: p };
}
