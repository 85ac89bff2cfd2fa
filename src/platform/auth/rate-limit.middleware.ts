import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { TooManyRequestsError } from '../errors/domain-error';
import { callerNetwork } from '../net/address-list';
import { TokenService } from './token.service';

/** The window the per-caller limit counts over. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
/** Probes and scrapers are never limited. */
const UNLIMITED_PATHS = new Set(['/health', '/metrics']);
const GRAPHQL_PATH = '/graphql';

/**
 * Counts every request against its caller's budget of RATE_LIMIT_PER_MINUTE, at the HTTP edge:
 * before Apollo parses or validates anything and before authentication, so requests that fail
 * there (a bad or expired token, a syntax error, an unknown field, a query refused for its
 * depth, size or cost), `{ __typename }` and introspection all count, as do uploads.
 *
 * A caller whose bearer token verifies is counted by the token's subject (one budget per user
 * or machine client across every address; a client-credentials token without one by its
 * client id); anyone else by address (an IPv6 caller by its /64). Every answer
 * carries X-RateLimit-Limit, -Remaining and -Reset; over the limit the answer is 429 with
 * Retry-After and the code TOO_MANY_REQUESTS. Counts are kept per process (sliding window,
 * @nestjs/throttler's in-memory storage): behind a load balancer each replica counts on its own.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  constructor(
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
    private readonly tokens: TokenService,
    private readonly budgets: ThrottlerStorageService,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const limit = this.config.rateLimitPerMinute;
    const path = req.originalUrl.split('?')[0];
    if (limit === 0 || UNLIMITED_PATHS.has(path)) return next();
    try {
      const caller = await this.callerOf(req);
      const budget = await this.budgets.increment(caller, RATE_LIMIT_WINDOW_MS, limit, RATE_LIMIT_WINDOW_MS, 'requests');
      res.setHeader('X-RateLimit-Limit', String(limit));
      res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - budget.totalHits)));
      res.setHeader('X-RateLimit-Reset', String(budget.isBlocked ? budget.timeToBlockExpire : budget.timeToExpire));
      if (!budget.isBlocked) return next();
      const refusal = new TooManyRequestsError(budget.timeToBlockExpire);
      res.setHeader('Retry-After', String(budget.timeToBlockExpire));
      const error = { code: refusal.code, message: refusal.message, ...refusal.details };
      // A GraphQL client reads errors[]; REST clients (uploads) the same body as every other REST error.
      res.status(429).json(path === GRAPHQL_PATH ? { errors: [{ message: refusal.message, extensions: { code: refusal.code, ...refusal.details } }] } : error);
    } catch (e) {
      next(e);
    }
  }

  /** The verified token's subject, else the caller's address: an unverified token names no one. */
  private async callerOf(req: Request): Promise<string> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token) {
      try {
        const claims = await this.tokens.verify(token);
        if (claims.dev) return claims.sub!;
        // A client-credentials token may have no subject: its client id names the caller.
        return claims.sub !== undefined ? `oidc:${claims.sub}` : `oidc-client:${claims.clientId}`;
      } catch {
        // Counted by address; the AccessGuard refuses the token and says why.
      }
    }
    return `address:${callerNetwork(req.ip ?? req.socket.remoteAddress ?? 'unknown')}`;
  }
}
