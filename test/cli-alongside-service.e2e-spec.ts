/**
 * The CLI beside a running Torg (issue 14, §4): `npm run cli` runs from the build, uses the
 * embedded PostgreSQL of the Torg that runs on the same data directory (found through its
 * postmaster.pid and password file) instead of starting a second one, and starts its own when
 * nothing runs. The service here is the real app in this process on a temporary TORG_DATA_DIR;
 * the CLI is a real child process, started as README says.
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../src/main';
import { loadConfig } from '../src/platform/config/config';
import { isRunning } from '../src/platform/database/local-process';
import { freePort } from '../src/platform/database/port-holder';
import { readPostmasterPid } from '../src/platform/database/postmaster-pid';
import { seedDemo } from '../src/seed/demo-seed';

const ROOT = resolve(__dirname, '..');
const OPERATOR = 'drift@kommune.example';

let dataDir: string;
let app: NestExpressApplication | undefined;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- <args>` on our data directory, as a user types it. */
async function cli(...args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', TORG_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PLATFORM_OPERATORS: OPERATOR, LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  return new Promise((done, fail) => {
    const proc = spawn('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c) => (stdout += c));
    proc.stderr.on('data', (c) => (stderr += c));
    proc.once('error', fail);
    proc.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'torg-cli-')), 'data');
  const config = loadConfig({ NODE_ENV: 'test', TORG_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0' });
  app = await createApp(config);
  await app.init();
  await seedDemo(app);
});

afterAll(async () => {
  await app?.close();
  await rm(join(dataDir, '..'), { recursive: true, force: true });
});

describe('the CLI while the service runs on the same data directory', () => {
  it('uses the service’s embedded PostgreSQL: it sees the service’s data, and what it writes the service sees', async () => {
    const server = await readPostmasterPid(join(dataDir, 'pg'));
    const seed = await cli('seed');
    expect(seed).toMatchObject({ code: 0, stdout: expect.stringContaining('The database has organisations already; nothing seeded.') });
    expect(seed.stderr).toContain(`Using the embedded PostgreSQL of the Torg running on ${dataDir} (pid ${process.pid}; PostgreSQL pid ${server!.pid}`);

    const bootstrap = await cli('bootstrap-operator', OPERATOR, '974760673', '--organisation-name', 'Drift');
    expect(bootstrap.stdout).toContain(`${OPERATOR} can now sign in`);
    expect(bootstrap.code).toBe(0);
    const rows = await app!.get(DataSource).query('SELECT o.name FROM membership m JOIN app_user u ON u.id = m.user_id JOIN organisation o ON o.id = m.organisation_id WHERE u.email = $1', [OPERATOR]);
    expect(rows).toEqual([{ name: 'Drift' }]);

    // The service's server still runs, the same one, and still answers the service.
    expect(await readPostmasterPid(join(dataDir, 'pg'))).toMatchObject({ pid: server!.pid, status: 'ready' });
    expect(await app!.get(DataSource).query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('runs from the build: a call after an unchanged build does not compile again', async () => {
    await cli('help'); // builds if the sources changed since the last build
    const again = await cli('help');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Usage: npm run cli -- <command>');
    expect(again.stderr).not.toContain('Building dist/');
  });
});

describe('the CLI when nothing runs on the data directory', () => {
  it('starts its own embedded PostgreSQL on it, finds the data there, and stops the server when done', async () => {
    const server = (await readPostmasterPid(join(dataDir, 'pg')))!.pid;
    await app!.close();
    app = undefined;
    expect(isRunning(server)).toBe(false);

    const seed = await cli('seed');
    expect(seed.stderr).not.toContain('Using the embedded PostgreSQL of the Torg running');
    expect(seed).toMatchObject({ code: 0, stdout: expect.stringContaining('The database has organisations already; nothing seeded.') });
    const again = await cli('bootstrap-operator', OPERATOR, '974760673');
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining(`${OPERATOR} is a member of Drift already`) });
    expect(await readPostmasterPid(join(dataDir, 'pg'))).toBeNull();
  });
});
