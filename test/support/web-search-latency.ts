/**
 * The web search's latency, measured in the browser and split into its parts (issue 18: results
 * within 150 ms of the last keystroke, printed, not asserted). One sample: the search box is
 * emptied, a word's prefix typed and its results awaited, then the word's last letter is typed;
 * from that keydown to the moment the results region says it answers the whole word
 * (data-results-for) is the figure. Each sample takes a word not searched before on the page, so
 * its answer has to come from the service, not from urql's cache. Its parts come from the
 * browser's own clocks: the search request's resource timing (when the fetch started, when the
 * answer's headers and its last byte came) and the service's Server-Timing header (its time over
 * the GraphQL operation).
 */
import { Page } from 'playwright-core';

/** page.evaluate's functions run in the browser: its globals, loosely typed (the Nest program has no DOM types). */
declare const document: any, window: any, performance: any, MutationObserver: any;

/** One sample's parts, in milliseconds. */
export interface SearchLatency {
  /** Last keydown → results on screen for the whole word. */
  total: number;
  /** Keydown → the search request's fetch starts: the debounce, the renders and urql's dispatch. */
  beforeRequest: number;
  /** Fetch start → the answer's headers: HTTP and the service. */
  request: number;
  /** The service's own time over the operation (Server-Timing `graphql`), part of `request`. */
  server: number;
  /** The answer's headers → its last byte. */
  download: number;
  /** The last byte → the results on screen: JSON, urql and React's render and commit. */
  render: number;
  /** How many GraphQL requests started between the keydown and the results (the search alone, ideally). */
  requests: number;
}

/** Words of the demo catalogues, one per sample (the first is the warm-up): each is typed but its last letter, then that. */
export const SAMPLE_WORDS = ['kontorstol', 'kopipapir', 'hansker', 'kulepenn', 'sprøyte', 'notatblokk', 'plaster', 'bandasje'];

/** Measures one sample on `page` (signed in, on the search screen): types all of `word` but its last letter, waits, types that. */
export async function measureSearchLatency(page: Page, word: string): Promise<SearchLatency> {
  const prefix = word.slice(0, -1);
  const last = word.slice(-1);
  await page.getByLabel('Hva trenger du?').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(prefix);
  await page.waitForSelector(`[data-testid=search-results][data-results-for="${prefix}"]`);
  await page.evaluate((w: string) => {
    const at = window;
    // One keydown listener for all samples (it writes to the sample of the moment); one observer per sample.
    if (!at.latency) document.addEventListener('keydown', () => (at.latency.key = performance.now()), true);
    else at.latency.observer.disconnect();
    at.latency = { key: 0, shown: 0, observer: null };
    performance.clearResourceTimings();
    const results = document.querySelector('[data-testid=search-results]');
    at.latency.observer = new MutationObserver(() => {
      if (results.getAttribute('data-results-for') === w) at.latency.shown ||= performance.now();
    });
    at.latency.observer.observe(results, { attributes: true, childList: true, subtree: true });
  }, word);
  await page.keyboard.type(last);
  await page.waitForSelector(`[data-testid=search-results][data-results-for="${word}"]`);
  return page.evaluate(() => {
    const { key, shown } = window.latency;
    const graphql = performance.getEntriesByType('resource').filter((e: any) => new URL(e.name).pathname === '/graphql' && e.startTime >= key && e.startTime <= shown);
    const search = graphql[0];
    if (!search) throw new Error('no GraphQL request between the keystroke and the results');
    const server = search.serverTiming.find((s: any) => s.name === 'graphql');
    if (!server) throw new Error('the search answer has no Server-Timing');
    return {
      total: shown - key,
      beforeRequest: search.startTime - key,
      request: search.responseStart - search.startTime,
      server: server.duration,
      download: search.responseEnd - search.responseStart,
      render: shown - search.responseEnd,
      requests: graphql.length,
    };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The samples' medians, part by part, as one line (with each sample's total). */
export function describeLatency(samples: SearchLatency[]): string {
  const m = (k: keyof SearchLatency) => median(samples.map((s) => s[k])).toFixed(0);
  return (
    `web search, median of ${samples.length}: results ${m('total')} ms after the last keystroke (target 150 ms) = ` +
    `${m('beforeRequest')} before the request (debounce, renders) + ${m('request')} request (of which the service ${m('server')}) + ` +
    `${m('download')} download + ${m('render')} to the screen (JSON, urql, React); ${m('requests')} request(s); ` +
    `samples: ${samples.map((s) => s.total.toFixed(0)).join(', ')} ms`
  );
}
