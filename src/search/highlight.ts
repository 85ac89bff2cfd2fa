import { randomBytes } from 'node:crypto';

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
  const id = randomBytes(12).toString('hex');
  return { start: `S${id}`, stop: `E${id}` };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, as element content or a quoted attribute value. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/**
 * Supplier text an engine has marked (see newHighlightMarkers) as HTML: the text escaped, the
 * markers turned into <mark> and </mark>, and nothing else. A catalogue line named
 * `<img src=x onerror=alert(1)> Kopipapir` reached every buyer's client as markup when the
 * engine's output was passed on as it was. Marks always come in pairs, even if the engine's did not.
 */
export function highlightedHtml(marked: string, markers: HighlightMarkers): string {
  let html = '';
  let open = false;
  let from = 0;
  for (const m of marked.matchAll(new RegExp(`${markers.start}|${markers.stop}`, 'g'))) {
    html += escapeHtml(marked.slice(from, m.index));
    if (m[0] === markers.start && !open) html += '<mark>';
    if (m[0] === markers.stop && open) html += '</mark>';
    open = m[0] === markers.start ? true : m[0] === markers.stop ? false : open;
    from = m.index + m[0].length;
  }
  html += escapeHtml(marked.slice(from));
  return open ? html + '</mark>' : html;
}
