import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** At most this many distinct SQL texts are prepared (per process, so per connection too); the rest run unnamed. */
const MAX_PREPARED = 200;
/** SQL text → its statement name: hashing a search's few kilobytes of SQL on every call cost more than the lookup. */
const prepared = new Map<string, string>();

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
  let name = prepared.get(sql);
  if (name === undefined) {
    if (prepared.size >= MAX_PREPARED) return (await pool.query(sql, params)).rows as T[];
    name = 'torg_' + createHash('sha1').update(sql).digest('hex').slice(0, 20);
    prepared.set(sql, name);
  }
  return (await pool.query({ name, text: sql, values: params })).rows as T[];
}
