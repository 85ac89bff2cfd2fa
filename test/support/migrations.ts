import { DataSource, QueryRunner } from 'typeorm';
import type { TestApp } from './test-app';

/**
 * Runs migration steps (`new X().down(runner)`, `.up(runner)`) as the migration runner does: in
 * one transaction on a connection of the app's pool, committed, or rolled back when a step or a
 * check inside throws, so a failed test leaves no half-done migration for the next; the
 * connection is released either way. `steps` gets the runner to look at what it sees inside.
 */
export async function inMigrationTransaction(t: TestApp, steps: (runner: QueryRunner) => Promise<void>): Promise<void> {
  const runner = t.app.get(DataSource).createQueryRunner();
  try {
    await runner.startTransaction();
    await steps(runner);
    await runner.commitTransaction();
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw e;
  } finally {
    await runner.release();
  }
}
