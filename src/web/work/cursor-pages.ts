import { useCallback, useEffect, useState } from 'react';

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

/**
 * A page left empty (its last item removed) goes back to the one before, rather than showing
 * nothing with a "previous" button: `count` is the page's items once read.
 */
export function useEmptyPageGoesBack(count: number | undefined, pages: { page: number; previous: () => void }) {
  const { page, previous } = pages;
  useEffect(() => {
    if (count === 0 && page > 1) previous();
  }, [count, page, previous]);
}
