import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseTimeouts } from '../config/config';
import { MIGRATIONS } from '../../../migrations';

/** The timeouts each data source's connections run with (bulk-work.ts reads them). */
const TIMEOUTS = new WeakMap<DataSource, DatabaseTimeouts>();

/** The timeouts `ds` was created with, or undefined for one made without (migrations). */
/** The entity classes a data source maps; each domain module exports its own list. */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

export const timeoutsOf = (ds: DataSource): DatabaseTimeouts | undefined => TIMEOUTS.get(ds);

/**
 * The one TypeORM data source: explicit entities (composed outside platform, in
 * src/database-entities.ts) and migrations, never `synchronize`. With
 * `timeouts`, every connection of the pool starts with statement_timeout, lock_timeout and
 * idle_in_transaction_session_timeout set, and a request waits at most `acquireMs` for a free
 * connection: a stall then ends in an error that errors/database-errors.ts turns into a 503/409,
 * instead of a hang that takes every tenant with it.
 */
export function createDataSource(url: string, poolSize = 10, timeouts?: DatabaseTimeouts, entities: EntityList = []): DataSource {
  const limits = timeouts
    ? {
        statement_timeout: timeouts.statementMs,
        lock_timeout: timeouts.lockMs,
        idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
        connectionTimeoutMillis: timeouts.acquireMs,
      }
    : {};
  // TypeORM reads no query parameters of the URL: a `?host=/socket/dir` (libpq's way of naming a
  // Unix socket, which the embedded database's URL uses) is passed to pg by hand.
  const socketDir = new URL(url).searchParams.get('host');
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'torg_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // Always plan with the actual values: the search runs as a prepared statement (see
    // prepared-query.ts), and a generic plan for it is several times slower for a common word.
    // No constraint exclusion: a partitioned table is pruned by its partition bounds already, and
    // the default ('partition') then also tries to refute every remaining partition's CHECK
    // constraints against the query's conditions, on every plan (a sixth of a small search's
    // planning; test/bench/README.md 2026-12-02 14:50). No query here relies on it: there are no
    // inheritance children, and no UNION ALL over tables with CHECK constraints.
    extra: {
      max: poolSize,
      application_name: 'torg',
      options: '-c plan_cache_mode=force_custom_plan -c constraint_exclusion=off',
      ...limits,
      ...(socketDir ? { host: socketDir } : {}),
    },
  });
  if (timeouts) TIMEOUTS.set(ds, timeouts);
  return ds;
}
