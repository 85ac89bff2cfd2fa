import { useSyncExternalStore } from 'react';
import { session, type Session } from './session';

/** The current session; components re-render when it changes (sign-in, sign-out, expiry). */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.get(),
    () => session.get(),
  );
}
