import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * On a route change (not the first load), moves focus to the new page's h1, as a full page load
 * would put a screen reader at the top: it then reads where the user arrived. Pages render their
 * heading after data loads, so this waits for it for a moment.
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    const timer = setInterval(() => {
      const heading = document.querySelector<HTMLElement>('main [data-page-heading]');
      if (heading || ++tries > 50) {
        clearInterval(timer);
        heading?.focus();
      }
    }, 20);
    return () => clearInterval(timer);
  }, [pathname]);
  return null;
}
