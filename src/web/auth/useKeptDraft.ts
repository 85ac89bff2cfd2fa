import { useCallback, useState } from 'react';
import { DRAFT_PREFIX } from './session';

/**
 * useState for what a user types into a form, kept in sessionStorage (this tab only) until it is
 * sent: an expired sign-in takes the user to sign-in and back, and the form comes back as it was.
 * Signing out clears every draft (session.ts).
 */
export function useKeptDraft<T>(key: string, empty: T): [T, (next: T) => void] {
  const storageKey = DRAFT_PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as T) : empty;
    } catch {
      return empty;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        if (JSON.stringify(next) === JSON.stringify(empty)) sessionStorage.removeItem(storageKey);
        else sessionStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // No storage: the draft lives as long as the page.
      }
    },
    // `empty` is a constant of the caller.
    [storageKey],
  );
  return [value, set];
}
