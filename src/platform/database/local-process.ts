import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Looks at processes on this machine by pid: enough to tell whether a pid still runs, what it
 * runs and who its parent is, and to stop it. Linux reads /proc; elsewhere `ps` answers.
 */

/** True while the process exists and is not a zombie (exited, waiting for its parent to reap it). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processState(pid) !== 'Z';
}

/** The one-letter state (R, S, Z, …); '' when it cannot be read. */
function processState(pid: number): string {
  const stat = readProc(pid, 'stat');
  // The state follows the command name in parentheses, which may itself hold ") ".
  if (stat) return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return ps(pid, 'stat').slice(0, 1);
}

/** The process's arguments (argv[0] first), or null when it is gone or cannot be read. */
export function commandLine(pid: number): string[] | null {
  const cmdline = readProc(pid, 'cmdline');
  if (cmdline) return cmdline.replace(/\0$/, '').split('\0');
  const args = ps(pid, 'args');
  return args ? args.split(/\s+/) : null;
}

export function parentPid(pid: number): number | null {
  const stat = readProc(pid, 'stat');
  const ppid = stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] : ps(pid, 'ppid');
  return ppid ? Number(ppid) : null;
}

/** "1234 (postgres -D /x)" for messages. */
export function describeProcess(pid: number): string {
  const args = commandLine(pid);
  return args ? `pid ${pid} (${args.join(' ').slice(0, 200)})` : `pid ${pid}`;
}

/**
 * Sends each signal in turn and waits up to its grace period for the process to end; true when
 * it ended. For PostgreSQL: SIGINT is a fast shutdown, SIGQUIT an immediate one (crash recovery
 * at the next start), SIGKILL the last resort.
 */
export async function stopProcess(pid: number, steps: { signal: NodeJS.Signals; graceMs: number }[]): Promise<boolean> {
  for (const { signal, graceMs } of steps) {
    if (!isRunning(pid)) return true;
    try {
      process.kill(pid, signal);
    } catch {
      return !isRunning(pid);
    }
    for (const deadline = Date.now() + graceMs; Date.now() < deadline;) {
      if (!isRunning(pid)) return true;
      await sleep(50);
    }
  }
  return !isRunning(pid);
}

/** A file of /proc/<pid>/ (Linux), or '' when there is none to read. */
function readProc(pid: number, file: string): string {
  if (process.platform !== 'linux') return '';
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

function ps(pid: number, field: string): string {
  try {
    return execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}
