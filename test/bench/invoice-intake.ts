/**
 * npm run bench:invoices [-- --per-sender N] [--warm-up W] [--statements] [--waits] [--keep]   (npm run bench runs it too)
 *
 * Invoice intake and matching through HTTP (issue 16 §6a). On the demo world, each of 16
 * senders (Kontorland's ERP, 16 connections at once) has an order of 5 lines and one of 50 lines,
 * sent, accepted and received in full (N + W units of each line); it posts W untimed warm-up
 * invoices (8 unless told) and then N invoices of each size to POST /documents, each invoicing one unit of every line (partial invoices against received goods: three-way matched,
 * approved automatically). Beside it, in the same run, the floor: the same invoices posted to
 * POST /documents/check, which authenticates, reads the whole document as safe XML and runs
 * Torg's own checks of it, and touches no database. Prints invoices/s, p50/p95, CPU per invoice and per check, the ratio, the
 * machine's load average, and the background work: how many outbox messages were still waiting
 * when the last invoice was answered, and how long they took to run, with the deadlocks PostgreSQL
 * detected meanwhile (retried inside inTransaction, so not outbox failures) and the outbox
 * messages that failed at least once (insights.spend's apart). The floor waits for them
 * (they would slow it and flatter the ratio).
 *
 * Both phases start warm: W untimed documents per sender first (the intake's invoices, so each
 * connection has the intake's statements prepared and the service its code compiled, as in a
 * running service; the floor checks of the same documents), so that 16 senders do not each wait for a new database connection on a loaded machine
 * (which outwaited the pool's acquire timeout: 503), nor time each connection's first planning. Every answer is counted: an invoice counts in invoices/s and the
 * percentiles only when it was answered 201 APPROVED, and the table says how many answers were
 * not 2xx, with their status, code and message (the message tells a full pool's queue from a
 * connection not opened in time); the run then ends with exit code 1 after the table.
 *
 * With --statements, PostgreSQL loads pg_stat_statements and the bench prints every statement
 * the service sent per invoice: the intake's and the background's (Invoice Response, insights'
 * facts, the outbox dispatcher's own) with their execution and planning time, waiting for the outbox to empty before it counts and
 * before the floor. Counting costs a little; compare timings of runs made without it.
 *
 * With --waits, the bench's own client samples the service's backends every 50 ms during each
 * intake phase (BackendWaits): what they wait on (which lock, held by whom it is not said), and
 * how often they are idle in a transaction, waiting for the service (and again while the outbox
 * runs what the intake left). It also prints the service's
 * and PostgreSQL's CPU during the intake alone, as shares of one core (Node runs the requests on
 * one thread), and how busy the whole machine was.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { Client } from 'pg';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { projectRoot } from '../../src/platform/files/project-root';
import { quickInvoiceXml } from '../support/invoices';
import { BackendWaits } from './backend-waits';
import { Api, startDemoService, cpuSeconds, freePort, machineCpu, machineShare, ms, percentile, postgresCpuSeconds, printTable } from './bench-support';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SENDERS = 16;
const PER_SENDER = flag('per-sender', 8);
/**
 * Untimed invoices per sender before each intake phase, and as many checks before each floor:
 * both are measured with the service's code compiled as a running service has it. V8 runs a
 * function's first few hundred calls in its interpreter and baseline tiers, and an intake runs a
 * wide path once per invoice: with one warm-up document per sender, the intake was measured while
 * still compiling, and the floor (run after it, on code the intake had warmed) was not.
 */
const WARM_UP = flag('warm-up', 8);
const SIZES = [5, 50] as const;
const COUNT_STATEMENTS = args.includes('--statements');
const SAMPLE_WAITS = args.includes('--waits');
/**
 * The bench's own statements name a column so, and the count leaves them out: PostgreSQL 18's
 * pg_stat_statements keeps no comment of a statement's text, so a comment marked nothing and
 * the bench's polls of the outbox were counted as the service's.
 */
const OWN = 'own_bench';
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface OrderLine {
  lineId: string;
  name: string;
  quantity: string;
  unitCode: string;
  price: string;
  vatRate: string;
  sellerItemId: string | null;
}
interface PlacedOrder {
  orderNumber: string;
  customerReference: string;
  lines: OrderLine[];
}

/** The 50 cheapest items of Kontorland's demo catalogue, so an order of 50 lines stays small. */
async function cheapestItems(): Promise<string[]> {
  const csv = await readFile(join(projectRoot(), 'catalogs', 'kontorland-kontorrekvisita.csv'), 'utf8');
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map((cells) => ({ id: cells[0], price: Number(cells.find((c) => /^\d+\.\d{2}$/.test(c)) ?? 'Infinity') }));
  return rows
    .sort((a, b) => a.price - b.price)
    .slice(0, Math.max(...SIZES))
    .map((r) => r.id);
}

/** A requester of its own per sender (one cart per person), whose own limit covers its orders: they are approved at submit. */
async function buyers(api: Api, operator: string, admin: string, school: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let b = 0; b < SENDERS; b++) {
    const email = `bench-invoicing-${b}@nordby.example`;
    const granted = await api.gql(operator, `mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { userId } }`, {
      i: { email, name: `Bench ${b}`, organisationId: school, roles: ['REQUESTER'] },
    });
    await api.gql(admin, `mutation($i: SetPersonalLimitInput!) { setPersonalLimit(input: $i) { __typename } }`, {
      i: { userId: granted.grantMembership.userId, organisationId: school, amount: '10000000' },
    });
    tokens.push(await api.login(email));
  }
  return tokens;
}

async function placeOrder(api: Api, w: { supplier: string; costCentreId: number; deliveryAddressId: number }, buyer: string, itemIds: string[]): Promise<PlacedOrder> {
  for (const itemId of itemIds) await api.gql(buyer, `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }`, { i: { itemId, quantity: String(PER_SENDER + WARM_UP) } });
  const submitted = await api.gql(buyer, `mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { id status } } ... on ErrorResult { message } } }`, {
    i: { costCentreId: w.costCentreId, deliveryAddressId: w.deliveryAddressId },
  });
  const id = submitted.submitCart.requisitions?.[0]?.id as number | undefined;
  if (!id) throw new Error(`submit: ${JSON.stringify(submitted)}`);
  const fields = `status orderNumber: number customerReference lines { lineId name quantity unitCode price vatRate sellerItemId }`;
  let order: PlacedOrder & { status: string };
  for (let i = 0; ; i++) {
    order = (await api.gql(buyer, `query($id: Int!) { order(id: $id) { ${fields} } }`, { id })).order;
    if (order.status === 'SENT') break;
    if (i > 3000) throw new Error(`order ${id} was not sent: ${order.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await api.gql(w.supplier, `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename } }`, { i: { orderId: id, responseCode: 'ACCEPTED' } });
  const received = await api.gql(buyer, `mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { __typename ... on GoodsReceived { order { status } } ... on ErrorResult { message } } }`, {
    i: { orderId: id, lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
  });
  if (received.receiveGoods.order?.status !== 'RECEIVED') throw new Error(`receive: ${JSON.stringify(received)}`);
  return order;
}

/**
 * The n-th partial invoice of an order: one unit of every line, built by the tests' one invoice
 * builder (the same document as before, now with the builder's fixed dates and payment means).
 */
function invoiceOf(order: PlacedOrder, number: string): Buffer {
  const xml = quickInvoiceXml({
    id: number,
    orderReference: order.orderNumber,
    buyerReference: order.customerReference,
    lines: order.lines.map((l) => ({
      orderLineId: l.lineId,
      sellerItemId: l.sellerItemId ?? undefined,
      name: l.name,
      quantity: '1',
      unitCode: l.unitCode,
      price: l.price,
      vatPercent: String(Number(l.vatRate)),
    })),
  });
  return Buffer.from(xml, 'utf8');
}

type Answer = { status: number; body: any };

/**
 * Every answer of one phase, by status and code (a 2xx one also by the document's status): an
 * answer that is not the expected one is counted as failed and never as a success, and a
 * non-2xx one is kept with its message, which says why (a full pool, a connection not opened in
 * time, a statement timeout…).
 */
class Answers {
  private readonly byKind = new Map<string, number>();
  succeeded = 0;
  failed = 0;
  nonSuccess = 0;
  constructor(private readonly expected: (a: Answer) => boolean) {}

  /** Counts an answer; whether it was the expected one. */
  record(a: Answer): boolean {
    const ok = this.expected(a);
    const twoHundred = a.status >= 200 && a.status < 300;
    const kind = twoHundred
      ? `${a.status} ${a.body.status ?? a.body.code ?? (a.body.valid === false ? 'invalid' : '')}`.trim()
      : `${a.status} ${a.body.code}: ${String(a.body.message ?? '').slice(0, 100)}`;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    if (ok) this.succeeded++;
    else this.failed++;
    if (!twoHundred) this.nonSuccess++;
    return ok;
  }

  /** "non-2xx 0", or how many, and every kind of answer with its count when any failed. */
  summary(): string {
    const counted = `non-2xx ${this.nonSuccess}`;
    if (this.failed === 0) return counted;
    return `${counted}; NOT AS EXPECTED ${this.failed}: ${[...this.byKind].map(([k, n]) => `${n} × ${k}`).join('; ')}`;
  }
}

/**
 * Runs each sender's documents in order, all senders at once; the wall time in seconds and the
 * time of each expected answer (a failed one is counted in `answers`, not timed as a success).
 */
async function send(documents: Buffer[][], post: (xml: Buffer) => Promise<Answer>, answers: Answers): Promise<{ seconds: number; times: number[] }> {
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    documents.map(async (mine) => {
      for (const xml of mine) {
        const t0 = performance.now();
        const answer = await post(xml);
        const elapsed = performance.now() - t0;
        if (answers.record(answer)) times.push(elapsed);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, times: times.sort((a, b) => a - b) };
}

const approved = (a: Answer) => a.status === 201 && a.body.status === 'APPROVED';
const valid = (a: Answer) => a.status === 200 && a.body.valid === true;

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'torg-bench-invoices-'));
  const log = (m: string) => process.stderr.write(`[bench:invoices] ${m}\n`);
  const db = await startEmbeddedDatabase(
    join(work, 'data'),
    await freePort(),
    log,
    COUNT_STATEMENTS ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', 'pg_stat_statements.track_planning': 'on' } : {},
  );
  let service: ChildProcess | undefined;
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  /** Outbox messages not yet done (pending, due or not). */
  const waiting = async () => (await pg.query(`SELECT count(*)::int AS n, 1 AS ${OWN} FROM outbox_message WHERE state = 'pending'`)).rows[0].n as number;
  /** Deadlocks PostgreSQL has detected, and outbox messages that failed at least once (all and insights.spend): counters to subtract. */
  const contention = async () => {
    const { rows } = await pg.query(
      `SELECT 1 AS ${OWN}, (SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()) AS deadlocks,
              (SELECT count(*)::int FROM outbox_message WHERE last_error IS NOT NULL) AS retried,
              (SELECT count(*)::int FROM outbox_message WHERE last_error IS NOT NULL AND topic = 'insights.spend') AS "failedInsights"`,
    );
    return rows[0] as { deadlocks: number; retried: number; failedInsights: number };
  };
  const drained = async () => {
    while ((await waiting()) > 0) await new Promise((r) => setTimeout(r, 100));
  };
  const rows: [string, string, string][] = [];
  let failures = 0;
  try {
    const { service: running, api } = await startDemoService(db.url, { OUTBOUND_TRANSPORT: 'log' });
    service = running;
    const operator = await api.login('operator@torg.example');
    const admin = await api.login('okonomi@storby.example');
    const supplier = await api.login('katalog@kontorland.example');
    const bestiller = await api.login('bestiller@nordby.example');
    const erp = (await api.gql(null, 'mutation { devClientToken(clientId: "kontorland-erp") { token } }')).devClientToken.token as string;
    const school = (await api.gql(bestiller, `{ me { organisation { id } } }`)).me.organisation.id as number;
    const costCentres = (await api.gql(bestiller, `{ costCentres(first: 100) { edges { node { id code } } } }`)).costCentres.edges.map((e: { node: { id: number; code: string } }) => e.node);
    const costCentreId = costCentres.find((c: { code: string }) => c.code === '2100').id as number;
    await api.gql(admin, `mutation($i: SetCostCentreBudgetInput!) { setCostCentreBudget(input: $i) { id } }`, { i: { costCentreId, year: new Date().getFullYear(), amount: '999999999' } });
    const deliveryAddressId = (await api.gql(bestiller, `{ deliveryAddresses(first: 1) { edges { node { id } } } }`)).deliveryAddresses.edges[0].node.id as number;
    // The demo seed's catalogue is indexed by the search outbox after /health answers: wait for
    // the outbox to empty, and still retry a miss for a bounded time (a run once failed at once
    // with "search found no KL-118" when it searched before the index had the item).
    await drained();
    const itemIds: string[] = [];
    for (const sellerItemId of await cheapestItems()) {
      for (let attempt = 1; ; attempt++) {
        const res = await api.gql(bestiller, `query($i: ProductSearchInput!) { searchProducts(input: $i) { edges { node { itemId sellerItemId } } } }`, { i: { text: sellerItemId, first: 20 } });
        const hit = res.searchProducts.edges.find((e: { node: { sellerItemId: string } }) => e.node.sellerItemId === sellerItemId);
        if (hit) {
          itemIds.push(hit.node.itemId);
          break;
        }
        if (attempt >= 120) throw new Error(`search found no ${sellerItemId} after ${attempt} tries over about a minute`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const senders = await buyers(api, operator, admin, school);
    const world = { supplier, costCentreId, deliveryAddressId };
    log(`placing ${SENDERS * SIZES.length} orders (sent, accepted, received)`);
    const orders = new Map<number, PlacedOrder[]>();
    for (const size of SIZES) {
      const placed: PlacedOrder[] = [];
      for (let s = 0; s < SENDERS; s += 4) placed.push(...(await Promise.all(senders.slice(s, s + 4).map((b) => placeOrder(api, world, b, itemIds.slice(0, size))))));
      orders.set(size, placed);
    }
    log(`placed; ${api.resent} requests so far sent again on a new connection (their kept-alive socket was closed before any answer)`);
    if (COUNT_STATEMENTS) await pg.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const postmasterPid = Number((await readFile(join(work, 'data', 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const check = (xml: Buffer) => api.postXml('/documents/check', erp, xml);
    /**
     * Checks of each sender's warm-up documents, untimed, so that the phase after it starts on a
     * warm pool and compiled code: a check authenticates the machine client (one statement), so 16 at
     * once open the pool's connections. Without it, a phase began after a wait (the set-up, the
     * background's drain) with 16 senders each asking for a new connection at once, which on a
     * loaded machine outwaited the acquire timeout (503). Its answers are counted too.
     */
    const warmUp = async (documents: Buffer[][]) => {
      const answers = new Answers(valid);
      await send(documents, check, answers);
      return answers;
    };

    for (const size of SIZES) {
      const documents = orders.get(size)!.map((order, s) => Array.from({ length: PER_SENDER }, (_, n) => invoiceOf(order, `BENCH-${size}-${s}-${n}`)));
      const total = SENDERS * PER_SENDER;
      // The intake's warm-up is WARM_UP invoices per sender (the order holds as many units more), untimed:
      // each pooled connection then has the intake's statements prepared and the service its code
      // compiled, as in a running service, and the phase measures the intake and not its first runs.
      if (COUNT_STATEMENTS) await drained();
      const warmUpDocuments = orders.get(size)!.map((order, s) => Array.from({ length: WARM_UP }, (_, n) => invoiceOf(order, `BENCH-${size}-${s}-warm-up-${n}`)));
      const intakeWarmUp = new Answers(approved);
      await send(warmUpDocuments, (xml) => api.postXml('/documents', erp, xml), intakeWarmUp);
      await drained();
      // Reset after the warm-up, so that its token look-ups are not counted as the intake's.
      if (COUNT_STATEMENTS) await pg.query(`SELECT pg_stat_statements_reset() AS ${OWN}`);
      const loadBefore = load();
      const contentionBefore = await contention();
      const before = { service: cpuSeconds(running.pid!), postgres: postgresCpuSeconds(postmasterPid), machine: machineCpu() };
      const intakeAnswers = new Answers(approved);
      // The monotonic clock (µs) the phase started at, as a --cpu-prof profile's timestamps count it.
      const intakeStartedUs = process.hrtime.bigint() / 1000n;
      const waits = SAMPLE_WAITS ? new BackendWaits(pg) : undefined;
      waits?.start();
      const intake = await send(documents, (xml) => api.postXml('/documents', erp, xml), intakeAnswers);
      if (waits) {
        // During the intake alone (the background left after it is not in these): one core = 100 %.
        const serviceShare = (cpuSeconds(running.pid!) - before.service) / intake.seconds;
        const postgresShare = (postgresCpuSeconds(postmasterPid) - before.postgres) / intake.seconds;
        const busy = machineShare(before.machine, machineCpu()).busy;
        log(
          `${size}-line intake: CPU during it, the service ${(serviceShare * 100).toFixed(0)} % and PostgreSQL ${(postgresShare * 100).toFixed(0)} % of one core, the machine ${(busy * 100).toFixed(0)} % busy (every process); ` +
            `the service's backends, ${(await waits.stop()).join('\n  ')}`,
        );
      }
      const backlog = await waiting();
      log(`${size}-line intake done: ${intakeAnswers.succeeded} of ${total} approved, ${intakeAnswers.summary()}; ${api.resent} requests so far sent again on a new connection`);
      const drainStarted = performance.now();
      // The background after the intake (the outbox's workers alone, the insights' rollup upserts among them): what its backends wait on.
      const drainWaits = SAMPLE_WAITS ? new BackendWaits(pg) : undefined;
      drainWaits?.start();
      await drained();
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      if (drainWaits) log(`${size}-line background after the intake: the service's backends, ${(await drainWaits.stop()).join('\n  ')}`);
      const contentionAfter = await contention();
      // Deadlocks are retried inside the transaction (inTransaction), so they show here and not as outbox failures.
      log(
        `${size}-line intake and its background: ${contentionAfter.deadlocks - contentionBefore.deadlocks} deadlocks (pg_stat_database); ` +
          `${contentionAfter.retried - contentionBefore.retried} outbox messages failed at least once (${contentionAfter.failedInsights - contentionBefore.failedInsights} of them insights.spend)`,
      );
      log(`${size}-line intake and its background ran from ${intakeStartedUs} to ${process.hrtime.bigint() / 1000n} µs (monotonic, for a --cpu-prof profile's window)`);
      // All the work of an invoice, its background included.
      const cpu = ((cpuSeconds(running.pid!) - before.service) * 1000) / total;
      const pgCpu = ((postgresCpuSeconds(postmasterPid) - before.postgres) * 1000) / total;
      const stolen = machineShare(before.machine, machineCpu()).stolen;
      let statements = '';
      if (COUNT_STATEMENTS) {
        // Tracked at every level: a trigger's statements are listed (marked "in a trigger or
        // function") and counted only in their top-level statement's time and in no total.
        const counted: { query: string; calls: number; ms: number; planMs: number; toplevel: boolean }[] = (
          await pg.query(
            `SELECT query, 1 AS ${OWN}, calls::int, total_exec_time AS ms, total_plan_time AS "planMs", toplevel FROM pg_stat_statements WHERE query NOT LIKE '%${OWN}%' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC`,
          )
        ).rows;
        const all = counted.reduce((n, c) => n + (c.toplevel ? c.calls : 0), 0);
        const allMs = counted.reduce((n, c) => n + (c.toplevel ? c.ms : 0), 0);
        // Planning is tracked apart from execution (track_planning), a nested statement's in its own row only.
        const planMs = counted.reduce((n, c) => n + c.planMs, 0);
        const nestedPlanMs = counted.reduce((n, c) => n + (c.toplevel ? 0 : c.planMs), 0);
        statements = `; ${(all / total).toFixed(1)} statements per invoice, executing ${(allMs / total).toFixed(1)} ms (triggers included), planning ${(planMs / total).toFixed(1)} ms (${(nestedPlanMs / total).toFixed(1)} of it in triggers or functions)`;
        log(`statements per invoice of ${size} lines (${total} invoices), most called first, with their execution and planning ms per invoice (PostgreSQL's, triggers included in execution):`);
        for (const c of counted)
          log(
            `  ${(c.calls / total).toFixed(2).padStart(6)} ${(c.ms / total).toFixed(2).padStart(7)} ms ${(c.planMs / total).toFixed(2).padStart(6)} ms plan  ${c.toplevel ? '' : '(in a trigger or function) '}${c.query.replace(/\s+/g, ' ').slice(0, 150)}`,
          );
      }

      // The floor: the same documents, checked (authenticated, read and checked) and not applied,
      // after the same warm-up (the wait for the background left the pool idle).
      const floorWarmUp = await warmUp(warmUpDocuments);
      const floorAnswers = new Answers(valid);
      const floorBefore = { service: cpuSeconds(running.pid!), postgres: postgresCpuSeconds(postmasterPid) };
      const floor = await send(documents, check, floorAnswers);
      // What a check costs (authentication's one statement included), to set beside the intake's CPU per invoice.
      const floorCpu = ((cpuSeconds(running.pid!) - floorBefore.service) * 1000) / total;
      const floorPgCpu = ((postgresCpuSeconds(postmasterPid) - floorBefore.postgres) * 1000) / total;
      failures += intakeWarmUp.failed + intakeAnswers.failed + floorWarmUp.failed + floorAnswers.failed;
      // Only the expected answers count: a refused invoice is no invoice taken in.
      const perSecond = intakeAnswers.succeeded / intake.seconds;
      const floorPerSecond = floorAnswers.succeeded / floor.seconds;
      const pct = (times: number[], p: number) => (times.length ? ms(percentile(times, p)) : '—');
      rows.push([
        `intake, ${size} lines, ${SENDERS} senders`,
        `${perSecond.toFixed(1)} invoices/s`,
        `${intakeAnswers.succeeded} of ${total} invoices approved, ${intakeAnswers.summary()} (warm-up: ${intakeWarmUp.summary()}); p50 ${pct(intake.times, 50)}, p95 ${pct(intake.times, 95)}; CPU ${cpu.toFixed(0)} + ${pgCpu.toFixed(0)} ms per invoice (service + PostgreSQL, background included); ${(stolen * 100).toFixed(0)} % stolen; load ${loadBefore} → ${load()}; ${backlog} outbox messages still waiting, run in ${drainSeconds.toFixed(1)} s more (${(total / (intake.seconds + drainSeconds)).toFixed(1)} invoices/s with them)${statements}`,
      ]);
      rows.push([
        `  floor: check only, ${size} lines`,
        `${floorPerSecond.toFixed(1)} invoices/s`,
        `${floorAnswers.succeeded} of ${total} valid, ${floorAnswers.summary()} (warm-up: ${floorWarmUp.summary()}); p50 ${pct(floor.times, 50)}, p95 ${pct(floor.times, 95)}; CPU ${floorCpu.toFixed(1)} + ${floorPgCpu.toFixed(1)} ms per check (service + PostgreSQL); intake/floor ${(perSecond / floorPerSecond).toFixed(2)} (target ≥ 0.5)`,
      ]);
    }
  } finally {
    await pg.end();
    service?.kill('SIGTERM');
    await new Promise((r) => (service ? service.once('exit', r) : r(undefined)));
    await db.stop();
    if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
  printTable(`Torg invoice-intake benchmark: ${PER_SENDER} invoices of each size per sender, ${SENDERS} senders; ${cpus().length} cores`, rows);
  if (failures > 0) {
    console.error(`\n${failures} answers were not the expected ones (see "NOT AS EXPECTED" above): the figures count only the expected ones.`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
