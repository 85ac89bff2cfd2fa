import type { EntityManager } from 'typeorm';
import { preparedQueryIn } from './prepared-query';

/** One data-modifying statement without RETURNING: its SQL (parameters $1…$n, a fixed text) and their values. */
export interface BatchStatement {
  sql: string;
  params: unknown[];
}

/** The statement that writes one kind of row a transaction collected (a multi-row INSERT). */
export type BatchWriter<T> = (rows: T[]) => BatchStatement;

/** Where inTransaction keeps a transaction's deferred batches: on its query runner, like its after-commit callbacks. */
const BATCHES = Symbol('beforeCommit');

interface Batch {
  rows: unknown[];
  write: BatchWriter<unknown>;
}
/** A transaction's batches; `closed` once they were written (or the transaction ended): nobody writes a row added later. */
interface Batches {
  byKind: Map<object, Batch>;
  closed: boolean;
}
type RunnerData = { [BATCHES]?: Batches };
const dataOf = (m: EntityManager): RunnerData | undefined => m.queryRunner?.data;

/**
 * Adds `row` to the batch `kind` of the transaction `m` belongs to, written by `write` just
 * before its COMMIT together with the other rows of that kind (audit events, outbox messages:
 * rows a transaction only adds and never reads back): all kinds in one statement instead of one
 * per row. They commit or roll back with everything else. Outside a transaction opened by
 * inTransaction the row is written at once.
 *
 * Once the batches were written (or the transaction ended) a row would be lost, or its write
 * would meet a released connection: that is a bug in the caller (a write nobody awaited, or one
 * from a branch or callback that outlived the transaction), so it throws, naming the row's kind.
 */
export async function writeBeforeCommit<T>(m: EntityManager, kind: object, row: T, write: BatchWriter<T>): Promise<void> {
  const batches = dataOf(m)?.[BATCHES];
  if (!batches) {
    const { sql, params } = write([row]);
    await preparedQueryIn(m, sql, params);
    return;
  }
  if (batches.closed || m.queryRunner?.isReleased) {
    throw new Error(
      `writeBeforeCommit (${write.name || 'a batch writer'}): the transaction has written its deferred rows already or has ended, so this row would be lost; await the write inside the transaction's work`,
    );
  }
  let batch = batches.byKind.get(kind);
  if (!batch) batches.byKind.set(kind, (batch = { rows: [], write: write as BatchWriter<unknown> }));
  batch.rows.push(row);
}

/** Marks `m`'s transaction as one whose deferred rows are collected (inTransaction, before its work). */
export function collectBeforeCommit(m: EntityManager): void {
  const data = dataOf(m);
  if (!data) throw new Error('collectBeforeCommit needs a transaction manager with a query runner');
  data[BATCHES] = { byKind: new Map(), closed: false };
}

/**
 * Writes the collected batches in one statement (inTransaction, after its work, before COMMIT),
 * and closes them: a later writeBeforeCommit on `m` throws. A writer only makes its statement, so
 * writing adds no rows.
 */
export async function writeCollected(m: EntityManager): Promise<void> {
  const batches = dataOf(m)?.[BATCHES];
  if (!batches) return;
  // The connection died during the work (the server ended it): say so, rather than TypeORM's
  // "query runner already released" from the first INSERT. Nothing of the transaction commits.
  if (m.queryRunner?.isReleased) {
    batches.closed = true;
    throw new Error('The transaction lost its database connection before its deferred rows (audit events, outbox messages) were written; nothing was committed');
  }
  try {
    const statements = [...batches.byKind.values()].filter((b) => b.rows.length).map((b) => b.write(b.rows));
    batches.byKind.clear();
    if (statements.length) {
      const { sql, params } = together(statements);
      await preparedQueryIn(m, sql, params);
    }
  } finally {
    batches.closed = true;
  }
}

/**
 * Several kinds' statements as one: each a data-modifying WITH query of one statement, its
 * parameters renumbered after the previous ones' (one round trip before COMMIT, not one per kind:
 * a transaction that writes rows of several kinds, say audit events and outbox messages, sends
 * them in one). The text depends only on which
 * kinds a transaction wrote, so few texts are prepared.
 */
export function together(statements: readonly BatchStatement[]): BatchStatement {
  if (statements.length === 1) return statements[0];
  let offset = 0;
  const parts = statements.map(({ sql, params }, i) => {
    const shift = offset;
    offset += params.length;
    return `w${i} AS (${sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`;
  });
  return { sql: `WITH ${parts.join(', ')} SELECT 1`, params: statements.flatMap((s) => s.params) };
}

/** Closes `m`'s batches without writing them (inTransaction, when its work failed and the transaction rolls back). */
export function closeBeforeCommit(m: EntityManager): void {
  const batches = dataOf(m)?.[BATCHES];
  if (batches) batches.closed = true;
}
