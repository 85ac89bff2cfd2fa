import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { afterFailure, RetryPolicy } from './backoff';
import { Outbox } from './outbox';
import { OutboxHandler, OutboxHandlers } from './outbox-handlers';
import { outboxHandled } from './outbox-metrics';
import { keySettledSql, settleRules } from './outbox-settle';

/** The fallback: messages another replica wrote, or whose retry fell due, are found this often. */
const POLL_MS = 2000;
const CLEANUP_MS = 10 * 60_000;
/** Done messages are kept this long (to look into), then deleted. */
const DONE_KEPT_DAYS = 7;
/** Advisory-lock namespace: one run per topic and key at a time, across workers and replicas. */
const KEY_LOCK = 7302;
/** Due keys looked at per claim: enough to find keys no other worker holds. */
const CANDIDATES = 50;
/** Keys one worker claims at once and runs one after another (fewer statements per message). */
const KEYS_PER_CLAIM = 8;
/** After a claim's runs have taken this long, its keys not yet run are let go (unlocked) for the other workers. */
const CLAIM_HELD_MS = 200;
const ERROR_CHARS = 2000;

interface Key {
  topic: string;
  key: string;
}
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
  /** Serial topics (OutboxHandler.serial) a worker of this process has taken, from its claim until its runs are done. */
  private readonly serialTaken = new Set<string>();
  /** Whether a worker passed over a serial topic another held since it was last let go. */
  private serialPassedOver = false;
  /** Topics a drain() is waiting for (how many drains), whose keys run without settling. */
  private readonly draining = new Map<string, number>();

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

  /**
   * Waits until no message of `topics` (of every handled topic without them) is due (tests, the
   * seed, the CLI); messages of a settling topic are run without waiting for it to settle.
   */
  async drain(topics?: string | string[]): Promise<void> {
    const drained = topics === undefined ? this.handlers.topics() : ([] as string[]).concat(topics);
    for (const topic of drained) this.draining.set(topic, (this.draining.get(topic) ?? 0) + 1);
    try {
      for (let i = 0; i < 1000; i++) {
        await this.settled();
        await this.runOnce();
        const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM outbox_message WHERE state = 'pending' AND next_attempt_at <= now() AND topic = ANY($1)`, [drained]);
        if (n === 0 && !this.workers.size) return;
      }
    } finally {
      for (const topic of drained) {
        const left = this.draining.get(topic)! - 1;
        if (left) this.draining.set(topic, left);
        else this.draining.delete(topic);
      }
    }
  }

  /** The topics whose keys wait to settle now (not those a drain() is waiting for), as the claim's parameters. */
  private settling(): [string[], number[], number[]] {
    return settleRules(this.handlers, this.draining);
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
        return 0;
      });
      runs += ran;
      if (!ran && !this.woken) return runs;
    }
  }

  /**
   * Claims up to KEYS_PER_CLAIM of the oldest due keys no other worker holds, and runs their
   * due messages (a coalescing handler's in one run, others one by one in order): 4 statements
   * for the claim (lock the keys, read their messages, mark the runs done, unlock) instead of 5
   * per message. Returns the handler runs made; 0 when nothing was due.
   */
  private async runNext(): Promise<number> {
    // A serial topic is claimed only by the worker that takes it here (no await between the check
    // and the taking: no other worker of this process can take it too), and let go when this
    // claim's runs are done, or at once when the claim holds none of its keys.
    const serial = this.handlers.topics().filter((t) => this.handlers.get(t)!.serial);
    const taken = new Set(serial.filter((t) => !this.serialTaken.has(t)));
    for (const t of taken) this.serialTaken.add(t);
    // A serial topic another worker holds may have messages this worker was woken for: the
    // holder claims again when it lets go, rather than leave them to the next poll.
    if (taken.size < serial.length) this.serialPassedOver = true;
    const topics = this.handlers.topics().filter((t) => !this.handlers.get(t)!.serial || taken.has(t));
    // Each topic is let go once: once let go, another worker may take it, and a second letGo
    // (the finally's) must not free it under that worker.
    const letGo = (keep: Set<string>) => {
      for (const t of [...taken])
        if (!keep.has(t)) {
          taken.delete(t);
          this.serialTaken.delete(t);
          if (this.serialPassedOver) {
            this.serialPassedOver = false;
            this.woken = true;
          }
        }
    };
    if (!topics.length) return 0;
    const runner = this.ds.createQueryRunner();
    await runner.connect().catch((e) => {
      letGo(new Set());
      throw e;
    });
    try {
      // The CTE is materialised, and the outer scan has no ORDER BY: the lock is tried on each
      // distinct key in turn only until KEYS_PER_CLAIM are held, so every lock taken is returned
      // (and unlocked below); a key another worker holds is passed over. A key of a settling
      // topic is left until it has settled and no message of a topic that does not settle is due
      // or running (its messages stay due: the poll finds it then).
      const claimed: Key[] = await runner.query(
        `WITH due AS MATERIALIZED (
           SELECT m.topic, m.key, min(m.id) AS first FROM outbox_message m
             LEFT JOIN unnest($2::text[], $3::int[], $4::int[]) AS s(topic, quiet_ms, max_wait_ms) ON s.topic = m.topic
            WHERE m.state = 'pending' AND m.next_attempt_at <= now() AND m.topic = ANY($1)
            GROUP BY m.topic, m.key, s.quiet_ms, s.max_wait_ms
           HAVING s.quiet_ms IS NULL OR ${keySettledSql('$1', '$2')}
            ORDER BY first LIMIT ${CANDIDATES})
         SELECT topic, key FROM due WHERE pg_try_advisory_lock(${KEY_LOCK}, hashtext(topic || E'\\n' || key)) LIMIT ${KEYS_PER_CLAIM}`,
        [topics, ...this.settling()],
      );
      letGo(new Set(claimed.map((c) => c.topic)));
      if (!claimed.length) return 0;
      let keysRun = 0;
      const done: { ids: string[]; attempt: number; topic: string }[] = [];
      try {
        // Read under the locks (a statement after the one that took them): the worker that held
        // a key before may have run its messages since the claim's snapshot.
        const rows: (DueRow & Key)[] = await runner.query(
          `SELECT id, topic, key, payload, attempts FROM outbox_message
            WHERE (topic, key) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND state = 'pending' AND next_attempt_at <= now() ORDER BY id`,
          [claimed.map((c) => c.topic), claimed.map((c) => c.key)],
        );
        const started = Date.now();
        const batched = await this.runBatches(claimed, rows, done);
        for (const { topic, key } of claimed) {
          // A long run (a catalogue reindexed) must not keep the keys not yet run from the other workers.
          if (keysRun++ && Date.now() - started > CLAIM_HELD_MS) break;
          const mine = rows.filter((r) => r.topic === topic && r.key === key && !batched.has(r.id));
          const handler = this.handlers.get(topic)!;
          for (const run of handler.coalesce ? [mine] : mine.map((r) => [r])) {
            if (!run.length) continue;
            const ok = await this.run(runner, handler, key, run);
            if (!ok) break; // a failed message: the key's later ones wait for the next claim
            done.push({ ids: run.map((r) => r.id), attempt: Math.max(...run.map((r) => r.attempts)) + 1, topic });
          }
        }
      } finally {
        // Marked done (even when a later run's failure could not be recorded) before their keys
        // are unlocked, else another worker could run them again.
        if (done.length) await this.markDone(runner, done).finally(() => this.unlock(runner, claimed));
        else await this.unlock(runner, claimed);
      }
      return done.length;
    } finally {
      letGo(new Set());
      await runner.release();
    }
  }

  /**
   * For each topic with a batch handler of which the claim holds several keys: the first due
   * message of each key, unless it has failed before, in one handler call. Returns the ids it ran (pushed to `done`); when the
   * call fails nothing is recorded, and the messages run one by one after it as without a batch.
   */
  private async runBatches(claimed: Key[], rows: (DueRow & Key)[], done: { ids: string[]; attempt: number; topic: string }[]): Promise<Set<string>> {
    const ran = new Set<string>();
    for (const topic of new Set(claimed.map((c) => c.topic))) {
      const handler = this.handlers.get(topic)!;
      if (!handler.batch || handler.coalesce) continue;
      // A message that failed before is retried alone (through `handle` below): batched again, it
      // would fail the whole batch again first, one failed transaction more per attempt.
      const firsts = claimed
        .filter((c) => c.topic === topic)
        .flatMap(({ key }) => rows.find((r) => r.topic === topic && r.key === key) ?? [])
        .filter((r) => r.attempts === 0);
      if (firsts.length < 2) continue;
      try {
        await handler.batch(firsts.map((r) => ({ topic, key: r.key, payload: r.payload, attempt: r.attempts + 1, ids: [r.id] })));
      } catch (e) {
        this.logger.warn(`${topic}: a batch of ${firsts.length} failed, running its messages one by one: ${String((e as Error)?.message ?? e).slice(0, ERROR_CHARS)}`);
        continue;
      }
      for (const r of firsts) {
        ran.add(r.id);
        done.push({ ids: [r.id], attempt: r.attempts + 1, topic });
      }
    }
    return ran;
  }

  private async unlock(runner: QueryRunner, keys: Key[]) {
    await runner.query(`SELECT pg_advisory_unlock(${KEY_LOCK}, hashtext(t || E'\\n' || k)) FROM unnest($1::text[], $2::text[]) AS u(t, k)`, [keys.map((c) => c.topic), keys.map((c) => c.key)]);
  }

  /** One handler run for `rows` (one message, or a key's due ones coalesced); false when it failed (and was recorded so). */
  private async run(runner: QueryRunner, handler: OutboxHandler, key: string, rows: DueRow[]): Promise<boolean> {
    const topic = handler.topic;
    const ids = rows.map((r) => r.id);
    const attempt = Math.max(...rows.map((r) => r.attempts)) + 1;
    try {
      await handler.handle({ topic, key, payload: rows[rows.length - 1].payload, attempt, ids });
      return true;
    } catch (e) {
      await this.failed(runner, topic, key, ids, attempt, e);
      return false;
    }
  }

  /** The claim's successful runs, done in one statement (each row with its own attempt count). */
  private async markDone(runner: QueryRunner, done: { ids: string[]; attempt: number; topic: string }[]) {
    const ids = done.flatMap((d) => d.ids);
    const attempts = done.flatMap((d) => d.ids.map(() => d.attempt));
    await runner.query(
      `UPDATE outbox_message m SET state = 'done', attempts = d.attempt, done_at = now(), updated_at = now()
         FROM unnest($1::bigint[], $2::int[]) AS d(id, attempt) WHERE m.id = d.id`,
      [ids, attempts],
    );
    for (const d of done) outboxHandled.inc({ topic: d.topic, outcome: 'done' });
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
