import type { Client } from 'pg';
import { PeriodicSampler } from './backend-waits';

/** A phase's samples: per state, how many backends were in it (summed over samples), and the outbox's counts. */
interface Phase {
  samples: number;
  backends: Map<string, number>;
  outbox: Map<string, number>;
}

/**
 * What PostgreSQL was doing while the ingest ran (`bench.js --activity`), sampled every `everyMs`
 * from the bench's own client: every backend but the bench's, the service's and the autovacuum
 * workers alike, by what it runs (the statement's first words, partitions named alike) or waits
 * for, and the outbox's messages not done by topic and state. Reported per phase (the uploads,
 * then the indexing after them) as mean backends per state and mean messages per topic, so
 * "0.9 autovacuum worker: VACUUM catalogue_item" says a core was mostly given to it.
 */
export class IngestActivity extends PeriodicSampler {
  private readonly phases: [string, Phase][] = [];

  constructor(
    private readonly pg: Client,
    everyMs = 200,
  ) {
    super(everyMs);
  }

  /** Starts a phase (the first call starts sampling). */
  phase(name: string): void {
    this.phases.push([name, { samples: 0, backends: new Map(), outbox: new Map() }]);
    this.startSampling();
  }

  async stop(): Promise<string[]> {
    await this.stopSampling();
    const lines: string[] = [];
    for (const [name, p] of this.phases) {
      const n = Math.max(1, p.samples);
      const mean = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).filter(([, v]) => v / n >= 0.01);
      lines.push(`${name}: ${p.samples} samples; mean backends per state:`);
      for (const [state, v] of mean(p.backends)) lines.push(`  ${(v / n).toFixed(2).padStart(6)}  ${state}`);
      lines.push(
        `  outbox messages not done (mean): ${
          mean(p.outbox)
            .map(([k, v]) => `${k} ${(v / n).toFixed(1)}`)
            .join(', ') || 'none'
        }`,
      );
    }
    return lines;
  }

  protected async sample(): Promise<void> {
    const [, phase] = this.phases[this.phases.length - 1];
    const { rows } = await this.pg.query<{ who: string; state: string }>(
      `SELECT CASE WHEN a.backend_type = 'client backend' THEN coalesce(nullif(a.application_name, ''), 'client') ELSE a.backend_type END AS who,
              CASE WHEN a.state = 'active' OR a.backend_type <> 'client backend'
                   THEN coalesce(a.wait_event_type || ':' || a.wait_event || ' in ', '') ||
                        left(regexp_replace(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 'search_item_v[0-9]+', 'search_item_vN', 'g'), 70)
                   ELSE a.state END AS state
         FROM pg_stat_activity a
        WHERE a.pid <> pg_backend_pid() AND (a.backend_type IN ('client backend', 'autovacuum worker') OR a.state = 'active')
          AND coalesce(a.state, '') <> 'idle'`,
    );
    const { rows: outbox } = await this.pg.query<{ k: string; n: number }>(`SELECT topic || ' ' || state AS k, count(*)::int AS n FROM outbox_message WHERE state <> 'done' GROUP BY topic, state`);
    phase.samples++;
    for (const r of rows) phase.backends.set(`${r.who}: ${r.state}`, (phase.backends.get(`${r.who}: ${r.state}`) ?? 0) + 1);
    for (const r of outbox) phase.outbox.set(r.k, (phase.outbox.get(r.k) ?? 0) + r.n);
  }
}
