/**
 * Coming back after a crash (issue 13, §6) and the embedded PostgreSQL's password (§2), with real
 * processes: the service is started the way `npm start` starts it, on a temporary TORG_DATA_DIR and
 * free ports, and killed with real signals. Linux: processes are found through /proc.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { embeddedPasswordPath } from '../src/platform/database/embedded-password';
import { commandLine, isRunning, parentPid } from '../src/platform/database/local-process';
import { freePort } from '../src/platform/database/port-holder';
import { readPostmasterPid } from '../src/platform/database/postmaster-pid';

const ROOT = resolve(__dirname, '..');
/** The flags of `npm start`, for the starts that run the built service directly. */
const NODE_FLAGS = ['--max-semi-space-size=32', '--max-old-space-size=2000'];

interface Service {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

let dataDir: string;
let pgDir: string;
let httpPort: number;
let pgPort: number;
const started: ChildProcess[] = [];

function start(how: 'npm' | 'node', extraEnv: Record<string, string> = {}): Service {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    TORG_DATA_DIR: dataDir,
    PORT: String(httpPort),
    EMBEDDED_PG_PORT: String(pgPort),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  delete env.MALLOC_MMAP_THRESHOLD_;
  delete env.MALLOC_TRIM_THRESHOLD_;
  const proc = how === 'npm' ? spawn('npm', ['start'], { cwd: ROOT, env }) : spawn(process.execPath, [...NODE_FLAGS, 'dist/src/main.js'], { cwd: ROOT, env });
  started.push(proc);
  let out = '';
  proc.stdout.on('data', (c) => (out += c));
  proc.stderr.on('data', (c) => (out += c));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return { proc, output: () => out, exited };
}

async function healthy(svc: Service, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (svc.proc.exitCode !== null || svc.proc.signalCode !== null) throw new Error(`the service exited before it was healthy:\n${svc.output()}`);
    const body = await fetch(`http://127.0.0.1:${httpPort}/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.json() as Promise<{ status?: string }>,
      () => null,
    );
    if (body?.status === 'ok') return;
    await sleep(250);
  }
  throw new Error(`/health never answered ok:\n${svc.output()}`);
}

/** Processes of a postgres started on our data directory (the postmaster and its children keep argv[0]). */
function postgresOnDataDir(): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      const args = commandLine(pid);
      return !!args && args[0].endsWith('postgres') && args.includes(pgDir);
    });
}

async function until(what: string, cond: () => boolean, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) if (cond()) return;
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}

async function postmasterPid(): Promise<number> {
  const lock = await readPostmasterPid(pgDir);
  if (!lock) throw new Error(`no postmaster.pid in ${pgDir}`);
  return lock.pid;
}

async function signInWith(password: string, port = pgPort): Promise<void> {
  const c = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'torg' });
  try {
    await c.connect();
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function stopWithSigterm(svc: Service) {
  svc.proc.kill('SIGTERM');
  await svc.exited;
  await until('no postgres runs on the data directory', () => postgresOnDataDir().length === 0, 15_000);
}

beforeAll(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'torg-crash-')), 'data');
  pgDir = join(dataDir, 'pg');
  httpPort = await freePort();
  pgPort = await freePort();
});

/** Whatever a failed test left running on our data directory: npm, node (also behind a shell), postgres. */
function leftOnDataDir(): number[] {
  const ours = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`TORG_DATA_DIR=${dataDir}`);
    } catch {
      return false;
    }
  };
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => pid !== process.pid && ours(pid));
}

afterAll(async () => {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const pid of [...leftOnDataDir(), ...postgresOnDataDir()]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  await rm(join(dataDir, '..'), { recursive: true, force: true });
});

/**
 * How long a start may take before it counts as failed: the first builds the service and the web
 * app, creates the database and loads the demo data (a minute or two on a quiet 2-core machine,
 * much more beside other work); later ones start on the built code and the loaded data. Each
 * test's own time allows for its starts, so a slow start fails as "not healthy", not as a jest
 * timeout that leaves the next test without a build.
 */
const FIRST_START_MS = 360_000;
const START_MS = 120_000;

describe('the embedded PostgreSQL across crashes and stops (real processes)', () => {
  it(
    'npm start builds and serves; the password is generated and kept 0600 in the data directory, postgres:postgres is refused',
    async () => {
      const svc = start('npm');
      await healthy(svc, FIRST_START_MS);
      const file = embeddedPasswordPath(dataDir);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      await expect(signInWith(password)).resolves.toBeUndefined();
      await expect(signInWith('postgres')).rejects.toMatchObject({ code: '28P01' });

      // SIGTERM to the process a supervisor holds (npm) reaches node, which stops PostgreSQL.
      const [nodePid] = readdirSync('/proc')
        .filter((e) => /^\d+$/.test(e))
        .map(Number)
        .filter((pid) => parentPid(pid) === svc.proc.pid);
      expect(commandLine(nodePid)?.join(' ')).toContain('dist/src/main.js'); // node itself, no shell between
      const pgPid = await postmasterPid();
      // The server got the malloc settings it needs (embedded-database.ts), though npm's environment had none.
      const pgEnv = readFileSync(`/proc/${pgPid}/environ`, 'utf8').split('\0');
      expect(pgEnv).toEqual(expect.arrayContaining(['MALLOC_MMAP_THRESHOLD_=4194304', 'MALLOC_TRIM_THRESHOLD_=67108864']));
      svc.proc.kill('SIGTERM');
      await until('node and PostgreSQL have stopped', () => !isRunning(nodePid) && !isRunning(pgPid) && postgresOnDataDir().length === 0, 15_000);
      await svc.exited;
    },
    FIRST_START_MS + 60_000,
  );

  it(
    'after SIGKILL of node the embedded PostgreSQL lingers; the next start stops it, comes up healthy and moves an old postgres:postgres data directory to a generated password',
    async () => {
      const first = start('node');
      await healthy(first, START_MS);
      // Make the data directory what earlier versions left: password "postgres", no password file.
      const file = embeddedPasswordPath(dataDir);
      const c = new Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', password: readFileSync(file, 'utf8').trim(), database: 'torg' });
      await c.connect();
      await c.query(`ALTER ROLE postgres PASSWORD 'postgres'`);
      await c.end();
      await unlink(file);
      const orphan = await postmasterPid();
      first.proc.kill('SIGKILL');
      await first.exited;
      // What the crash leaves: the server still running on the data directory, its lock file in place.
      expect(isRunning(orphan)).toBe(true);

      const second = start('node');
      await healthy(second, START_MS);
      expect(second.output()).toContain(`stopping the embedded PostgreSQL (pid ${orphan})`);
      expect(isRunning(orphan)).toBe(false);
      expect(await postmasterPid()).not.toBe(orphan);
      expect(second.output()).toContain('still had the old default password');
      const password = readFileSync(file, 'utf8').trim();
      expect(password).not.toBe('postgres');
      await expect(signInWith(password)).resolves.toBeUndefined();
      await expect(signInWith('postgres')).rejects.toMatchObject({ code: '28P01' });
      await stopWithSigterm(second);
    },
    2 * START_MS + 60_000,
  );

  it(
    'a stale postmaster.pid naming a live non-PostgreSQL process and a busy EMBEDDED_PG_PORT: it starts, on a free port, naming who holds the configured one',
    async () => {
      await writeFile(join(pgDir, 'postmaster.pid'), `${process.pid}\n${pgDir}\n`);
      const holder: Server = createServer();
      await new Promise<void>((r, reject) => holder.once('error', reject).listen(pgPort, '127.0.0.1', r));
      try {
        const svc = start('node');
        await healthy(svc, START_MS);
        const out = svc.output();
        expect(out).toContain(`removed a stale postmaster.pid from ${pgDir}: pid ${process.pid} now belongs to another program`);
        expect(out).toContain(`port ${pgPort} (EMBEDDED_PG_PORT) on 127.0.0.1 is taken by pid ${process.pid} (`);
        const lock = await readPostmasterPid(pgDir);
        expect(lock?.port).not.toBe(pgPort);
        expect(lock?.pid).not.toBe(process.pid);
        await stopWithSigterm(svc);
      } finally {
        await new Promise((r) => holder.close(r));
      }
    },
    START_MS + 60_000,
  );
});
