import { Client } from 'pg';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export interface PoolState {
  size: number;
  busy: number;
  idle: number;
  /** Requests queued for a connection. */
  waiting: number;
  /** Every connection is busy and requests are queued. */
  exhausted: boolean;
}

export type ProbeResult = { status: 'up' } | { status: 'down'; error: string };

/**
 * Checks the database for /health on a connection of its own, outside the pool: a probe
 * queued behind a full pool would wait as long as everyone else, which is exactly when it must
 * answer. Concurrent checks share one round trip; every step is bounded by `timeoutMs`.
 */
export class DatabaseProbe {
  private client?: Client;
  private running?: Promise<ProbeResult>;

  constructor(
    private readonly ds: DataSource,
    private readonly timeoutMs = 800,
  ) {}

  check(): Promise<ProbeResult> {
    this.running ??= this.probe().finally(() => (this.running = undefined));
    return this.running;
  }

  /** How the data source's pool is doing (node-postgres' own counters). */
  pool(): PoolState {
    const pool = (this.ds.driver as unknown as { master?: Pool & { options: { max: number } } }).master;
    if (!pool) return { size: 0, busy: 0, idle: 0, waiting: 0, exhausted: false };
    const size = pool.options.max;
    const busy = pool.totalCount - pool.idleCount;
    return { size, busy, idle: pool.idleCount, waiting: pool.waitingCount, exhausted: pool.waitingCount > 0 && busy >= size };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async probe(): Promise<ProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([this.query(), deadline]);
      return { status: 'up' };
    } catch (e) {
      await this.close(); // a fresh connection next time
      return { status: 'down', error: (e as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  private async query() {
    if (!this.client) {
      const url = (this.ds.options as { url?: string }).url;
      const client = new Client({ connectionString: url, application_name: 'torg-health', connectionTimeoutMillis: this.timeoutMs, statement_timeout: this.timeoutMs });
      client.on('error', () => void this.close()); // the server went away while idle
      this.client = client;
      await client.connect();
    }
    await this.client.query('SELECT 1');
  }
}
