import type { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { InsightsTriggersWriteOnlyChanges1763800000199 } from '../../migrations/1763800000199-InsightsTriggersWriteOnlyChanges';
import type { RequestContext } from '../../src/platform/context/request-context';
import { InvoiceLinesToReplace, MatchToRecord, SpendFactsRepository } from '../../src/insights/spend-facts.repository';
import { cpuSeconds, percentile } from './bench-support';

type Mode = 'before migration 199' | 'migration 199';

/**
 * What the fact writer's statements cost PostgreSQL per invoice with the triggers as migration 199
 * left them and as they were before (its `down`), on one connection (no other writer, no lock
 * waits): batches of `invoicesEach` new invoices of `linesEach` lines (copies of the newest invoice
 * fact lines under new negative ids), each batch in its own transaction as the outbox's is (the
 * match outcomes, then the lines: `SpendFactsRepository`'s statements), then in another the same
 * batch approved again unchanged. Rounds take turns between the settings. Measured as the
 * backend's CPU (its /proc ticks: the machine's load does not stretch it, as it does wall time)
 * summed per setting, and the wall time's median per batch. The copies are deleted at the end
 * (the rollups subtract them again) and the triggers left as migration 199 made them.
 */
export async function writerTriggerCost(pg: Client, batches: number, invoicesEach: number, linesEach: number, rounds: number) {
  const repository = new SpendFactsRepository();
  const tx = { manager: { query: async (sql: string, params?: unknown[]) => (await pg.query(sql, params)).rows } } as unknown as RequestContext;
  const runner = { query: async (sql: string, params?: unknown[]) => (await pg.query(sql, params)).rows } as unknown as QueryRunner;
  const migration = new InsightsTriggersWriteOnlyChanges1763800000199();
  const modes: Mode[] = ['before migration 199', 'migration 199'];
  const invoices = batches * invoicesEach * rounds * modes.length;
  const [{ pid }] = (await pg.query('SELECT pg_backend_pid() AS pid')).rows;
  const walls = new Map<string, number[]>();
  const cpu = new Map<string, number>();
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const stamp = () => new Date((clock += 1000)).toISOString();
  /** Runs `step` in a transaction; adds its wall time to the median's list and the backend's CPU seconds to the sum. */
  const measured = async (key: string, step: () => Promise<void>) => {
    const [cpuBefore, started] = [cpuSeconds(pid), performance.now()];
    await pg.query('BEGIN');
    await step();
    await pg.query('COMMIT');
    walls.set(key, [...(walls.get(key) ?? []), ((performance.now() - started) * 1000) / invoicesEach]);
    cpu.set(key, (cpu.get(key) ?? 0) + cpuSeconds(pid) - cpuBefore);
  };
  const rows: Record<string, unknown>[] = (
    await pg.query(
      `SELECT to_jsonb(l) || jsonb_build_object('invoice_line_id', -n, 'invoice_id', -(1 + (n - 1) / $2)) AS row
         FROM (SELECT *, row_number() OVER (ORDER BY invoice_line_id DESC) AS n FROM insights_invoice_line ORDER BY invoice_line_id DESC LIMIT $1) l ORDER BY n`,
      [invoices * linesEach, linesEach],
    )
  ).rows.map((r) => r.row);
  if (rows.length < invoices * linesEach) throw new Error(`writerTriggerCost needs ${invoices * linesEach} invoice fact lines, found ${rows.length}`);
  try {
    let next = 0;
    for (let r = 0; r < rounds; r++) {
      for (const mode of modes.map((_, i) => modes[(i + r) % modes.length])) {
        await (mode === 'migration 199' ? migration.up(runner) : migration.down(runner));
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
          await measured(`${mode}|first`, async () => {
            await repository.recordMatches(tx, matches);
            await repository.replaceInvoiceLines(tx, first);
          });
          await measured(`${mode}|again`, () => repository.replaceInvoiceLines(tx, batch(stamp())));
        }
      }
    }
  } finally {
    await pg.query('ROLLBACK').catch(() => undefined);
    await migration.up(runner);
    await pg.query('DELETE FROM insights_invoice_line WHERE invoice_id < 0');
    await pg.query('DELETE FROM insights_invoice WHERE invoice_id < 0');
  }
  const median = (key: string) =>
    percentile(
      walls.get(key)!.sort((a, b) => a - b),
      50,
    );
  const perInvoice = (key: string) => (cpu.get(key)! * 1e6) / (batches * invoicesEach * rounds);
  return modes.map((mode) => ({
    mode,
    firstCpuMicros: perInvoice(`${mode}|first`),
    againCpuMicros: perInvoice(`${mode}|again`),
    firstWallMicros: median(`${mode}|first`),
    againWallMicros: median(`${mode}|again`),
  }));
}
