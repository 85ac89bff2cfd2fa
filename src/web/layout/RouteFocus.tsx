import { useLayoutEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * On a route change (not the first load), moves focus to the new page's h1, as a full page load
 * would put a screen reader at the top: it then reads where the user arrived.
 *
 * A page's heading may come later than the route: the page's code loads first (lazy screens),
 * or the heading names what the data says. So this watches `main` and moves focus in the same
 * task that puts the heading there (a MutationObserver's callback runs before the browser takes
 * the next key or click), however long that takes. Had it moved focus on a later timer, it could
 * land while the user was already typing into the page, and take the keystrokes away from the
 * field (or, given up after a while, never land at all).
 * If the user has moved focus themselves meanwhile (tabbed on, clicked into a field), it stays
 * where they put it.
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  // A layout effect: a heading already rendered is focused before the page is painted.
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // What had focus when the route changed: the link or button used, or the body when it went with the old page.
    const before = document.activeElement;
    const focusHeading = (): boolean => {
      const heading = document.querySelector<HTMLElement>('main [data-page-heading]');
      if (!heading) return false;
      const now = document.activeElement;
      if (now === before || now === null || now === document.body) heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname]);
  return null;
}
