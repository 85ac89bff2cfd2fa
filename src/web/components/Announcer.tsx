import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

/**
 * One polite live region for the whole app: what changed after an action ("added to the cart",
 * "12 results") is read out by screen readers without moving focus.
 */
const AnnounceContext = createContext<(message: string) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((next: string) => {
    // The same message twice in a row is still announced: clear first, then set.
    setMessage('');
    requestAnimationFrame(() => setMessage(next));
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
