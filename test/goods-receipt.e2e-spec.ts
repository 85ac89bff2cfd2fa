import { DataSource } from 'typeorm';
import { OrdersService } from '../src/ordering/orders.service';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { sentOrder } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Goods receipts (issue 15 §7), over HTTP on the demo world: Nordby skole's bestiller@ orders
 * from Kontorland (KL-100 Kopipapir, KL-101); the school's new PURCHASER innkjoper@nordby may
 * receive any of its orders, attestant@ (REQUESTER and APPROVER) only their own.
 */
let t: TestApp;
const BESTILLER = 'bestiller@nordby.example';
const PURCHASER = 'innkjoper@nordby.example';
beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('okonomi@storby.example');
  const res = await t.gql(admin, 'mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { userId } }', {
    i: { email: PURCHASER, name: 'Per Purchaser', organisationId: t.world.orgs.skole, roles: ['PURCHASER'] },
  });
  expect(res.data?.grantMembership.userId).toBeGreaterThan(0);
});
afterAll(() => t?.close());

const ERROR = '... on ErrorResult { errorCode message }';
const RECEIVE = `mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { __typename ${ERROR}
  ... on GoodsReceived { order { id status version lines { lineId quantity receivedQuantity } }
                         receipt { id orderId receivedByUserId note despatchAdviceId lines { lineId quantity unitCode reason overReceiptConfirmed } } }
  ... on OverReceiptError { lines { lineId ordered receivedBefore receiving } }
  ... on ReturnBeyondReceivedError { lines { lineId received returning } }
  ... on LineNotReceivableError { lines { lineId status } }
  ... on UnknownOrderLineError { lineIds }
  ... on OrderStateError { status }
  ... on OrderVersionConflictError { currentVersion } } }`;

const receive = async (email: string, input: Record<string, unknown>) => t.gql(await t.login(email), RECEIVE, { i: input });
const received = async (orderId: number) => {
  const res = await t.gql(await t.login(BESTILLER), 'query($id: Int!) { order(id: $id) { status lines { lineId receivedQuantity } goodsReceipts { id lines { lineId quantity } } } }', { id: orderId });
  return res.data.order;
};
/** Moves an order through the real state machine for a step no API of this slice takes (the supplier's change). */
async function fire(orderId: number, event: 'change' | 'cancel') {
  const ds = t.app.get(DataSource);
  const orders = t.app.get(OrdersService);
  await inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
    const row = (await orders.lockForSystem(tx, orderId))!;
    await orders.fire(tx, row, event);
  });
}

describe('receiveGoods', () => {
  it('partial receipts make the order PARTIALLY_RECEIVED, the last one RECEIVED, with receivedQuantity summed per line', async () => {
    const order = await sentOrder(t, [
      { sellerItemId: 'KL-100', quantity: '150' },
      { sellerItemId: 'KL-101', quantity: '2' },
    ]);
    expect(order.status).toBe('SENT');
    const first = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '100' }], note: 'Første levering', expectedVersion: order.version });
    expect(first.data.receiveGoods).toMatchObject({
      __typename: 'GoodsReceived',
      order: {
        status: 'PARTIALLY_RECEIVED',
        version: order.version + 1,
        lines: [
          { lineId: '1', receivedQuantity: '100.00' },
          { lineId: '2', receivedQuantity: '0.00' },
        ],
      },
      receipt: {
        orderId: order.id,
        receivedByUserId: t.world.users[BESTILLER].userId,
        note: 'Første levering',
        lines: [{ lineId: '1', quantity: '100.00', unitCode: 'PK', reason: null, overReceiptConfirmed: false }],
      },
    });
    const second = await receive(BESTILLER, {
      orderId: order.id,
      lines: [
        { lineId: '1', quantity: '49.5' },
        { lineId: '2', quantity: '2' },
      ],
    });
    expect(second.data.receiveGoods.order.status).toBe('PARTIALLY_RECEIVED');
    const last = await receive(PURCHASER, { orderId: order.id, lines: [{ lineId: '1', quantity: '0.5' }] });
    expect(last.data.receiveGoods.order).toMatchObject({ status: 'RECEIVED', lines: [{ receivedQuantity: '150.00' }, { receivedQuantity: '2.00' }] });
    const after = await received(order.id);
    expect(after.goodsReceipts).toHaveLength(3);
    const audit = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'purchase_order' AND entity_id = $1 AND action LIKE 'order.%received' ORDER BY id`, [String(order.id)]);
    expect(audit.map((a) => a.action)).toEqual(['order.partially-received', 'order.partially-received', 'order.received']);
  });

  it('refuses more than ordered without confirmation, records it with', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '140' }] });
    const over = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '12' }] });
    expect(over.data.receiveGoods).toMatchObject({
      __typename: 'OverReceiptError',
      errorCode: 'OVER_RECEIPT',
      lines: [{ lineId: '1', ordered: '150.00', receivedBefore: '140.00', receiving: '12.00' }],
    });
    expect((await received(order.id)).lines[0].receivedQuantity).toBe('140.00');
    const confirmed = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '12' }], confirmOverReceipt: true });
    expect(confirmed.data.receiveGoods).toMatchObject({
      order: { status: 'RECEIVED', lines: [{ receivedQuantity: '152.00' }] },
      receipt: { lines: [{ quantity: '12.00', overReceiptConfirmed: true }] },
    });
    const [row] = await t.sql('SELECT over_receipt_confirmed FROM goods_receipt_line l JOIN goods_receipt r ON r.id = l.goods_receipt_id WHERE r.order_id = $1 AND l.quantity = 12', [order.id]);
    expect(row.over_receipt_confirmed).toBe(true);
  });

  it('a return with a reason takes a RECEIVED order back to PARTIALLY_RECEIVED; without a reason or below nothing it is refused', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    expect((await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '150' }] })).data.receiveGoods.order.status).toBe('RECEIVED');

    const unexplained = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '-5' }] });
    expect(unexplained.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/return needs a reason/) });
    const tooMany = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '-150.0001', reason: 'Feil vare' }] });
    expect(tooMany.data.receiveGoods).toMatchObject({ __typename: 'ReturnBeyondReceivedError', lines: [{ lineId: '1', received: '150.00', returning: '150.0001' }] });

    const returned = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '-20', reason: 'Skadet i transport' }] });
    expect(returned.data.receiveGoods).toMatchObject({
      order: { status: 'PARTIALLY_RECEIVED', lines: [{ receivedQuantity: '130.00' }] },
      receipt: { lines: [{ quantity: '-20.00', reason: 'Skadet i transport' }] },
    });
    const [audit] = await t.sql(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'order.returned'`, [String(order.id)]);
    expect(audit.data).toMatchObject({ lines: [{ lineId: '1', quantity: '-20', reason: 'Skadet i transport' }] });
    // Everything back: still nothing below zero, and the order stays PARTIALLY_RECEIVED (no way back in the table).
    const all = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '-130', reason: 'Feil papir' }] });
    expect(all.data.receiveGoods.order).toMatchObject({ status: 'PARTIALLY_RECEIVED', lines: [{ receivedQuantity: '0.00' }] });
    expect((await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '-1', reason: 'En til' }] })).data.receiveGoods.__typename).toBe('ReturnBeyondReceivedError');
  });

  it('only the requester or a PURCHASER/ADMIN of the buyer receives: others are told NOT_FOUND or FORBIDDEN', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const input = { orderId: order.id, lines: [{ lineId: '1', quantity: '1' }] };
    for (const email of ['attestant@nordby.example', 'bestiller@sykehjem.example', 'bestiller@vestby.example']) {
      const res = await receive(email, input);
      expect([email, res.errors?.[0]?.extensions?.code]).toEqual([email, 'NOT_FOUND']);
    }
    const supplier = await receive('katalog@kontorland.example', input);
    expect(supplier.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.sql('SELECT 1 FROM goods_receipt WHERE order_id = $1', [order.id])).toEqual([]);
  });

  it('refuses unknown lines, a stale version, and orders that are cancelled or wait for the buyer’s decision on changes', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const unknown = await receive(BESTILLER, {
      orderId: order.id,
      lines: [
        { lineId: '1', quantity: '1' },
        { lineId: '7', quantity: '1' },
      ],
    });
    expect(unknown.data.receiveGoods).toMatchObject({ __typename: 'UnknownOrderLineError', errorCode: 'UNKNOWN_ORDER_LINE', lineIds: ['7'] });
    const stale = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '1' }], expectedVersion: order.version - 1 });
    expect(stale.data.receiveGoods).toMatchObject({ __typename: 'OrderVersionConflictError', currentVersion: order.version });
    const zero = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '0' }] });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await fire(order.id, 'change');
    const changed = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '1' }] });
    expect(changed.data.receiveGoods).toMatchObject({ __typename: 'OrderStateError', status: 'CHANGED' });

    const cancelled = await t.gql(await t.login(BESTILLER), 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { __typename ... on Order { status } } }', {
      i: { orderId: order.id, reason: 'Trengs ikke' },
    });
    expect(cancelled.data.cancelOrder.status).toBe('CANCELLED');
    const refused = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '1' }] });
    expect(refused.data.receiveGoods).toMatchObject({ __typename: 'OrderStateError', status: 'CANCELLED' });
    expect(await t.sql('SELECT 1 FROM goods_receipt WHERE order_id = $1', [order.id])).toEqual([]);
  });

  it('refuses lines the supplier did not accept or the buyer cancelled', async () => {
    const order = await sentOrder(t, [
      { sellerItemId: 'KL-100', quantity: '10' },
      { sellerItemId: 'KL-101', quantity: '10' },
    ]);
    // What an order response not accepting line 2 leaves behind (order responses are another slice).
    await t.sql(`UPDATE purchase_order_line SET status = 'NOT_ACCEPTED' WHERE order_id = $1 AND line_no = 2`, [order.id]);
    const res = await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '2', quantity: '1' }] });
    expect(res.data.receiveGoods).toMatchObject({ __typename: 'LineNotReceivableError', lines: [{ lineId: '2', status: 'NOT_ACCEPTED' }] });
    // The line not accepted is not due: line 1 in full makes the order RECEIVED.
    expect((await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '10' }] })).data.receiveGoods.order.status).toBe('RECEIVED');
  });

  it('concurrent receipts of one line take turns on the order: none is lost and none goes past the ordered quantity', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    await receive(BESTILLER, { orderId: order.id, lines: [{ lineId: '1', quantity: '140' }] });
    const token = await t.login(BESTILLER);
    const results = await Promise.all(Array.from({ length: 12 }, () => t.gql(token, RECEIVE, { i: { orderId: order.id, lines: [{ lineId: '1', quantity: '1' }] } })));
    const kinds = results.map((r) => r.data?.receiveGoods?.__typename ?? JSON.stringify(r.errors));
    expect(kinds.filter((k) => k === 'GoodsReceived')).toHaveLength(10);
    expect(kinds.filter((k) => k === 'OverReceiptError')).toHaveLength(2);
    const after = await received(order.id);
    expect(after).toMatchObject({ status: 'RECEIVED', lines: [{ receivedQuantity: '150.00' }] });
    expect(after.goodsReceipts).toHaveLength(11);
  });

  it('reads receivedQuantity and goodsReceipts of a page of orders in a fixed number of queries', async () => {
    const orders: { id: number }[] = [];
    for (let i = 0; i < 3; i++) orders.push(await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]));
    for (const o of orders) await receive(BESTILLER, { orderId: o.id, lines: [{ lineId: '1', quantity: '3' }] });
    const statements: string[] = [];
    const ds = t.app.get(DataSource);
    const original = ds.driver.createQueryRunner.bind(ds.driver);
    const spy = jest.spyOn(ds.driver, 'createQueryRunner').mockImplementation((mode) => {
      const runner = original(mode);
      const query = runner.query.bind(runner);
      runner.query = (sql: string, ...rest: any[]) => {
        if (/goods_receipt/.test(sql)) statements.push(sql);
        return (query as any)(sql, ...rest);
      };
      return runner;
    });
    try {
      const page = await t.gql(await t.login(BESTILLER), '{ orders(first: 20) { edges { node { id lines { receivedQuantity } goodsReceipts { lines { quantity } } } } } }');
      const mine = page.data.orders.edges.filter((e: any) => orders.some((o) => o.id === e.node.id));
      expect(mine).toHaveLength(3);
      for (const e of mine) expect(e.node).toMatchObject({ lines: [{ receivedQuantity: '3.00' }], goodsReceipts: [{ lines: [{ quantity: '3.00' }] }] });
    } finally {
      spy.mockRestore();
    }
    // receivedQuantity: one sum; goodsReceipts: the receipts and their lines.
    expect(statements.length).toBeGreaterThanOrEqual(2);
    expect(statements.length).toBeLessThanOrEqual(3);
  });
});
