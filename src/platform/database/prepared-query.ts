import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** At most this many distinct SQL texts are prepared (per process, so per connection too); the rest run unnamed. */
const MAX_PREPARED = 200;
/** SQL text → its statement name: hashing a search's few kilobytes of SQL on every call cost more than the lookup. */
const prepared = new Map<string, string>();
/** The same for statements run in a transaction (preparedQueryIn): a fixed set of texts in code, kept apart so the search's shapes never crowd them out. */
const MAX_PREPARED_IN_TRANSACTION = 100;
const preparedInTransaction = new Map<string, string>();

const statementName = (sql: string) => 'torg_' + createHash('sha1').update(sql).digest('hex').slice(0, 20);

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
    name = statementName(sql);
    prepared.set(sql, name);
  }
  return (await pool.query({ name, text: sql, values: params })).rows as T[];
}

/**
 * A select-list item that lets the rest of its transaction plan with PostgreSQL's default
 * (`plan_cache_mode = auto`) instead of the connection's `force_custom_plan` (data-source.ts, for
 * the search): a prepared statement run five times is then planned once per connection when its
 * generic plan costs no more. That is what a write path of simple key look-ups wants, and also
 * what the statements PostgreSQL runs for it want: each foreign-key check and each statement of
 * a PL/pgSQL trigger is a cached plan with parameters, so under force_custom_plan every one was
 * planned again on every row or statement (the intake's 24 key checks per 5-line invoice planned
 * 1.8 ms, test/bench/README.md 2026-12-02 10:30). Put it in the transaction's first statement,
 * which is then sent anyway (no round trip of its own).
 */
export const GENERIC_PLANS_IN_TRANSACTION = `set_config('plan_cache_mode', 'auto', true)`;

/** For a transaction whose first statement has nothing to carry it: one round trip. */
export async function allowGenericPlans(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT ${GENERIC_PLANS_IN_TRANSACTION}`);
}

/**
 * `manager.query(sql, params)` (same answer, UPDATE's [rows, count] included), sent as a named
 * prepared statement on the manager's connection, the transaction's: parsed and analysed once per
 * connection, and in a transaction that allows generic plans (above) planned once too. For the
 * hot statements of a write path, whose texts are fixed in code (never built from values).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function preparedQueryIn<T = any>(manager: EntityManager, sql: string, params: unknown[]): Promise<T> {
  let name = preparedInTransaction.get(sql);
  if (name === undefined) {
    if (preparedInTransaction.size >= MAX_PREPARED_IN_TRANSACTION) return manager.query(sql, params);
    name = statementName(sql);
    preparedInTransaction.set(sql, name);
  }
  // TypeORM's query runner hands its first argument to pg's client.query as it is: a query
  // config names the statement (pg parses it once per connection), the runner does the rest
  // (one query at a time, errors, a connection lost) as for any statement.
  return manager.query({ name, text: sql } as unknown as string, params);
}
