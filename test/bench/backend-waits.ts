import type { Client } from 'pg';

/**
 * A sampler of the benches: `sample` runs every `everyMs` (or back to back when it takes longer)
 * from the first `startSampling` until `stopSampling`, which waits for the sample under way.
 */
export abstract class PeriodicSampler {
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(private readonly everyMs: number) {}

  protected abstract sample(): Promise<void>;

  protected startSampling(): void {
    this.running ??= this.loop();
  }

  protected async stopSampling(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const t0 = performance.now();
      await this.sample();
      const rest = this.everyMs - (performance.now() - t0);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  }
}

/**
 * What the service's PostgreSQL backends are doing, sampled every `everyMs` from the bench's own
 * client while a phase runs (`--waits`): per sample, each backend of the service (application
 * name 'torg') counts under one state — running a statement (on CPU or runnable), waiting in a
 * statement (its wait event; for a heavyweight lock, what is awaited: the advisory lock's key,
 * the relation, the tuple or transaction id, and what the first backend it waits behind is doing), idle in a transaction (waiting for the service to
 * send the next statement) or idle (a free pool connection). The report gives each state's mean
 * number of backends, so "2.1 of 10 waiting for Lock:advisory (agreement_drawdown)" says that on
 * average two transactions were queued behind a lock held by a third.
 */
export class BackendWaits extends PeriodicSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;

  constructor(
    private readonly pg: Client,
    everyMs = 50,
  ) {
    super(everyMs);
  }

  start(): void {
    this.startSampling();
  }

  async stop(): Promise<string[]> {
    await this.stopSampling();
    const lines = [...this.counts.entries()].sort((a, b) => b[1] - a[1]).map(([state, n]) => `${(n / Math.max(1, this.samples)).toFixed(2).padStart(6)}  ${state}`);
    return [`${this.samples} samples, mean backends per state:`, ...lines];
  }

  protected async sample(): Promise<void> {
    // One row per backend; for one waiting on a heavyweight lock, the lock it has not been granted.
    const { rows } = await this.pg.query<{ state: string | null; type: string | null; event: string | null; lock: string | null; query: string; blocker: string | null }>(
      `/* bench */ SELECT a.state, a.wait_event_type AS type, a.wait_event AS event,
              CASE l.locktype
                WHEN 'advisory' THEN 'advisory ' || l.classid || '/' || l.objid || coalesce(' = ' || k.name, '')
                WHEN 'relation' THEN 'relation ' || l.relation::regclass::text || ' ' || l.mode
                WHEN 'tuple' THEN 'tuple of ' || l.relation::regclass::text || ' ' || l.mode
                WHEN 'transactionid' THEN 'transactionid ' || l.mode
                ELSE l.locktype || ' ' || l.mode END AS lock,
              left(regexp_replace(a.query, '\\s+', ' ', 'g'), 90) AS query,
              CASE WHEN a.wait_event_type = 'Lock' THEN (SELECT coalesce(b.state, '') || ': ' || left(regexp_replace(b.query, '\\s+', ' ', 'g'), 60)
                 FROM pg_stat_activity b WHERE b.pid = (pg_blocking_pids(a.pid))[1]) END AS blocker
         FROM pg_stat_activity a
         LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
         LEFT JOIN (VALUES (hashtext('agreement_drawdown'), 'agreement_drawdown'), (hashtext('cost_centre'), 'cost_centre'),
                           (7303, 'received_document'), (hashtext('portal_invoice_request'), 'portal_invoice_request')) AS k(key, name)
                ON l.locktype = 'advisory' AND l.classid::int = k.key
        WHERE a.application_name = 'torg' AND a.pid <> pg_backend_pid()`,
    );
    this.samples++;
    for (const r of rows) {
      const state =
        r.state === 'active'
          ? r.type === null
            ? 'running a statement'
            : r.type === 'Lock'
              ? `waiting for Lock: ${r.lock ?? r.event} — in: ${r.query} — behind: ${r.blocker ?? '?'}`
              : `waiting for ${r.type}:${r.event}`
          : r.state === 'idle in transaction'
            ? 'idle in transaction (waiting for the service)'
            : `${r.state ?? 'unknown'}`;
      this.counts.set(state, (this.counts.get(state) ?? 0) + 1);
    }
  }
}
