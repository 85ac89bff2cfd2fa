import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../src/platform/files/project-root';

/**
 * A folder of `../shared/data` (the published PEPPOL examples, the official rules, UNSPSC), read
 * in place: beside the checkout, or beside a folder above it (a git worktree under
 * /work/wt/<name> finds /work/shared/data). `found` is false when no such folder exists; `dir` is
 * then where it was first looked for, for the SKIPPED message.
 */
export function sharedData(...sub: string[]): { dir: string; found: boolean } {
  const root = projectRoot();
  const first = join(dirname(root), 'shared', 'data', ...sub);
  for (let dir = root, up = 0; up < 3 && dirname(dir) !== dir; dir = dirname(dir), up++) {
    const candidate = join(dirname(dir), 'shared', 'data', ...sub);
    if (existsSync(candidate)) return { dir: candidate, found: true };
  }
  return { dir: first, found: false };
}

/** A folder as `sharedData` finds it. */
export type SharedFolder = ReturnType<typeof sharedData>;

/** CI runs with CI set (`CI=true bash .ci/run`); "false" or "0" does not count. */
export const inCi = (): boolean => !!process.env.CI && !['false', '0'].includes(process.env.CI.toLowerCase());

/**
 * Whether the tests of `what` can run: true when every folder is there. When one is missing, a
 * developer's machine skips them with a SKIPPED warning (false), but CI fails: it throws when the
 * test file loads, so a CI run without ../shared/data can never pass with its conformance tests
 * quietly skipped. The one rule for every test that reads the shared data.
 */
export function needShared(what: string, ...folders: SharedFolder[]): boolean {
  const missing = folders.filter((f) => !f.found).map((f) => f.dir);
  if (!missing.length) return true;
  const message = `${what} need ../shared/data beside the repository, and ${missing.join(' and ')} ${missing.length > 1 ? 'were' : 'was'} not found`;
  if (inCi()) throw new Error(`${message}. CI is set (${process.env.CI}): in CI a missing shared folder fails the run instead of skipping these tests quietly.`);
  console.warn(`SKIPPED: ${message}.`);
  return false;
}

/** `describe` when the folders are there (see needShared: skipped with a warning outside CI, a failure in CI). */
export function describeWithShared(name: string, folders: SharedFolder[], fn: () => void): void {
  (needShared(name, ...folders) ? describe : describe.skip)(name, fn);
}
