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
