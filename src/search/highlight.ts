import { randomUUID } from 'node:crypto';

/** The markers an engine puts around matched words, before they become <mark> tags. */
export interface HighlightMarkers {
  start: string;
  stop: string;
}

/**
 * Fresh markers for one search. Random, so no supplier text can hold them, and made of a
 * capital letter and lower-case hex digits that HTML-escaping leaves alone; a marker cannot
 * begin inside the text before it (its first letter occurs nowhere else in it).
 */
export function newHighlightMarkers(): HighlightMarkers {
  // randomUUID draws from a buffered pool of random bytes: no system call per search (randomBytes makes one).
  const id = randomUUID().replace(/-/g, '');
  return { start: `S${id}`, stop: `E${id}` };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, as element content or a quoted attribute value. */
const SPECIAL = /[&<>"']/;
export const escapeHtml = (text: string) => (SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]) : text);

/**
 * Supplier text an engine has marked (see newHighlightMarkers) as HTML: the text escaped, the
 * markers turned into <mark> and </mark>, and nothing else. A catalogue line named
 * `<img src=x onerror=alert(1)> Kopipapir` reached every buyer's client as markup when the
 * engine's output was passed on as it was. Marks always come in pairs, even if the engine's did not.
 */
export function highlightedHtml(marked: string, markers: HighlightMarkers): string {
  // A scan with indexOf: a RegExp made per call (the markers differ per search) was compiled
  // again for every hit's name and description, a millisecond per search.
  let html = '';
  let open = false;
  let from = 0;
  for (;;) {
    const start = marked.indexOf(markers.start, from);
    const stop = marked.indexOf(markers.stop, from);
    const at = start < 0 ? stop : stop < 0 ? start : Math.min(start, stop);
    if (at < 0) break;
    html += escapeHtml(marked.slice(from, at));
    const isStart = at === start;
    if (isStart && !open) html += '<mark>';
    if (!isStart && open) html += '</mark>';
    open = isStart;
    from = at + (isStart ? markers.start : markers.stop).length;
  }
  html += escapeHtml(marked.slice(from));
  return open ? html + '</mark>' : html;
}
