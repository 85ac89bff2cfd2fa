import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { ProductSearch } from './product-search';
import { SearchOutbox } from './search-outbox';

const POLL_MS = 2000;
const HOUSEKEEPING_MS = 30_000;
const MAX_BACKOFF_S = 300;
/** Advisory-lock namespace: one sync per agreement at a time, across workers and replicas. */
const AGREEMENT_SYNC_LOCK = 7301;

/**
 * Delivers outbox rows to the search engine, retrying with back-off until the engine confirms.
 * Rows are claimed with SKIP LOCKED, so several workers (SEARCH_INDEXER_CONCURRENCY) and
 * replicas run side by side; an advisory lock keeps two of them off the same agreement.
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
      const done = await this.ds.transaction(async (m) => {
        const [row] = await m.query(
          `SELECT id, agreement_id, attempts FROM search_outbox WHERE processed_at IS NULL AND available_at <= now()
            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!row) return false;
        // A second row for an agreement being synced waits here, then syncs what is newer.
        await m.query('SELECT pg_advisory_xact_lock($1, $2)', [AGREEMENT_SYNC_LOCK, row.agreement_id]);
        try {
          await this.search.syncAgreement(row.agreement_id);
          // Older rows for the same agreement are covered by this sync.
          // (Rows another worker holds are skipped: it is waiting for this agreement and will mark its own.)
          await m.query(
            `UPDATE search_outbox SET processed_at = now() WHERE id IN (
               SELECT id FROM search_outbox WHERE agreement_id = $1 AND processed_at IS NULL AND id <= $2 FOR UPDATE SKIP LOCKED)`,
            [row.agreement_id, row.id],
          );
        } catch (e) {
          const backoff = Math.min(MAX_BACKOFF_S, 2 ** Math.min(row.attempts, 8));
          this.logger.warn(`search sync of agreement ${row.agreement_id} failed (attempt ${row.attempts + 1}, retry in ${backoff}s): ${(e as Error).message}`);
          await m.query(`UPDATE search_outbox SET attempts = attempts + 1, last_error = $2, available_at = now() + make_interval(secs => $3) WHERE id = $1`, [row.id, String((e as Error).message).slice(0, 2000), backoff]);
        }
        return true;
      }).catch((e) => {
        if (!this.stopped) this.logger.error(`indexer: ${(e as Error).message}`);
        return false;
      });
      if (!done) return delivered;
      delivered++;
    }
  }
}
