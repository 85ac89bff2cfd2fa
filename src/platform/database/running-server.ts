import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { embeddedDatabaseUrl } from './embedded-database';
import { embeddedPasswordPath, readEmbeddedPassword } from './embedded-password';
import { inspectDataDir } from './stale-server';

export interface RunningEmbeddedDatabase {
  url: string;
  /** The postmaster's pid and port, and the pid of the Torg that started it. */
  pid: number;
  port: number;
  owner: number;
}

/** How long to wait for a server that a Torg is starting (or stopping) on the data directory. */
const SETTLE_MS = 30_000;

/**
 * The embedded PostgreSQL that a running Torg (the service, usually) serves from `dataDir`, for a
 * second process on the same data directory, the CLI, to use instead of starting a second server
 * there (which would be refused). Found through the data directory alone: the lock file
 * postmaster.pid names the server's pid and port (stale-server.ts checks that it is a postgres
 * on this directory whose Torg still runs), and the password file opens it. A server that is
 * still starting is waited for. Null when no Torg runs one there, or it has stopped meanwhile:
 * the caller then starts its own, as the service does.
 */
export async function findRunningEmbeddedDatabase(dataDir: string, settleMs = SETTLE_MS): Promise<RunningEmbeddedDatabase | null> {
  const pgDir = join(dataDir, 'pg');
  for (const deadline = Date.now() + settleMs; ; await sleep(200)) {
    const found = await inspectDataDir(pgDir);
    if (found.state !== 'owned') return null;
    const { lock } = found;
    if (lock.status === 'ready' && lock.port !== null) {
      const password = await readEmbeddedPassword(dataDir);
      if (password === null) throw new Error(`the embedded PostgreSQL in ${pgDir} runs, but ${embeddedPasswordPath(dataDir)} is missing: it cannot be opened`);
      return { url: embeddedDatabaseUrl(lock.port, password), pid: found.pid, port: lock.port, owner: found.owner };
    }
    if (Date.now() > deadline) {
      throw new Error(`the embedded PostgreSQL in ${pgDir} (pid ${found.pid}) of a running Torg is still "${lock.status || 'starting'}" after ${settleMs / 1000} s: try again later`);
    }
  }
}
