import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { HTTP_STATUS } from '../errors/domain-error';
import { addressMatcher } from '../net/address-list';
import { metricsRegistry } from './metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Serves GET /metrics (Prometheus) to callers from an address in METRICS_ALLOW, or from any
 * address with `Authorization: Bearer <METRICS_TOKEN>`; refuses everyone else. Served here,
 * before Nest's guards, because the scraper's bearer token is not a user's token: the
 * AccessGuard would refuse it. Not rate limited (a scraper calls on its own schedule).
 */
@Injectable()
export class MetricsEndpoint implements NestMiddleware {
  private readonly allowedAddress: (address: string | undefined) => boolean;
  private readonly tokenDigest?: Buffer;

  constructor(@Inject(TORG_CONFIG) config: TorgConfig) {
    this.allowedAddress = addressMatcher(config.metricsAllow);
    if (config.metricsToken) this.tokenDigest = digest(config.metricsToken);
  }

  async use(req: Request, res: Response): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests, in constant time: the token's length and prefix stay secret too.
    const tokenMatches = token !== undefined && this.tokenDigest !== undefined && timingSafeEqual(digest(token), this.tokenDigest);
    if (token !== undefined && !tokenMatches) {
      res.status(HTTP_STATUS.UNAUTHENTICATED).json({ code: 'UNAUTHENTICATED', message: 'The bearer token is not the metrics token (METRICS_TOKEN)' });
      return;
    }
    // The socket's own address: a forwarded-for header is the caller's word, not a fact.
    if (!tokenMatches && !this.allowedAddress(req.socket.remoteAddress)) {
      res.status(HTTP_STATUS.FORBIDDEN).json({ code: 'FORBIDDEN', message: 'Metrics are served to the addresses in METRICS_ALLOW, or with the METRICS_TOKEN bearer token' });
      return;
    }
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  }
}
