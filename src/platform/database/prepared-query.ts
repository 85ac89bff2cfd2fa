import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** At most this many distinct SQL texts are prepared (per process, so per connection too); the rest run unnamed. */
const MAX_PREPARED = 200;
const prepared = new Set<string>();

/**
 * Runs a query as a named prepared statement on the data source's pool, outside any
 * transaction. PostgreSQL then parses and analyses each distinct SQL text once per connection
 * and only plans it per call (with the values — the data source sets plan_cache_mode to
 * force_custom_plan — so plans stay as good as unprepared ones). For the search query — a few
 * CTEs over a partitioned table — that halves the cost of a small search (test/bench/README.md).
 * Every prepared shape stays on every connection, so their number is bounded: filters with
 * many values make many shapes, and a caller must not be able to fill the server's memory.
 */
export async function preparedQuery<T>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const name = 'torg_' + createHash('sha1').update(sql).digest('hex').slice(0, 20);
  if (!prepared.has(name)) {
    if (prepared.size >= MAX_PREPARED) return (await pool.query(sql, params)).rows as T[];
    prepared.add(name);
  }
  return (await pool.query({ name, text: sql, values: params })).rows as T[];
}
