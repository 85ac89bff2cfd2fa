import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { ProductSearch } from './product-search';
import { SearchOutbox } from './search-outbox';

const POLL_MS = 2000;
const HOUSEKEEPING_MS = 30_000;
const MAX_BACKOFF_S = 300;
/** Advisory-lock namespace: one sync per agreement at a time, across workers and replicas. */
const AGREEMENT_SYNC_LOCK = 7301;
/** Due rows looked at per claim: enough to find an agreement no other worker holds. */
const CANDIDATES = 50;

/**
 * Delivers outbox rows to the search engine, retrying with back-off until the engine confirms.
 * Several workers (SEARCH_INDEXER_CONCURRENCY) and replicas run side by side; an advisory lock
 * keeps two of them off the same agreement.
 */
@Injectable()
export class SearchIndexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndexer');
  private timer?: NodeJS.Timeout;
  private housekeepingTimer?: NodeJS.Timeout;
  /** Workers now running; each claims rows until none is due, then ends. */
  private readonly workers = new Set<Promise<number>>();
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly search: ProductSearch,
    outbox: SearchOutbox,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {
    outbox.onEnqueue(() => void this.runOnce());
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.runOnce(), POLL_MS);
    this.timer.unref();
    this.housekeepingTimer = setInterval(() => void this.housekeeping(), HOUSEKEEPING_MS);
    this.housekeepingTimer.unref();
    void this.runOnce();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.housekeepingTimer) clearInterval(this.housekeepingTimer);
    await this.settled();
  }

  /**
   * Tops the workers up to SEARCH_INDEXER_CONCURRENCY and waits for them; returns rows delivered.
   * Topping up matters: a worker that found nothing due has ended, and a row enqueued while
   * another worker is busy must not wait for that one to finish.
   */
  runOnce(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    while (this.workers.size < this.config.indexerConcurrency) {
      const worker: Promise<number> = this.work().finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
    return Promise.all([...this.workers]).then((counts) => counts.reduce((a, b) => a + b, 0));
  }

  private async housekeeping() {
    if (this.stopped || !this.ds.isInitialized) return;
    await this.search.housekeeping().catch((e) => this.logger.warn(`search housekeeping: ${(e as Error).message}`));
  }

  private async settled(): Promise<void> {
    while (this.workers.size) await Promise.allSettled([...this.workers]);
  }

  /** Waits until no due outbox row is left (tests and the CLI use it). */
  async drain(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await this.settled();
      await this.runOnce();
      const [{ n }] = await this.ds.query('SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NULL AND available_at <= now()');
      if (n === 0 && !this.workers.size) return;
    }
  }

  private async work(): Promise<number> {
    let delivered = 0;
    for (;;) {
      if (this.stopped || !this.ds.isInitialized) return delivered;
      const synced = await this.syncNextAgreement().catch((e) => {
        if (!this.stopped) this.logger.error(`indexer: ${(e as Error).message}`);
        return false;
      });
      if (!synced) return delivered;
      delivered++;
    }
  }

  /**
   * Syncs the agreement of the oldest due outbox row that no other worker is syncing, and marks
   * its rows up to then as processed (or backs them off when the engine fails). No transaction
   * stays open meanwhile: the agreement is held with a session-level advisory lock. Dropping a
   * partition finishes its detach by waiting for every older transaction, so a transaction
   * held open here (as the outbox row's lock once was) waited for a drop that waited for it.
   */
  private async syncNextAgreement(): Promise<boolean> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      const due: { agreement_id: number }[] = await runner.query(
        `SELECT agreement_id FROM search_outbox WHERE processed_at IS NULL AND available_at <= now() ORDER BY id LIMIT ${CANDIDATES}`,
      );
      for (const agreementId of new Set(due.map((r) => r.agreement_id))) {
        const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [AGREEMENT_SYNC_LOCK, agreementId]);
        if (!locked) continue; // another worker is syncing it, and will see rows added meanwhile
        try {
          // Looked at again under the lock: the worker that held it may have processed the rows.
          const [rows] = await runner.query(
            `SELECT max(id) AS upto, max(attempts)::int AS attempts FROM search_outbox WHERE agreement_id = $1 AND processed_at IS NULL AND available_at <= now()`,
            [agreementId],
          );
          if (rows.upto === null) continue;
          await this.syncAndMark(runner, agreementId, rows.upto, rows.attempts);
          return true;
        } finally {
          await runner.query('SELECT pg_advisory_unlock($1, $2)', [AGREEMENT_SYNC_LOCK, agreementId]);
        }
      }
      return false;
    } finally {
      await runner.release();
    }
  }

  /** One agreement's sync; its rows up to `upto` are covered by it (older ones too: the sync reads what is published now). */
  private async syncAndMark(runner: QueryRunner, agreementId: number, upto: string, attempts: number) {
    try {
      await this.search.syncAgreement(agreementId);
      await runner.query('UPDATE search_outbox SET processed_at = now() WHERE agreement_id = $1 AND processed_at IS NULL AND id <= $2', [agreementId, upto]);
    } catch (e) {
      const backoff = Math.min(MAX_BACKOFF_S, 2 ** Math.min(attempts, 8));
      this.logger.warn(`search sync of agreement ${agreementId} failed (attempt ${attempts + 1}, retry in ${backoff}s): ${(e as Error).message}`);
      await runner.query(
        `UPDATE search_outbox SET attempts = attempts + 1, last_error = $3, available_at = now() + make_interval(secs => $4)
          WHERE agreement_id = $1 AND processed_at IS NULL AND id <= $2`,
        [agreementId, upto, String((e as Error).message).slice(0, 2000), backoff],
      );
    }
  }
}
