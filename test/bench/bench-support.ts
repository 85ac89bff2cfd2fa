/**
 * What the benchmarks share: a client for the service over loopback HTTP, CPU and memory readings
 * from /proc (Linux), percentiles and the printed table.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/files/project-root';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import type { Client } from 'pg';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export function orgNumber(seed: number): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (let n = seed; ; n++) {
    const base = String(n).padStart(8, '0').slice(-8);
    const r = weights.reduce((a, w, i) => a + w * Number(base[i]), 0) % 11;
    const check = r === 0 ? 0 : 11 - r;
    if (check !== 10) return base + check;
  }
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * How long the benches' client keeps an idle kept-alive socket. Node's agent shortens it to the
 * server's announced `Keep-Alive: timeout=N` less a second, but only when it has a timeout of its
 * own: without one (as before) it kept idle sockets for ever and handed out sockets the server had
 * just closed after its 5 s, whose requests were reset ("socket hang up").
 */
const IDLE_SOCKET_MS = 30_000;

/** Errors of a request that never reached a server that had closed its kept-alive socket. */
const CLOSED_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

export class Api {
  // The load generator shares the machine with the service and PostgreSQL: node:http with
  // kept-alive sockets costs it about a third of the CPU of fetch per request (measured).
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 128, timeout: IDLE_SOCKET_MS });
  /** Requests sent again on a new connection because their reused one was closed before any answer (see send). */
  resent = 0;
  constructor(readonly base: string) {}
  /**
   * POSTs a body; the status and the answer's text. A request whose reused kept-alive socket is
   * reset or closed before any answer came (the server closed it while idle, and this client, busy
   * or starved, had not yet seen its FIN) never reached the service: it is sent once more on a
   * new connection, which the server cannot have closed while idle (Node's documented remedy).
   * Any other failure, or one on a new connection, is an error that says where it happened.
   */
  private send(path: string, headers: Record<string, string>, body: Buffer, fresh = false): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = http.request(`${this.base}${path}`, { method: 'POST', agent: fresh ? false : this.agent, headers: { ...headers, 'content-length': body.length } }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (!answered && !fresh && req.reusedSocket && CLOSED_SOCKET_CODES.has(e.code ?? '')) {
          this.resent++;
          resolve(this.send(path, headers, body, true));
          return;
        }
        const where = req.reusedSocket ? 'on a reused kept-alive connection' : 'on a new connection';
        reject(Object.assign(new Error(`POST ${path}: ${e.message} (${e.code ?? 'no code'}) ${where}${answered ? ' after the answer began' : ', before any answer'}`), { code: e.code }));
      });
      req.end(body);
    });
  }
  /** POSTs an XML document (POST /documents); the status and the JSON answer. */
  async postXml(path: string, token: string, xml: Buffer): Promise<{ status: number; body: any }> {
    const res = await this.send(path, { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, xml);
    return { status: res.status, body: JSON.parse(res.text) };
  }
  /**
   * A GraphQL operation; one refused with a retry time (a lock or a connection waited for too
   * long on a loaded machine: "nothing was changed") is sent again, up to 5 times.
   */
  async gql(token: string | null, query: string, variables?: Record<string, unknown>) {
    const payload = Buffer.from(JSON.stringify({ query, variables }), 'utf8');
    let body: { data?: any; errors?: any[] };
    for (let attempt = 1; ; attempt++) {
      const res = await this.send('/graphql', { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload);
      body = JSON.parse(res.text) as { data?: any; errors?: any[] };
      const retryAfter = body.errors?.find((e) => e.extensions?.retryAfterSeconds)?.extensions.retryAfterSeconds as number | undefined;
      if (!retryAfter || attempt >= 5) break;
      await new Promise((r) => setTimeout(r, retryAfter * 1000));
    }
    if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors).slice(0, 500)}`);
    return body.data;
  }
  /**
   * Uploads a file as multipart/form-data (field "file"), streamed from disk: building the form
   * with fetch, FormData and a Blob cost the load generator about 4 µs per catalogue line.
   */
  async upload(path: string, token: string, filePath: string, fileName: string): Promise<{ status: number; body: any }> {
    const boundary = `torg-bench-${Date.now()}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const { size } = await stat(filePath);
    return new Promise((resolve, reject) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length };
      const req = http.request(`${this.base}${path}`, { method: 'POST', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.write(head);
      const file = createReadStream(filePath);
      file.on('error', reject);
      file.on('end', () => req.end(tail));
      file.pipe(req, { end: false });
    });
  }
  async login(email: string) {
    return (await this.gql(null, 'mutation($e: String!) { devLogin(email: $e) { token } }', { e: email })).devLogin.token as string;
  }
}

export function rss(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** CPU seconds (user + system) of one process, from /proc (Linux); with `reaped`, also of its ended children. */
export function cpuSeconds(pid: number, reaped = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return (own + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) / 100; // clock ticks of 1/100 s
  } catch {
    return 0; // the process has ended
  }
}

/**
 * CPU seconds of this PostgreSQL server: the postmaster and its processes now running (backends,
 * workers) plus the ones that ended (backends, autovacuum workers), which it has reaped. Only
 * the postmaster's own children count: other servers on a shared machine are not this bench's.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  let total = cpuSeconds(postmasterPid, true);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === postmasterPid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.split(') ')[1].split(' ')[1]);
      if (parent === postmasterPid && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The machine's CPU time so far (seconds, all cores): busy, in all, and stolen by the host (a virtual machine's neighbours). */
export function machineCpu(): { busy: number; total: number; steal: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / 100, total: (busy + idle + iowait) / 100, steal: steal / 100 };
}

/** Share of the machine's CPU time between two readings that was busy, and that the host took. */
export function machineShare(before: ReturnType<typeof machineCpu>, after: ReturnType<typeof machineCpu>) {
  const total = after.total - before.total;
  return { busy: (after.busy - before.busy) / total, stolen: (after.steal - before.steal) / total };
}

/** Prints rows as one Markdown table under a title. */
export function printTable(title: string, rows: [string, string, string][]): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['measure', 'figure', 'detail'][i].length));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(['measure', 'figure', 'detail']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

/**
 * Waits until the service at `base` answers /health (up to five minutes: on the shared machine,
 * migrations and the demo seed have taken more than one).
 */
export async function healthy(base: string): Promise<void> {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (i > 1500) throw new Error('service did not become healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * BENCH_SERVICE_NODE_ARGS as Node options for a service the bench starts (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof", which NODE_OPTIONS does not allow). With --cpu-prof the service also
 * preloads exit-on-stop.js, so that it exits normally when stopped and Node writes the profile.
 */
export function serviceNodeArgs(): string[] {
  const args = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  return args.some((a) => a.startsWith('--cpu-prof')) ? [...args, '--require', join(__dirname, 'exit-on-stop.js')] : args;
}

/**
 * Torg from dist/ on a free port against `databaseUrl`, seeded with the demo world, answering
 * /health before it returns, with serviceNodeArgs().
 */
export async function startDemoService(databaseUrl: string, env: Record<string, string> = {}): Promise<{ service: ChildProcess; api: Api }> {
  const port = await freePort();
  const service = spawn(process.execPath, [...serviceNodeArgs(), join(projectRoot(), 'dist', 'src', 'main.js')], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'true', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const api = new Api(`http://127.0.0.1:${port}`);
  await healthy(api.base);
  return { service, api };
}

/** Waits until the demo catalogues are published and the search indexer has nothing left to do. */
export async function demoIndexed(pg: Client): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const [{ published, pending }] = (
      await pg.query(`SELECT (SELECT count(*)::int FROM catalogue_version WHERE status = 'PUBLISHED') AS published,
                             (SELECT count(*)::int FROM outbox_message WHERE topic = 'search.catalogue-changed' AND state <> 'done') AS pending`)
    ).rows;
    if (published > 0 && pending === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the demo catalogues were not indexed within two minutes');
}
