import { Injectable } from '@nestjs/common';

/**
 * What one part of Torg says about itself on /health. Anything but `up` makes the whole status
 * `degraded` (HTTP 200: the replica still serves) with `error` as the reason; other fields are
 * shown as they are.
 */
export interface HealthCheckResult {
  status: 'up' | 'degraded' | 'down' | 'unknown';
  error?: string;
  [detail: string]: unknown;
}

export interface HealthCheck {
  /** Its key under `details` in the /health answer. */
  name: string;
  /** Whether it queries through the database pool: then it is not asked while the pool is full (it would queue). */
  usesPool: boolean;
  /** Shown with every answer, a late or failed one too (e.g. which search engine). */
  facts?: Record<string, unknown>;
  run(): Promise<HealthCheckResult>;
}

/**
 * The checks /health runs besides the database's own. Modules register theirs (search, the
 * outbox), so platform/ needs to know none of them.
 */
@Injectable()
export class HealthChecks {
  private readonly checks: HealthCheck[] = [];

  register(check: HealthCheck): void {
    if (this.checks.some((c) => c.name === check.name)) throw new Error(`a health check named ${check.name} exists already`);
    this.checks.push(check);
  }

  all(): readonly HealthCheck[] {
    return this.checks;
  }
}
