import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { HealthChecks, HealthCheckResult } from '../health/health-checks';
import { OutboxHandlers } from './outbox-handlers';
import { countOutboxMessagesWith, outboxMessages } from './outbox-metrics';
import { keySettledSql, settleRules } from './outbox-settle';

/** Counts of not-done messages: pending (to be handled: due, or waiting for a retry), settling (held back on purpose until their key goes quiet), dead (parked). */
export interface StateCounts {
  pending: number;
  settling: number;
  dead: number;
}

export interface OutboxCounts extends StateCounts {
  /** By topic, every topic with a handler included. */
  topics: Record<string, StateCounts>;
}

/** How long a scrape waits for the counts before it shows the last ones. */
const METRICS_WAIT_MS = 500;

/**
 * The outbox on /health (pending, settling and dead counts; a dead message makes the status
 * `degraded`: work was given up and needs someone to look) and on /metrics (the same counts by topic).
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

  /**
   * One statement: the not-done messages by topic and state, and beside them the due messages of
   * settling topics whose key has not settled (the dispatcher's own rule, keySettledSql), which
   * are taken out of pending: a burst held back on purpose is not a queue that is stuck.
   */
  async counts(): Promise<OutboxCounts> {
    const rows: { topic: string; state: 'pending' | 'dead' | 'settling'; n: number }[] = await this.ds.query(
      `WITH held AS (
         SELECT m.topic, count(*)::int AS n FROM outbox_message m
           JOIN unnest($1::text[], $2::int[], $3::int[]) AS s(topic, quiet_ms, max_wait_ms) ON s.topic = m.topic
          WHERE m.state = 'pending' AND m.next_attempt_at <= now()
          GROUP BY m.topic, m.key, s.quiet_ms, s.max_wait_ms
         HAVING NOT ${keySettledSql('$4', '$1')})
       SELECT topic, state, count(*)::int AS n FROM outbox_message WHERE state <> 'done' GROUP BY topic, state
       UNION ALL
       SELECT topic, 'settling', sum(n)::int FROM held GROUP BY topic`,
      [...settleRules(this.handlers), this.handlers.topics()],
    );
    const zero = (): StateCounts => ({ pending: 0, settling: 0, dead: 0 });
    const topics: OutboxCounts['topics'] = Object.fromEntries(this.handlers.topics().map((t) => [t, zero()]));
    for (const r of rows) (topics[r.topic] ??= zero())[r.state] = r.n;
    // The first query counted the settling messages as pending too.
    for (const c of Object.values(topics)) c.pending -= c.settling;
    const sum = (state: keyof StateCounts) => Object.values(topics).reduce((a, c) => a + c[state], 0);
    return { pending: sum('pending'), settling: sum('settling'), dead: sum('dead'), topics };
  }

  private async health(): Promise<HealthCheckResult> {
    const { pending, settling, dead, topics } = await this.counts();
    if (!dead) return { status: 'up', pending, settling, dead };
    const where = Object.entries(topics)
      .filter(([, c]) => c.dead)
      .map(([topic, c]) => `${topic}: ${c.dead}`)
      .join(', ');
    return {
      status: 'degraded',
      error: `${dead} message(s) parked as dead after ${this.config.outbox.maxAttempts} failed attempts (${where}); re-queue with "npm run cli -- outbox-retry"`,
      pending,
      settling,
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
        outboxMessages.set({ topic, state: 'settling' }, c.settling);
        outboxMessages.set({ topic, state: 'dead' }, c.dead);
      }
    } catch {
      // the database is away: /health says so; the last counts stand
    } finally {
      clearTimeout(timer);
    }
  }
}
