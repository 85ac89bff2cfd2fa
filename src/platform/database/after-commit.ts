import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Work that must only happen once the transaction's changes are visible to everyone. */
export type AfterCommit = () => unknown;

/** Where inTransaction keeps a transaction's callbacks: on its query runner, so a bare EntityManager finds them too. */
const HOOKS = Symbol('afterCommit');
const logger = new Logger('AfterCommit');

type RunnerData = { [HOOKS]?: AfterCommit[] };
const dataOf = (m: EntityManager): RunnerData | undefined => m.queryRunner?.data;

/**
 * Runs `fn` once the transaction `m` belongs to has committed: collected by the outermost
 * inTransaction and run after its COMMIT, dropped on rollback (and with a failed attempt that
 * is retried). Outside a transaction `fn` runs at once. A callback's error is logged, never
 * thrown: the transaction has committed, and the caller's answer must say so.
 */
export function afterCommit(m: EntityManager, fn: AfterCommit): void {
  const hooks = dataOf(m)?.[HOOKS];
  if (hooks) {
    hooks.push(fn);
    return;
  }
  // A transaction someone opened without inTransaction: nobody would run fn after its commit,
  // and running it now would run it before. Refuse rather than do either silently.
  if (m.queryRunner?.isTransactionActive) throw new Error('afterCommit needs a transaction opened by inTransaction');
  runAfterCommit([fn]);
}

/** Marks `m`'s transaction as one whose after-commit callbacks are collected; returns the list. */
export function collectAfterCommit(m: EntityManager): AfterCommit[] {
  const data = dataOf(m);
  if (!data) throw new Error('collectAfterCommit needs a transaction manager with a query runner');
  const hooks: AfterCommit[] = [];
  data[HOOKS] = hooks;
  return hooks;
}

/** Runs committed callbacks in the order they were registered; a promise one returns is not awaited. */
export function runAfterCommit(hooks: AfterCommit[]): void {
  for (const fn of hooks) {
    try {
      const result = fn();
      if (result instanceof Promise) result.catch((e: unknown) => logger.error(`after-commit callback failed: ${(e as Error).message}`));
    } catch (e) {
      logger.error(`after-commit callback failed: ${(e as Error).message}`);
    }
  }
}
