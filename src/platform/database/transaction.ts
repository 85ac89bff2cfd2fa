import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { AfterCommit, collectAfterCommit, runAfterCommit } from './after-commit';
import { closeBeforeCommit, collectBeforeCommit, writeCollected } from './before-commit';

/**
 * Thrown inside a transaction's work to roll everything back and still answer `result`: an
 * expected refusal (an ErrorResult) found after something was written, such as a budget
 * refused for the second requisition of a cart. The outermost `inTransaction` returns it.
 */
export class RollBackWith<R> extends Error {
  constructor(readonly result: R) {
    super('Rolled back with a result');
  }
}

/**
 * A transaction is one connection, which runs one query at a time. Services may issue several
 * reads together (Promise.all over a transaction's context); they are queued here, in order,
 * instead of inside pg's client, which deprecates that (and pg 9 refuses it).
 */
function oneQueryAtATime(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (!runner) return;
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<typeof query>) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof runner.query;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const logger = new Logger('Transaction');

/**
 * Runs `work` in one transaction (the caller's if it already has one) and retries the whole
 * unit on serialization failures and deadlocks, and when its connection was lost before COMMIT
 * was sent (the server ended the session, the socket broke: nothing of it committed), so a
 * mutation commits or rolls back as a whole.
 * Callbacks given to `ctx.afterCommit` run once the outermost transaction has committed; those
 * of a rolled-back attempt are dropped with it. Rows deferred with `writeBeforeCommit` (audit
 * events, outbox messages) are written after the work, just before COMMIT.
 *
 * `work` may run more than once: it uses only the context it is given (the transaction's, never
 * the caller's) and keeps whatever it counts or collects inside itself (a method taking `tx`).
 */
export async function inTransaction<T>(ds: DataSource, ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>, attempts = 3): Promise<T> {
  if (ctx.manager.queryRunner?.isTransactionActive) return work(ctx);
  for (let attempt = 1; ; attempt++) {
    let lostBeforeCommit = false;
    try {
      let committed: AfterCommit[] = [];
      const result = await ds.transaction(async (manager: EntityManager) => {
        oneQueryAtATime(manager);
        committed = collectAfterCommit(manager);
        collectBeforeCommit(manager);
        try {
          const done = await work(ctx.withManager(manager));
          await writeCollected(manager);
          return done;
        } catch (e) {
          // TypeORM releases a runner whose connection failed; ds.transaction releases it only
          // after this returns, so released here means lost, and COMMIT was never sent.
          lostBeforeCommit = !!manager.queryRunner?.isReleased;
          throw e;
        } finally {
          // After a failed work too: a row added once it rolls back would be lost silently.
          closeBeforeCommit(manager);
        }
      });
      runAfterCommit(committed);
      return result;
    } catch (e) {
      if (e instanceof RollBackWith) return e.result as T;
      const code = (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
      if (attempt >= attempts || !(lostBeforeCommit || (code && RETRYABLE.has(code)))) throw e;
      if (lostBeforeCommit) logger.warn(`attempt ${attempt} lost its database connection before COMMIT (${(e as Error).message}); running it again`);
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}
