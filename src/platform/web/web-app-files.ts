import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

/** The checkout's root: the nearest folder above this file holding package.json (from src/ under ts-jest, dist/src/ when built). */
function checkoutRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/** Where `npm run build:web` (Vite, src/web/vite.config.ts) writes the web app. */
export const WEB_BUILD_DIR = join(checkoutRoot(), 'dist', 'web');

/** What a browser gets at / when the web app was never built: how to build it. */
const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Torg</title></head><body>
<main><h1>The web app is not built</h1><p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.
The API is at <a href="/graphql">/graphql</a>.</p></main></body></html>`;

/** The built web app's files, read from WEB_BUILD_DIR. */
export class WebAppFiles {
  constructor(private readonly root = WEB_BUILD_DIR) {}

  /** The absolute path of a URL path's file inside the build, or null (no file, a folder, or outside it). */
  file(urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath.split(/[?#]/, 1)[0]);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const path = normalize(join(this.root, decoded));
    if (!path.startsWith(this.root + sep)) return null;
    const st = statSync(path, { throwIfNoEntry: false });
    return st?.isFile() ? path : null;
  }

  /** index.html, read at each call (a rebuild while Torg runs is picked up), or a page saying how to build it. */
  index(): { html: string; built: boolean } {
    const path = join(this.root, 'index.html');
    return existsSync(path) ? { html: readFileSync(path, 'utf8'), built: true } : { html: NOT_BUILT, built: false };
  }
}
