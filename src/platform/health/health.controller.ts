import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { ProductSearch } from '../../search/product-search';

/**
 * Liveness/readiness: `status: ok` once the database answers. Not rate limited (probes);
 * Prometheus metrics are served by MetricsEndpoint.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly search: ProductSearch,
  ) {}

  @Public()
  @Get('health')
  async health(@Res() res: Response) {
    const database = await this.ds
      .query('SELECT 1')
      .then(() => ({ status: 'up' }))
      .catch((e: Error) => ({ status: 'down', error: e.message }));
    const search = await this.search.health().catch((e: Error) => ({ status: 'down' as const, error: e.message }));
    // Search-engine downtime degrades search only; ordering and catalogue work go on.
    const status = database.status === 'up' ? (search.status === 'up' ? 'ok' : 'degraded') : 'error';
    res.status(database.status === 'up' ? 200 : 503).json({ status, details: { database, search: { engine: this.search.engine, ...search } } });
  }
}
