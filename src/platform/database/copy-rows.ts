import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';

export type CopyValue = string | number | null | undefined;

/** One field in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : s;
}

/** Rows as the text of a COPY … FROM STDIN (text format). */
export const copyText = (rows: CopyValue[][]) => rows.map((r) => r.map(copyField).join('\t')).join('\n') + '\n';

/**
 * Bulk-inserts rows with COPY on the manager's own connection, so it is part of the caller's
 * transaction. COPY skips per-statement parameter parsing, which makes it faster than a
 * multi-row INSERT from arrays for catalogue lines.
 */
export async function copyRows(m: EntityManager, table: string, columns: string[], rows: CopyValue[][]): Promise<void> {
  if (!rows.length) return;
  if (!m.queryRunner) throw new Error('copyRows needs a transaction-bound EntityManager');
  const client = (await m.queryRunner.connect()) as PoolClient;
  await pipeline(Readable.from([copyText(rows)]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/**
 * Like copyRows, for rows produced as they are sent (an iterable, a million rows and more): the
 * text is made a chunk at a time while COPY runs, so the whole payload is never held as one
 * string, the connection is busy in COPY (never idle in its transaction) and the event loop gets
 * a turn between chunks.
 */
export async function copyRowsFrom(m: EntityManager, table: string, columns: string[], rows: Iterable<CopyValue[]>, chunkRows = 5000): Promise<void> {
  if (!m.queryRunner) throw new Error('copyRowsFrom needs a transaction-bound EntityManager');
  const client = (await m.queryRunner.connect()) as PoolClient;
  function* chunks(): Generator<string> {
    let chunk: CopyValue[][] = [];
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length >= chunkRows) {
        yield copyText(chunk);
        chunk = [];
      }
    }
    if (chunk.length) yield copyText(chunk);
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}
