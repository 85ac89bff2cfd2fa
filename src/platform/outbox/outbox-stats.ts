import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { HealthChecks, HealthCheckResult } from '../health/health-checks';
import { OutboxHandlers } from './outbox-handlers';
import { countOutboxMessagesWith, outboxMessages } from './outbox-metrics';

export interface OutboxCounts {
  pending: number;
  dead: number;
  /** By topic, every topic with a handler included. */
  topics: Record<string, { pending: number; dead: number }>;
}

/** How long a scrape waits for the counts before it shows the last ones. */
const METRICS_WAIT_MS = 500;

/**
 * The outbox on /health (pending and dead counts; a dead message makes the status `degraded`:
 * work was given up and needs someone to look) and on /metrics (the same counts by topic).
 */
@Injectable()
export class OutboxStats implements OnModuleInit, OnApplicationShutdown {
  private stopCounting?: () => void;

  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly checks: HealthChecks,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {}

  onModuleInit() {
    this.checks.register({ name: 'outbox', usesPool: true, run: () => this.health() });
    this.stopCounting = countOutboxMessagesWith(() => this.refreshGauge());
  }

  onApplicationShutdown() {
    this.stopCounting?.();
  }

  async counts(): Promise<OutboxCounts> {
    const rows: { topic: string; state: 'pending' | 'dead'; n: number }[] = await this.ds.query(
      `SELECT topic, state, count(*)::int AS n FROM outbox_message WHERE state <> 'done' GROUP BY topic, state`,
    );
    const topics: OutboxCounts['topics'] = Object.fromEntries(this.handlers.topics().map((t) => [t, { pending: 0, dead: 0 }]));
    for (const r of rows) (topics[r.topic] ??= { pending: 0, dead: 0 })[r.state] = r.n;
    const sum = (state: 'pending' | 'dead') => rows.filter((r) => r.state === state).reduce((a, r) => a + r.n, 0);
    return { pending: sum('pending'), dead: sum('dead'), topics };
  }

  private async health(): Promise<HealthCheckResult> {
    const { pending, dead, topics } = await this.counts();
    if (!dead) return { status: 'up', pending, dead };
    const where = Object.entries(topics)
      .filter(([, c]) => c.dead)
      .map(([topic, c]) => `${topic}: ${c.dead}`)
      .join(', ');
    return {
      status: 'degraded',
      error: `${dead} message(s) parked as dead after ${this.config.outbox.maxAttempts} failed attempts (${where}); re-queue with "npm run cli -- outbox-retry"`,
      pending,
      dead,
    };
  }

  private async refreshGauge(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), METRICS_WAIT_MS)));
    try {
      const counts = await Promise.race([this.counts(), late]);
      if (!counts) return; // the pool is busy: the last counts stand
      outboxMessages.reset();
      for (const [topic, c] of Object.entries(counts.topics)) {
        outboxMessages.set({ topic, state: 'pending' }, c.pending);
        outboxMessages.set({ topic, state: 'dead' }, c.dead);
      }
    } catch {
      // the database is away: /health says so; the last counts stand
    } finally {
      clearTimeout(timer);
    }
  }
}
