import type { EntityManager } from 'typeorm';
import { timeoutsOf } from './data-source';

/**
 * Lets the rest of the current transaction run long statements, wait long for locks and stay
 * idle while the file is read (DATABASE_BULK_STATEMENT_TIMEOUT_MS instead of the pool's short
 * limits): a 1M-line catalogue import, a large XLSX whose shared strings are read before its
 * first row, a search partition built in one statement, an UNSPSC import. SET LOCAL ends with the
 * transaction, so the connection goes back to the pool with its short limits.
 */
export async function allowBulkWork(m: EntityManager): Promise<void> {
  const timeouts = timeoutsOf(m.connection);
  if (!timeouts) return;
  const ms = Number(timeouts.bulkStatementMs);
  await m.query(`SET LOCAL statement_timeout = ${ms}; SET LOCAL lock_timeout = ${ms}; SET LOCAL idle_in_transaction_session_timeout = ${ms}`);
}
