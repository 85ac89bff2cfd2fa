import { realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { commandLine, describeProcess, isRunning, parentPid, stopProcess } from './local-process';
import { PostmasterPid, postmasterPidPath, readPostmasterPid } from './postmaster-pid';

/** Fast shutdown, then immediate shutdown, then SIGKILL: a few seconds in all for a healthy server. */
export const POSTGRES_STOP_STEPS: { signal: NodeJS.Signals; graceMs: number }[] = [
  { signal: 'SIGINT', graceMs: 10_000 },
  { signal: 'SIGQUIT', graceMs: 5_000 },
  { signal: 'SIGKILL', graceMs: 5_000 },
];

/** What holds a data directory's lock file (postmaster.pid), if anything. */
export type DataDirServer =
  | { state: 'none' }
  /** A lock file whose process is gone, or is now another program. */
  | { state: 'stale-lock'; why: string }
  /** A postgres on the data directory whose Torg is gone (its parent is not a running node). */
  | { state: 'orphan'; pid: number }
  /** A postgres on the data directory whose parent, a node (a Torg: the service, the CLI, a test), still runs. */
  | { state: 'owned'; pid: number; owner: number; lock: PostmasterPid };

export async function inspectDataDir(pgDir: string): Promise<DataDirServer> {
  const lock = await readPostmasterPid(pgDir);
  if (!lock) return { state: 'none' };
  const { pid } = lock;
  if (!isRunning(pid) || !servesDataDir(pid, pgDir)) {
    return { state: 'stale-lock', why: isRunning(pid) ? `pid ${pid} now belongs to another program, ${describeProcess(pid)}` : `its process ${pid} no longer runs` };
  }
  const parent = parentPid(pid);
  if (parent !== null && parent !== 1 && isNode(parent)) return { state: 'owned', pid, owner: parent, lock };
  return { state: 'orphan', pid };
}

/**
 * When node dies without stopping the embedded PostgreSQL (kill -9, out of memory), the server
 * keeps running on the data directory and the next start cannot take it. This finds such a
 * server through the data directory's lock file and stops it; a lock file whose process is gone
 * (or is now some other program) is removed. A server whose parent is a running node (another
 * Torg on the same data directory) is left alone: starting is refused instead.
 */
export async function clearStaleServer(pgDir: string, log: (m: string) => void): Promise<void> {
  const found = await inspectDataDir(pgDir);
  if (found.state === 'none') return;
  if (found.state === 'stale-lock') {
    await rm(postmasterPidPath(pgDir), { force: true });
    log(`removed a stale postmaster.pid from ${pgDir}: ${found.why}`);
    return;
  }
  const { pid } = found;
  if (found.state === 'owned') {
    throw new Error(
      `the embedded PostgreSQL in ${pgDir} (pid ${pid}) belongs to a Torg that is still running, ${describeProcess(found.owner)}: ` + 'stop that one first, or give this one another TORG_DATA_DIR',
    );
  }
  log(`stopping the embedded PostgreSQL (pid ${pid}) that a Torg which did not shut down cleanly left running in ${pgDir}`);
  if (!(await stopProcess(pid, POSTGRES_STOP_STEPS))) {
    throw new Error(`the embedded PostgreSQL left running in ${pgDir} (pid ${pid}) did not stop; stop it by hand (kill ${pid})`);
  }
}

/** True when the process is a postmaster started with `-D <pgDir>`. */
function servesDataDir(pid: number, pgDir: string): boolean {
  const args = commandLine(pid);
  if (!args || !basename(args[0]).startsWith('postgres')) return false;
  const d = args.indexOf('-D');
  return d >= 0 && d + 1 < args.length && samePath(args[d + 1], pgDir);
}

function isNode(pid: number): boolean {
  const args = commandLine(pid);
  return !!args && /^node(js)?(\d+)?(\.exe)?$/.test(basename(args[0]));
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}
