import type { EntityManager } from 'typeorm';

/** Writes one kind of row a transaction collected, in one statement (a multi-row INSERT). */
export type BatchWriter<T> = (m: EntityManager, rows: T[]) => Promise<void>;

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
 * rows a transaction only adds and never reads back): one statement per kind instead of one
 * per row. They commit or roll back with everything else. Outside a transaction opened by
 * inTransaction the row is written at once.
 *
 * Once the batches were written (or the transaction ended) a row would be lost, or its write
 * would meet a released connection: that is a bug in the caller (a write nobody awaited, or one
 * from a branch or callback that outlived the transaction), so it throws, naming the row's kind.
 */
export async function writeBeforeCommit<T>(m: EntityManager, kind: object, row: T, write: BatchWriter<T>): Promise<void> {
  const batches = dataOf(m)?.[BATCHES];
  if (!batches) return write(m, [row]);
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
 * Writes the collected batches, in the order their kinds were first used (inTransaction, after
 * its work, before COMMIT), and closes them: a later writeBeforeCommit on `m` throws.
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
    // A writer may add rows of another kind; write until nothing is left.
    while (batches.byKind.size) {
      const [kind, batch] = batches.byKind.entries().next().value as [object, Batch];
      batches.byKind.delete(kind);
      if (batch.rows.length) await batch.write(m, batch.rows);
    }
  } finally {
    batches.closed = true;
  }
}

/** Closes `m`'s batches without writing them (inTransaction, when its work failed and the transaction rolls back). */
export function closeBeforeCommit(m: EntityManager): void {
  const batches = dataOf(m)?.[BATCHES];
  if (batches) batches.closed = true;
}
