import type { Client } from 'pg';
import { organisationClassTrigger } from '../../migrations/1763800000192-InsightsOrganisationClassRollups';
import { percentile } from './bench-support';

/** A fact table, its line id and document id columns, and the insert triggers of its class rollups (migrations 198 and 192). */
const TABLES = [
  {
    fact: 'insights_order_line',
    line: 'order_line_id',
    document: 'order_id',
    classTrigger: 'insights_order_class_rollup_on_insert',
    organisationClassTrigger: organisationClassTrigger('insights_order', 'insert'),
  },
  {
    fact: 'insights_invoice_line',
    line: 'invoice_line_id',
    document: 'invoice_id',
    classTrigger: 'insights_invoice_class_rollup_on_insert',
    organisationClassTrigger: organisationClassTrigger('insights_invoice', 'insert'),
  },
] as const;

type Mode = 'no rollup trigger' | 'without the class rollup' | 'without the organisation class rollup' | 'every rollup';

/**
 * The write cost of the rollup triggers per fact line: copies of generated lines (new, negative
 * ids: new documents) inserted `statements` statements of `linesEach` lines at a time, as the
 * fact writer's batches do, in rounds that take turns between four settings of the table's
 * triggers: none (the bare insert, a floor), all but the class rollup's (migration 198), all but
 * the per-organisation class rollup's (migration 192), all. All in one transaction, rolled back: the facts and triggers are left as they were.
 * Returns per table and setting the median microseconds per line over the rounds.
 */
export async function rollupTriggerCost(pg: Client, statements: number, linesEach: number, rounds: number): Promise<{ fact: string; mode: Mode; microsPerLine: number }[]> {
  const out: { fact: string; mode: Mode; microsPerLine: number }[] = [];
  const modes: Mode[] = ['no rollup trigger', 'without the class rollup', 'without the organisation class rollup', 'every rollup'];
  await pg.query('BEGIN');
  try {
    for (const t of TABLES) {
      const n = statements * linesEach * rounds * modes.length;
      await pg.query(`CREATE TEMP TABLE copies ON COMMIT DROP AS SELECT * FROM ${t.fact} ORDER BY ${t.line} DESC LIMIT ${n}`);
      await pg.query(`UPDATE copies SET ${t.line} = -${t.line}, ${t.document} = -${t.document}`);
      await pg.query(`CREATE INDEX ON copies (${t.line})`);
      const ids: number[] = (await pg.query(`SELECT ${t.line} AS id FROM copies ORDER BY 1`)).rows.map((r) => r.id);
      const times = new Map<Mode, number[]>(modes.map((m) => [m, []]));
      let next = 0;
      for (let r = 0; r < rounds; r++) {
        // Turns in a rotating order, so no setting always runs first (or last) in a round.
        for (const mode of modes.map((_, i) => modes[(i + r) % modes.length])) {
          await pg.query(`ALTER TABLE ${t.fact} ENABLE TRIGGER USER`);
          if (mode === 'no rollup trigger') await pg.query(`ALTER TABLE ${t.fact} DISABLE TRIGGER USER`);
          if (mode === 'without the class rollup') await pg.query(`ALTER TABLE ${t.fact} DISABLE TRIGGER ${t.classTrigger}`);
          if (mode === 'without the organisation class rollup') await pg.query(`ALTER TABLE ${t.fact} DISABLE TRIGGER ${t.organisationClassTrigger}`);
          const started = performance.now();
          for (let s = 0; s < statements; s++, next += linesEach) await pg.query(`INSERT INTO ${t.fact} SELECT * FROM copies WHERE ${t.line} = ANY($1::int[])`, [ids.slice(next, next + linesEach)]);
          times.get(mode)!.push(((performance.now() - started) * 1000) / (statements * linesEach));
        }
      }
      await pg.query(`ALTER TABLE ${t.fact} ENABLE TRIGGER USER`);
      await pg.query('DROP TABLE copies');
      for (const mode of modes)
        out.push({
          fact: t.fact,
          mode,
          microsPerLine: percentile(
            times.get(mode)!.sort((a, b) => a - b),
            50,
          ),
        });
    }
  } finally {
    await pg.query('ROLLBACK');
  }
  return out;
}
