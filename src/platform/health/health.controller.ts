import { Controller, Get, OnApplicationShutdown, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { DatabaseProbe } from './database-probe';
import { HealthCheck, HealthCheckResult, HealthChecks } from './health-checks';

/** How long /health waits for each registered check's answer. */
const CHECK_MS = 500;

/**
 * Readiness (`status: ok` once the database answers); not rate limited (probes). Prometheus
 * metrics are served by MetricsEndpoint. /health answers within about a second whatever the pool
 * is doing: the database is checked on a connection of its own, and a full pool (every connection
 * busy, requests queued) is reported as 503 `degraded` with the numbers. The other checks
 * (HealthChecks: search, outbox, …) run side by side, each bounded in time; one that is not up
 * makes the status `degraded` but keeps the answer 200, as the service still does its work.
 */
@Controller()
export class HealthController implements OnApplicationShutdown {
  private readonly probe: DatabaseProbe;

  constructor(
    ds: DataSource,
    private readonly checks: HealthChecks,
  ) {
    this.probe = new DatabaseProbe(ds);
  }

  @Public()
  @Get('health')
  async health(@Res() res: Response) {
    const pool = this.probe.pool();
    const checks = this.checks.all();
    const [reachable, ...results] = await Promise.all([this.probe.check(), ...checks.map((c) => this.run(c, pool.exhausted))]);
    const database = { ...reachable, pool };
    let status: 'ok' | 'degraded' | 'error' = 'ok';
    let reason: string | undefined;
    const notUp = checks.map((c, i) => ({ name: c.name, ...results[i] })).filter((r) => r.status !== 'up');
    if (reachable.status === 'down') {
      status = 'error';
      reason = `the database does not answer: ${reachable.error}`;
    } else if (pool.exhausted) {
      status = 'degraded';
      reason = `all ${pool.size} database connections are busy and ${pool.waiting} request(s) wait for one`;
    } else if (notUp.length) {
      // e.g. search-engine downtime degrades search only; ordering and catalogue work go on.
      status = 'degraded';
      reason = notUp.map((r) => `${r.name} is ${r.status}${r.error ? `: ${r.error}` : ''}`).join('; ');
    }
    const unavailable = reachable.status === 'down' || pool.exhausted;
    const details = Object.fromEntries(checks.map((c, i) => [c.name, { ...c.facts, ...results[i] }]));
    res.status(unavailable ? 503 : 200).json({ status, ...(reason ? { reason } : {}), details: { database, ...details } });
  }

  /** One check, bounded in time; not asked when it would queue for a full pool. */
  private async run(check: HealthCheck, poolExhausted: boolean): Promise<HealthCheckResult> {
    if (poolExhausted && check.usesPool) return { status: 'unknown', error: 'not checked: every database connection is busy' };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<HealthCheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'unknown', error: `no answer within ${CHECK_MS} ms` }), CHECK_MS);
    });
    try {
      return await Promise.race([check.run().catch((e: Error): HealthCheckResult => ({ status: 'down', error: e.message })), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown() {
    await this.probe.close();
  }
}
