import { useCallback, useRef, useState } from 'react';
import { draftKey } from './session';

function load<T>(storageKey: string, empty: T): T {
  try {
    const raw = sessionStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as T) : empty;
  } catch {
    return empty;
  }
}

function store<T>(storageKey: string, next: T, empty: T): void {
  try {
    if (JSON.stringify(next) === JSON.stringify(empty)) sessionStorage.removeItem(storageKey);
    else sessionStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // No storage: the draft lives as long as the page.
  }
}

/**
 * useState for what a user types into a form, kept in sessionStorage (this tab only) until it is
 * sent: an expired sign-in takes the user to sign-in and back, and the form comes back as it was.
 * Keyed per user (session.ts draftKey) and, by the caller, per record (`approval-comment:<order
 * id>`); setting it back to `empty`, or `discard` after a successful submit, removes it. Signing
 * out clears every draft (session.ts). A form whose `empty` is the record's saved value (terms)
 * shows that value again once the draft is discarded.
 */
export function useKeptDraft<T>(key: string, empty: T): [T, (next: T | ((previous: T) => T)) => void, (shown?: T) => void] {
  const storageKey = draftKey(key);
  const [state, setState] = useState(() => ({ storageKey, value: load(storageKey, empty) }));
  // The latest `empty` (it may follow the record, e.g. a despatch's full lines): equal to it is no draft.
  const emptyRef = useRef(empty);
  emptyRef.current = empty;
  // The same form shown for another record (a route parameter changed): that record's draft.
  let current = state;
  if (state.storageKey !== storageKey) {
    current = { storageKey, value: load(storageKey, empty) };
    setState(current);
  }
  const set = useCallback(
    (next: T | ((previous: T) => T)) =>
      setState((s) => {
        const value = typeof next === 'function' ? (next as (previous: T) => T)(s.value) : next;
        store(s.storageKey, value, emptyRef.current);
        return { storageKey: s.storageKey, value };
      }),
    [],
  );
  /** Sent: the draft goes; the form shows `shown` (what the server now holds) or `empty`. */
  const discard = useCallback(
    (shown?: T) => {
      try {
        sessionStorage.removeItem(storageKey);
      } catch {
        // No storage: nothing was kept.
      }
      setState({ storageKey, value: shown ?? emptyRef.current });
    },
    [storageKey],
  );
  return [current.value, set, discard];
}
