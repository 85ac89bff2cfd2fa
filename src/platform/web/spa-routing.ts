/**
 * Which GET requests the web app answers (pure, so it is unit-tested). Torg serves the single-page
 * app at `/`: its built files, and its index.html for any client route (a bookmark or a reload of
 * /cart). It must never shadow the service's own paths, so a request whose first path segment
 * belongs to the server (a Nest route, Apollo's /graphql, the IDE, probes) is left to the server,
 * and only browsers asking for HTML get the page (an API client gets the server's 404).
 */

/** First segments the server answers although no Nest controller declares them (Apollo, middleware). */
export const SERVER_SEGMENTS = ['graphql', 'graphql-ide', 'health', 'metrics'] as const;

/** The first segment of a URL path: "/orders/1/document?x" → "orders"; "/" → "". */
export function firstSegment(path: string): string {
  const clean = path.split(/[?#]/, 1)[0];
  return clean.split('/').filter(Boolean)[0] ?? '';
}

/** The first segments of the server's routes (Nest's route paths, e.g. "/orders/:id/document"), with SERVER_SEGMENTS. */
export function serverSegments(routePaths: readonly string[]): Set<string> {
  const segments = new Set<string>(SERVER_SEGMENTS);
  for (const path of routePaths) {
    const first = firstSegment(path);
    // A route whose first segment is a parameter or wildcard would claim everything: the web app
    // then yields only where it has a file or the path is "/".
    if (first) segments.add(first);
  }
  return segments;
}

export type WebAnswer = 'file' | 'index' | 'server';

/**
 * What to do with a request: serve a built file, serve index.html (a client route), or let the
 * server answer. `fileExists` says whether the build holds a file at that path.
 */
export function webAnswer(req: { method: string; path: string; accept: string | undefined }, reserved: ReadonlySet<string>, fileExists: (path: string) => boolean): WebAnswer {
  if (req.method !== 'GET' && req.method !== 'HEAD') return 'server';
  const first = firstSegment(req.path);
  if (reserved.has(first)) return 'server';
  if (first !== '' && fileExists(req.path)) return 'file';
  // A path with a file extension that is not in the build is a missing file, not a client route.
  if (/\.[a-z0-9]+$/i.test(req.path)) return 'server';
  return acceptsHtml(req.accept) ? 'index' : 'server';
}

/** True when the Accept header asks for HTML (a browser navigating), not JSON or anything. */
export function acceptsHtml(accept: string | undefined): boolean {
  return !!accept && /(^|,)\s*text\/html/i.test(accept);
}
