import { Injectable, NestMiddleware } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { serverSegments, webAnswer } from './spa-routing';
import { WebAppFiles } from './web-app-files';

/** Hashed build files (Vite names them by content) never change: a browser keeps them a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the web app (see spa-routing.ts for which requests): its built files, and index.html for
 * client routes. The server's own first path segments are read from Express's router on the first
 * request (every route is registered by then), so a REST route added later is never shadowed.
 */
@Injectable()
export class WebAppMiddleware implements NestMiddleware {
  private reserved?: Set<string>;
  private readonly files = new WebAppFiles();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.reserved ??= serverSegments(this.routePaths());
    const path = req.originalUrl.split('?')[0];
    const answer = webAnswer({ method: req.method, path, accept: req.headers.accept }, this.reserved, (p) => this.files.file(p) !== null);
    if (answer === 'server') return next();
    if (answer === 'file') {
      const file = this.files.file(path)!;
      res.setHeader('Cache-Control', path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      res.sendFile(file, (e) => e && next(e));
      return;
    }
    const { html, built } = this.files.index();
    // index.html names the current build's files: always revalidated.
    res
      .status(built ? 200 : 503)
      .setHeader('Cache-Control', 'no-cache')
      .type('text/html')
      .send(html);
  }

  /** The paths of the routes Express knows (Nest's controllers). */
  private routePaths(): string[] {
    const app = this.adapterHost.httpAdapter.getInstance<{ router?: { stack?: { route?: { path?: unknown } }[] } }>();
    return (app.router?.stack ?? []).map((layer) => layer.route?.path).filter((p): p is string => typeof p === 'string');
  }
}
