import type { EntityManager } from 'typeorm';

/** Writes one kind of row a transaction collected, in one statement (a multi-row INSERT). */
export type BatchWriter<T> = (m: EntityManager, rows: T[]) => Promise<void>;

/** Where inTransaction keeps a transaction's deferred batches: on its query runner, like its after-commit callbacks. */
const BATCHES = Symbol('beforeCommit');

interface Batch {
  rows: unknown[];
  write: BatchWriter<unknown>;
}
type RunnerData = { [BATCHES]?: Map<object, Batch> };
const dataOf = (m: EntityManager): RunnerData | undefined => m.queryRunner?.data;

/**
 * Adds `row` to the batch `kind` of the transaction `m` belongs to, written by `write` just
 * before its COMMIT together with the other rows of that kind (audit events, outbox messages:
 * rows a transaction only adds and never reads back): one statement per kind instead of one
 * per row. They commit or roll back with everything else. Outside a transaction opened by
 * inTransaction the row is written at once.
 */
export async function writeBeforeCommit<T>(m: EntityManager, kind: object, row: T, write: BatchWriter<T>): Promise<void> {
  const batches = dataOf(m)?.[BATCHES];
  if (!batches) return write(m, [row]);
  let batch = batches.get(kind);
  if (!batch) batches.set(kind, (batch = { rows: [], write: write as BatchWriter<unknown> }));
  batch.rows.push(row);
}

/** Marks `m`'s transaction as one whose deferred rows are collected (inTransaction, before its work). */
export function collectBeforeCommit(m: EntityManager): void {
  const data = dataOf(m);
  if (!data) throw new Error('collectBeforeCommit needs a transaction manager with a query runner');
  data[BATCHES] = new Map();
}

/** Writes the collected batches, in the order their kinds were first used (inTransaction, after its work, before COMMIT). */
export async function writeCollected(m: EntityManager): Promise<void> {
  const batches = dataOf(m)?.[BATCHES];
  if (!batches) return;
  // A writer may add rows of another kind; write until nothing is left.
  while (batches.size) {
    const [kind, batch] = batches.entries().next().value as [object, Batch];
    batches.delete(kind);
    if (batch.rows.length) await batch.write(m, batch.rows);
  }
}
