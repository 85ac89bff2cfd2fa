import { Controller, Get, OnApplicationShutdown, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { ProductSearch } from '../../search/product-search';
import { DatabaseProbe } from './database-probe';

/** How long /health waits for the search engine's answer. */
const SEARCH_CHECK_MS = 500;

/**
 * Readiness (`status: ok` once the database answers); not rate limited (probes). Prometheus
 * metrics are served by MetricsEndpoint. /health answers within about a second whatever the pool
 * is doing: the database is checked on a connection of its own, and a full pool (every connection
 * busy, requests queued) is reported as 503 `degraded` with the numbers.
 */
@Controller()
export class HealthController implements OnApplicationShutdown {
  private readonly probe: DatabaseProbe;

  constructor(
    ds: DataSource,
    private readonly search: ProductSearch,
  ) {
    this.probe = new DatabaseProbe(ds);
  }

  @Public()
  @Get('health')
  async health(@Res() res: Response) {
    const pool = this.probe.pool();
    const [reachable, search] = await Promise.all([this.probe.check(), this.searchHealth(pool.exhausted)]);
    const database = { ...reachable, pool };
    let status: 'ok' | 'degraded' | 'error' = 'ok';
    let reason: string | undefined;
    if (reachable.status === 'down') {
      status = 'error';
      reason = `the database does not answer: ${reachable.error}`;
    } else if (pool.exhausted) {
      status = 'degraded';
      reason = `all ${pool.size} database connections are busy and ${pool.waiting} request(s) wait for one`;
    } else if (search.status !== 'up') {
      // Search-engine downtime degrades search only; ordering and catalogue work go on.
      status = 'degraded';
      reason = `search is ${search.status}${search.error ? `: ${search.error}` : ''}`;
    }
    const unavailable = reachable.status === 'down' || pool.exhausted;
    res.status(unavailable ? 503 : 200).json({ status, ...(reason ? { reason } : {}), details: { database, search: { engine: this.search.engine, ...search } } });
  }

  /** The engine's health, bounded in time; not asked when it would queue for a full pool. */
  private async searchHealth(poolExhausted: boolean): Promise<{ status: 'up' | 'down' | 'unknown'; error?: string }> {
    if (poolExhausted && this.search.engine === 'postgres') return { status: 'unknown', error: 'not checked: every database connection is busy' };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ status: 'unknown'; error: string }>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'unknown', error: `no answer within ${SEARCH_CHECK_MS} ms` }), SEARCH_CHECK_MS);
    });
    try {
      return await Promise.race([this.search.health().catch((e: Error) => ({ status: 'down' as const, error: e.message })), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown() {
    await this.probe.close();
  }
}
