import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Says `message` in the live region, at once or, with `after`, once that many milliseconds have
 * passed with nothing else said (what changes as the user types, such as a count of search results,
 * waits until it settles). Any later announcement replaces one still waiting. Returns what takes
 * a waiting announcement back (nothing once it has been said).
 */
export type Announce = (message: string, options?: { after?: number }) => () => void;

/**
 * One polite live region for the whole app: what changed after an action ("added to the cart",
 * "12 results") is read out by screen readers without moving focus.
 */
const AnnounceContext = createContext<Announce>(() => () => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const waiting = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(waiting.current), []);
  const announce = useCallback<Announce>((next, options) => {
    clearTimeout(waiting.current);
    waiting.current = undefined;
    const say = () => {
      waiting.current = undefined;
      // The same message twice in a row is still announced: clear first, then set.
      setMessage('');
      requestAnimationFrame(() => setMessage(next));
    };
    if (!options?.after) {
      say();
      return () => {};
    }
    const timer = setTimeout(say, options.after);
    waiting.current = timer;
    return () => {
      if (waiting.current === timer) {
        clearTimeout(timer);
        waiting.current = undefined;
      }
    };
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div aria-live="polite" aria-atomic="true" role="status" className="torg-visually-hidden" data-testid="announcer">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
