import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * PostgreSQL's lock file `postmaster.pid` in its data directory: written at start, removed at a
 * clean stop, left behind when the server (or its machine) dies. Lines: pid, data directory,
 * start time, port, socket directory, listen address, shared memory key, status.
 */
export interface PostmasterPid {
  pid: number;
  dataDir: string;
  port: number | null;
  status: string;
}

export function parsePostmasterPid(text: string): PostmasterPid | null {
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  const port = Number(lines[3]);
  return { pid, dataDir: lines[1] ?? '', port: Number.isSafeInteger(port) && port > 0 ? port : null, status: (lines[7] ?? '').trim() };
}

export function postmasterPidPath(pgDir: string) {
  return join(pgDir, 'postmaster.pid');
}

/** The lock file's contents, or null when there is none (or it says nothing usable). */
export async function readPostmasterPid(pgDir: string): Promise<PostmasterPid | null> {
  const text = await readFile(postmasterPidPath(pgDir), 'utf8').catch(() => null);
  return text === null ? null : parsePostmasterPid(text);
}
