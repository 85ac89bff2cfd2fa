import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Runs a query as a named prepared statement on the data source's pool, outside any
 * transaction. PostgreSQL then parses and analyses each distinct SQL text once per connection
 * and only plans it per call (with the values — the data source sets plan_cache_mode to
 * force_custom_plan — so plans stay as good as unprepared ones). For
 * the search query — a few CTEs over a partitioned table — that halves the cost of a small
 * search (measured: 4.3 → 2.6 ms). Meant for hot read paths whose SQL comes in a bounded number
 * of shapes: every shape stays prepared on every connection.
 */
export async function preparedQuery<T>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const name = 'torg_' + createHash('sha1').update(sql).digest('hex').slice(0, 20);
  return (await pool.query({ name, text: sql, values: params })).rows as T[];
}
