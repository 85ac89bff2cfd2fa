/**
 * npm run bench:orders [-- --cycles N] [--keep]   (npm run bench runs it after the search benchmark)
 *
 * The order cycle through HTTP on the demo world (issue 15 §10): a requester fills a cart with
 * five catalogue lines and submits it, an approver approves, dispatch sends the order (the
 * transport only logs), the supplier accepts it, the requester receives everything. N cycles at
 * 1 and at 16 concurrent buyers, each buyer a requester of its own (one cart per person).
 * Beside it, in the same run, the floor: as many trivial authenticated GraphQL calls (`me`) as a
 * cycle makes, at the same concurrency. Prints cycles/s, p50/p95 per step, CPU per cycle.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '../../src/platform/database/embedded-database';
import { Api, startDemoService, cpuSeconds, freePort, machineCpu, machineShare, ms, percentile, postgresCpuSeconds, printTable } from './bench-support';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CYCLES = flag('cycles', 64);
const BUYERS = 16;
const ITEMS = ['KL-100', 'KL-101', 'KL-102', 'KL-103', 'KL-104'];
const STEPS = ['cart (5 lines)', 'submit', 'approve', 'sent', 'order response', 'receive'] as const;
type Step = (typeof STEPS)[number];

interface World {
  api: Api;
  buyers: string[];
  approver: string;
  supplier: string;
  itemIds: string[];
  costCentreId: number;
  deliveryAddressId: number;
}

/** One complete cycle as one buyer; the time of each step, and how many HTTP calls it took. */
async function cycle(w: World, buyer: string): Promise<{ steps: Record<Step, number>; calls: number }> {
  const steps = {} as Record<Step, number>;
  let calls = 0;
  const gql = async (token: string, query: string, variables?: Record<string, unknown>) => {
    calls++;
    return w.api.gql(token, query, variables);
  };
  const timed = async <T>(step: Step, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    steps[step] = performance.now() - t0;
    return result;
  };
  await timed('cart (5 lines)', async () => {
    for (const itemId of w.itemIds) await gql(buyer, `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }`, { i: { itemId, quantity: '2' } });
  });
  const submitted = await timed('submit', () =>
    gql(buyer, `mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { id status } } ... on ErrorResult { message } } }`, {
      i: { costCentreId: w.costCentreId, deliveryAddressId: w.deliveryAddressId },
    }),
  );
  const order = submitted.submitCart.requisitions?.[0];
  if (!order) throw new Error(`submit: ${JSON.stringify(submitted)}`);
  await timed('approve', async () => {
    const res = await gql(w.approver, `mutation($i: DecideRequisitionInput!) { approveRequisition(input: $i) { __typename ... on ErrorResult { message } } }`, { i: { orderId: order.id } });
    if (res.approveRequisition.__typename !== 'Order') throw new Error(`approve: ${JSON.stringify(res)}`);
  });
  const lines = await timed('sent', async () => {
    for (let i = 0; ; i++) {
      const res = await gql(buyer, `query($id: Int!) { order(id: $id) { status lines { lineId quantity } } }`, { id: order.id });
      if (res.order.status === 'SENT') return res.order.lines as { lineId: string; quantity: string }[];
      if (i > 2000) throw new Error(`order ${order.id} was not sent: ${res.order.status}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  await timed('order response', async () => {
    const res = await gql(w.supplier, `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename ... on ErrorResult { message } } }`, {
      i: { orderId: order.id, responseCode: 'ACCEPTED' },
    });
    if (res.respondToOrder.__typename === 'OrderStateError' || res.respondToOrder.message) throw new Error(`respond: ${JSON.stringify(res)}`);
  });
  await timed('receive', async () => {
    const res = await gql(buyer, `mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { __typename ... on GoodsReceived { order { status } } ... on ErrorResult { message } } }`, {
      i: { orderId: order.id, lines: lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    if (res.receiveGoods.order?.status !== 'RECEIVED') throw new Error(`receive: ${JSON.stringify(res)}`);
  });
  return { steps, calls };
}

/** Runs `total` jobs over `concurrency` workers (worker i is buyer i); returns the wall time in seconds. */
async function spread(concurrency: number, total: number, job: (worker: number) => Promise<void>): Promise<number> {
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (issued < total) {
        issued++;
        await job(worker);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function setUp(api: Api): Promise<World> {
  const operator = await api.login('operator@torg.example');
  const admin = await api.login('okonomi@storby.example'); // ADMIN above Nordby skole
  const approver = await api.login('attestant@nordby.example');
  const supplier = await api.login('katalog@kontorland.example');
  const bestiller = await api.login('bestiller@nordby.example');
  const me = (await api.gql(bestiller, `{ me { organisation { id } } }`)).me;
  const school = me.organisation.id as number;
  const costCentres = (await api.gql(approver, `{ costCentres(first: 100) { edges { node { id code } } } }`)).costCentres.edges.map((e: { node: { id: number; code: string } }) => e.node);
  const costCentreId = costCentres.find((c: { code: string }) => c.code === '2100').id;
  // Budget enough for every cycle: the benchmark measures the cycle, not the budget control's refusals.
  await api.gql(admin, `mutation($i: SetCostCentreBudgetInput!) { setCostCentreBudget(input: $i) { id } }`, { i: { costCentreId, year: new Date().getFullYear(), amount: '999999999' } });
  const addresses = (await api.gql(approver, `{ deliveryAddresses(first: 10) { edges { node { id } } } }`)).deliveryAddresses.edges;
  const buyers: string[] = [];
  for (let b = 0; b < BUYERS; b++) {
    const email = `bench-buyer-${b}@nordby.example`;
    await api.gql(operator, `mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { userId } }`, { i: { email, name: `Bench ${b}`, organisationId: school, roles: ['REQUESTER'] } });
    buyers.push(await api.login(email));
  }
  const itemIds: string[] = [];
  for (const sellerItemId of ITEMS) {
    const res = await api.gql(bestiller, `query($i: ProductSearchInput!) { searchProducts(input: $i) { edges { node { itemId sellerItemId } } } }`, { i: { text: sellerItemId, first: 20 } });
    const hit = res.searchProducts.edges.find((e: { node: { sellerItemId: string } }) => e.node.sellerItemId === sellerItemId);
    if (!hit) throw new Error(`search found no ${sellerItemId}`);
    itemIds.push(hit.node.itemId);
  }
  return { api, buyers, approver, supplier, itemIds, costCentreId, deliveryAddressId: addresses[0].node.id };
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'torg-bench-orders-'));
  const log = (m: string) => process.stderr.write(`[bench:orders] ${m}\n`);
  const db = await startEmbeddedDatabase(join(work, 'data'), await freePort(), log);
  let service: ChildProcess | undefined;
  const rows: [string, string, string][] = [];
  try {
    const { service: running, api } = await startDemoService(db.url, { OUTBOUND_TRANSPORT: 'log' });
    service = running;
    const world = await setUp(api);
    const postmasterPid = Number((await readFile(join(work, 'data', 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await spread(4, 8, (b) => cycle(world, world.buyers[b]).then(() => undefined)); // warm-up

    for (const concurrency of [1, BUYERS]) {
      const total = concurrency === 1 ? Math.max(8, Math.round(CYCLES / 4)) : CYCLES;
      const times = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
      const whole: number[] = [];
      let calls = 0;
      const before = { service: cpuSeconds(running.pid!), postgres: postgresCpuSeconds(postmasterPid), machine: machineCpu() };
      const seconds = await spread(concurrency, total, async (b) => {
        const t0 = performance.now();
        const r = await cycle(world, world.buyers[b]);
        whole.push(performance.now() - t0);
        calls += r.calls;
        for (const s of STEPS) times[s].push(r.steps[s]);
      });
      const cpu = ((cpuSeconds(running.pid!) - before.service) * 1000) / total;
      const pgCpu = ((postgresCpuSeconds(postmasterPid) - before.postgres) * 1000) / total;
      const stolen = machineShare(before.machine, machineCpu()).stolen;
      const callsPerCycle = calls / total;

      // The floor: the same number of trivial authenticated calls, at the same concurrency.
      const floorCalls = Math.round(callsPerCycle * total);
      const floorSeconds = await spread(concurrency, floorCalls, (b) => api.gql(world.buyers[b], '{ me { email } }').then(() => undefined));
      const cyclesPerSecond = total / seconds;
      const floorCyclesPerSecond = floorCalls / floorSeconds / callsPerCycle;
      const ratio = cyclesPerSecond / floorCyclesPerSecond;
      whole.sort((a, b) => a - b);
      rows.push([
        `order cycle, ${concurrency} buyer${concurrency > 1 ? 's' : ''}`,
        `${cyclesPerSecond.toFixed(2)} cycles/s`,
        `${total} cycles, p50 ${ms(percentile(whole, 50))}, p95 ${ms(percentile(whole, 95))}; ${callsPerCycle.toFixed(1)} calls/cycle; CPU ${cpu.toFixed(0)} + ${pgCpu.toFixed(0)} ms per cycle (service + PostgreSQL); ${(stolen * 100).toFixed(0)} % stolen by the host`,
      ]);
      rows.push([
        `  floor: trivial calls, ${concurrency} client${concurrency > 1 ? 's' : ''}`,
        `${floorCyclesPerSecond.toFixed(2)} cycles/s`,
        `${floorCalls} calls of { me } in ${floorSeconds.toFixed(1)} s; cycle/floor ${ratio.toFixed(2)}${concurrency === BUYERS ? ' (target ≥ 0.5)' : ''}`,
      ]);
      for (const s of STEPS) {
        const sorted = times[s].sort((a, b) => a - b);
        rows.push([`  step: ${s}`, `p50 ${ms(percentile(sorted, 50))}`, `p95 ${ms(percentile(sorted, 95))}`]);
      }
    }
  } finally {
    service?.kill('SIGTERM');
    await new Promise((r) => (service ? service.once('exit', r) : r(undefined)));
    await db.stop();
    if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
  printTable(`Torg order-cycle benchmark: ${CYCLES} cycles at ${BUYERS} buyers, 5 lines per order; ${cpus().length} cores`, rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
