import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { afterFailure, RetryPolicy } from './backoff';
import { Outbox } from './outbox';
import { OutboxHandler, OutboxHandlers } from './outbox-handlers';
import { outboxHandled } from './outbox-metrics';

/** The fallback: messages another replica wrote, or whose retry fell due, are found this often. */
const POLL_MS = 2000;
const CLEANUP_MS = 10 * 60_000;
/** Done messages are kept this long (to look into), then deleted. */
const DONE_KEPT_DAYS = 7;
/** Advisory-lock namespace: one run per topic and key at a time, across workers and replicas. */
const KEY_LOCK = 7302;
/** Due rows looked at per claim: enough to find a key no other worker holds. */
const CANDIDATES = 50;
const ERROR_CHARS = 2000;

interface DueRow {
  id: string;
  payload: unknown;
  attempts: number;
}

/**
 * Runs the outbox's messages through their topic's handler: woken after each commit that
 * enqueued something, polling besides. Several workers (OUTBOX_CONCURRENCY) and replicas run
 * side by side; a session-level advisory lock per topic and key keeps two of them off the same
 * key, and no transaction stays open while a handler runs (the search indexer's partition
 * detach waits for every older transaction: one held open here deadlocked it once). A failed
 * run is retried with exponential back-off; after OUTBOX_MAX_ATTEMPTS it is parked as dead.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private readonly runsInBackground: boolean;
  private pollTimer?: NodeJS.Timeout;
  private cleanupTimer?: NodeJS.Timeout;
  /** The earliest retry this process scheduled, so a short back-off does not wait for the poll. */
  private retryTimer?: { at: number; timer: NodeJS.Timeout };
  /** Workers now running; each claims messages until none is due, then ends. */
  private readonly workers = new Set<Promise<number>>();
  /** Set by a wake; a worker about to end looks again when it is (else a wake that came while it claimed would be lost). */
  private woken = false;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly handlers: OutboxHandlers,
    outbox: Outbox,
    @Inject(TORG_CONFIG) config: TorgConfig,
  ) {
    const { concurrency, runsInBackground, ...policy } = config.outbox;
    this.concurrency = concurrency;
    this.runsInBackground = runsInBackground;
    this.policy = { maxAttempts: policy.maxAttempts, baseMs: policy.retryBaseMs, maxMs: policy.retryMaxMs };
    outbox.onCommitted(() => this.wake());
  }

  onApplicationBootstrap() {
    if (!this.runsInBackground) return;
    this.pollTimer = setInterval(() => void this.runOnce(), POLL_MS);
    this.pollTimer.unref();
    this.cleanupTimer = setInterval(() => void this.cleanup(), CLEANUP_MS);
    this.cleanupTimer.unref();
    void this.runOnce();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearInterval(this.cleanupTimer);
    clearTimeout(this.retryTimer?.timer);
    await this.settled();
  }

  /** Something was committed: look now. */
  wake(): void {
    if (!this.runsInBackground) return;
    this.woken = true;
    void this.runOnce();
  }

  /**
   * Tops the workers up to OUTBOX_CONCURRENCY and waits for them; returns the runs made. A worker
   * that found nothing due has ended, and a message enqueued while another is busy must not
   * wait for that one to finish.
   */
  runOnce(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    while (this.workers.size < this.concurrency) {
      const worker: Promise<number> = this.work().finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
    return Promise.all([...this.workers]).then((counts) => counts.reduce((a, b) => a + b, 0));
  }

  /** Waits until no message of `topic` (of any handled topic without it) is due (tests, the seed, the CLI). */
  async drain(topic?: string): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await this.settled();
      await this.runOnce();
      const topics = topic ? [topic] : this.handlers.topics();
      const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM outbox_message WHERE state = 'pending' AND next_attempt_at <= now() AND topic = ANY($1)`, [topics]);
      if (n === 0 && !this.workers.size) return;
    }
  }

  private async settled(): Promise<void> {
    while (this.workers.size) await Promise.allSettled([...this.workers]);
  }

  private async work(): Promise<number> {
    let runs = 0;
    for (;;) {
      if (this.stopped || !this.ds.isInitialized) return runs;
      this.woken = false;
      const ran = await this.runNext().catch((e) => {
        if (!this.stopped) this.logger.error(`dispatcher: ${(e as Error).message}`);
        return false;
      });
      if (ran) runs++;
      else if (!this.woken) return runs;
    }
  }

  /**
   * Runs the handler for the oldest due message whose key no other worker holds (with the
   * key's other due messages when the handler coalesces); false when there is none.
   */
  private async runNext(): Promise<boolean> {
    const topics = this.handlers.topics();
    if (!topics.length) return false;
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      const due: { topic: string; key: string }[] = await runner.query(
        `SELECT topic, key FROM outbox_message WHERE state = 'pending' AND next_attempt_at <= now() AND topic = ANY($1) ORDER BY id LIMIT ${CANDIDATES}`,
        [topics],
      );
      const tried = new Set<string>();
      for (const { topic, key } of due) {
        const lockName = `${topic}\n${key}`;
        if (tried.has(lockName)) continue;
        tried.add(lockName);
        const handler = this.handlers.get(topic)!;
        const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [KEY_LOCK, lockName]);
        if (!locked) continue; // another worker runs this key, and looks again when it is done
        try {
          // Looked at again under the lock: the worker that held it may have run them.
          const rows: DueRow[] = await runner.query(
            `SELECT id, payload, attempts FROM outbox_message
              WHERE topic = $1 AND key = $2 AND state = 'pending' AND next_attempt_at <= now() ORDER BY id${handler.coalesce ? '' : ' LIMIT 1'}`,
            [topic, key],
          );
          if (!rows.length) continue;
          await this.run(runner, handler, key, rows);
          return true;
        } finally {
          await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [KEY_LOCK, lockName]);
        }
      }
      return false;
    } finally {
      await runner.release();
    }
  }

  /** One handler run for `rows` (one message, or a key's due ones coalesced), and what it leaves behind. */
  private async run(runner: QueryRunner, handler: OutboxHandler, key: string, rows: DueRow[]) {
    const topic = handler.topic;
    const ids = rows.map((r) => r.id);
    const attempt = Math.max(...rows.map((r) => r.attempts)) + 1;
    try {
      await handler.handle({ topic, key, payload: rows[rows.length - 1].payload, attempt, ids });
    } catch (e) {
      await this.failed(runner, topic, key, ids, attempt, e);
      return;
    }
    await runner.query(`UPDATE outbox_message SET state = 'done', attempts = $2, done_at = now(), updated_at = now() WHERE id = ANY($1::bigint[])`, [ids, attempt]);
    outboxHandled.inc({ topic, outcome: 'done' });
  }

  private async failed(runner: QueryRunner, topic: string, key: string, ids: string[], attempt: number, e: unknown) {
    const error = String((e as Error)?.message ?? e).slice(0, ERROR_CHARS);
    const next = afterFailure(attempt, this.policy);
    if (next.state === 'dead') {
      this.logger.error(`${topic} ${key}: attempt ${attempt} of ${this.policy.maxAttempts} failed, parked as dead: ${error}`);
      await runner.query(`UPDATE outbox_message SET state = 'dead', attempts = $2, last_error = $3, updated_at = now() WHERE id = ANY($1::bigint[])`, [ids, attempt, error]);
      outboxHandled.inc({ topic, outcome: 'dead' });
      return;
    }
    this.logger.warn(`${topic} ${key}: attempt ${attempt} of ${this.policy.maxAttempts} failed, retry in ${next.retryInMs} ms: ${error}`);
    await runner.query(`UPDATE outbox_message SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4), updated_at = now() WHERE id = ANY($1::bigint[])`, [
      ids,
      attempt,
      error,
      next.retryInMs / 1000,
    ]);
    outboxHandled.inc({ topic, outcome: 'failed' });
    this.retryIn(next.retryInMs);
  }

  /** Wakes this process when a retry falls due before the next poll would find it. */
  private retryIn(ms: number) {
    if (this.stopped || ms >= POLL_MS) return;
    const at = Date.now() + ms + 10; // a little after: the row's due time is the database's clock at its update
    if (this.retryTimer && this.retryTimer.at <= at) return;
    clearTimeout(this.retryTimer?.timer);
    const timer = setTimeout(() => {
      this.retryTimer = undefined;
      this.wake();
    }, at - Date.now());
    timer.unref();
    this.retryTimer = { at, timer };
  }

  private async cleanup() {
    if (this.stopped || !this.ds.isInitialized) return;
    await this.ds
      .query(`DELETE FROM outbox_message WHERE state = 'done' AND done_at < now() - make_interval(days => $1)`, [DONE_KEPT_DAYS])
      .catch((e) => this.logger.warn(`outbox clean-up: ${(e as Error).message}`));
  }
}
