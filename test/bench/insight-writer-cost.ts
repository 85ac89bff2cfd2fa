import type { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { InsightsTriggersWriteOnlyChanges1763800000189 } from '../../migrations/1763800000189-InsightsTriggersWriteOnlyChanges';
import type { RequestContext } from '../../src/platform/context/request-context';
import { InvoiceLinesToReplace, MatchToRecord, SpendFactsRepository } from '../../src/insights/spend-facts.repository';
import { percentile } from './bench-support';

type Mode = 'before migration 189' | 'migration 189';

/**
 * What the fact writer's statements cost PostgreSQL per invoice with the triggers as migration 189
 * left them and as they were before (its `down`), on one connection (no other writer: no lock
 * waits, so the time is the work): batches of `invoicesEach` new invoices of `linesEach` lines
 * (copies of the newest invoice fact lines under new negative ids), written as the outbox's batch
 * is (the match outcomes, then the lines: `SpendFactsRepository`'s statements), then the same
 * batch approved again unchanged. Rounds take turns between the settings; one rolled-back
 * transaction. Medians of µs per invoice.
 */
export async function writerTriggerCost(pg: Client, batches: number, invoicesEach: number, linesEach: number, rounds: number) {
  const repository = new SpendFactsRepository();
  const tx = { manager: { query: async (sql: string, params?: unknown[]) => (await pg.query(sql, params)).rows } } as unknown as RequestContext;
  const runner = { query: async (sql: string, params?: unknown[]) => (await pg.query(sql, params)).rows } as unknown as QueryRunner;
  const migration = new InsightsTriggersWriteOnlyChanges1763800000189();
  const modes: Mode[] = ['before migration 189', 'migration 189'];
  const invoices = batches * invoicesEach * rounds * modes.length;
  const times = new Map<string, number[]>();
  const time = (key: string, micros: number) => times.set(key, [...(times.get(key) ?? []), micros]);
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const stamp = () => new Date((clock += 1000)).toISOString();
  await pg.query('BEGIN');
  try {
    const rows: Record<string, unknown>[] = (
      await pg.query(
        `SELECT to_jsonb(l) || jsonb_build_object('invoice_line_id', -n, 'invoice_id', -(1 + (n - 1) / $2)) AS row
           FROM (SELECT *, row_number() OVER (ORDER BY invoice_line_id DESC) AS n FROM insights_invoice_line ORDER BY invoice_line_id DESC LIMIT $1) l ORDER BY n`,
        [invoices * linesEach, linesEach],
      )
    ).rows.map((r) => r.row);
    if (rows.length < invoices * linesEach) throw new Error(`writerTriggerCost needs ${invoices * linesEach} invoice fact lines, found ${rows.length}`);
    let next = 0;
    for (let r = 0; r < rounds; r++) {
      for (const mode of modes.map((_, i) => modes[(i + r) % modes.length])) {
        if (mode === 'migration 189') await migration.up(runner);
        else await migration.down(runner);
        for (let b = 0; b < batches; b++) {
          const lines = rows.slice(next * linesEach, (next += invoicesEach) * linesEach);
          const batch = (recordedAt: string): InvoiceLinesToReplace[] =>
            [...new Set(lines.map((l) => l.invoice_id as number))].map((invoiceId) => ({ invoiceId, recordedAt, rows: lines.filter((l) => l.invoice_id === invoiceId) as never }));
          const first = batch(stamp());
          const matches: MatchToRecord[] = first.map((i) => {
            const l = i.rows[0];
            return {
              fact: {
                invoiceId: i.invoiceId,
                buyerOrganisationId: l.buyer_organisation_id as number,
                supplierId: l.supplier_id as number,
                receivedAt: l.received_at as string,
                status: 'MATCHED',
                reasonCodes: [],
              },
              buyerPath: l.buyer_path as number[],
              recordedAt: i.recordedAt,
            };
          });
          let started = performance.now();
          await repository.recordMatches(tx, matches);
          await repository.replaceInvoiceLines(tx, first);
          time(`${mode}|first`, ((performance.now() - started) * 1000) / invoicesEach);
          started = performance.now();
          await repository.replaceInvoiceLines(tx, batch(stamp()));
          time(`${mode}|again`, ((performance.now() - started) * 1000) / invoicesEach);
        }
      }
    }
  } finally {
    await pg.query('ROLLBACK');
  }
  const median = (key: string) =>
    percentile(
      times.get(key)!.sort((a, b) => a - b),
      50,
    );
  return modes.map((mode) => ({ mode, firstMicros: median(`${mode}|first`), againMicros: median(`${mode}|again`) }));
}
