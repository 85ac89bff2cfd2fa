import { sentOrder } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Every ordering operation walked as the wrong organisation and as the wrong role (issue 15 §9):
 * each is refused, nothing of the other tenant leaks through answers, lists, counts or error
 * messages, and the orders are exactly as they were.
 */
let t: TestApp;
let sent: { id: number; number: string; requisitionNumber: string; version: number; lineExtensionAmount: string; lines: { lineId: string; quantity: string }[] };
let pending: { id: number; requisitionNumber: string; version: number; lineExtensionAmount: string };

beforeAll(async () => {
  t = await startTestApp();
  sent = await sentOrder(t, [{ sellerItemId: 'KL-101', quantity: '3' }]);
  // A requisition waiting for the attestant (above the requester's own limit).
  const token = await t.login('bestiller@nordby.example');
  const [{ id: itemId }] = await t.sql(
    `SELECT ci.id::text AS id FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE ci.seller_item_id = 'KL-100'`,
  );
  await t.gql(token, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', { i: { itemId, quantity: '150' } });
  const submitted = await t.gql(token, 'mutation($i: SubmitCartInput!) { submitCart(input: $i) { ... on CartSubmitted { requisitions { id requisitionNumber version lineExtensionAmount } } } }', {
    i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole },
  });
  pending = submitted.data.submitCart.requisitions[0];
});
afterAll(() => t?.close());

/** People of other organisations, each with roles that would let them act in their own. */
const OUTSIDERS = [
  'bestiller@sykehjem.example', // REQUESTER of another buyer
  'leder@sykehjem.example', // APPROVER of another buyer
  'okonomi@storby.example', // ADMIN and APPROVER of the kommune above the school: its orders are the school's
  'innkjoper@storby.example', // PURCHASER of the purchasing unit
  'katalog@medisinsk.example', // SUPPLIER_ADMIN of another supplier
];
/** People of the right organisations without the role a step needs. */
const WRONG_ROLE: { email: string; op: string }[] = [
  { email: 'bestiller@nordby.example', op: 'approveRequisition' },
  { email: 'bestiller@nordby.example', op: 'respondToOrder' },
  { email: 'bestiller@nordby.example', op: 'registerDespatch' },
  { email: 'attestant@nordby.example', op: 'respondToOrder' },
  { email: 'katalog@kontorland.example', op: 'approveRequisition' },
  { email: 'katalog@kontorland.example', op: 'rejectRequisition' },
  { email: 'katalog@kontorland.example', op: 'withdrawRequisition' },
  { email: 'katalog@kontorland.example', op: 'cancelOrder' },
  { email: 'katalog@kontorland.example', op: 'receiveGoods' },
  { email: 'katalog@kontorland.example', op: 'acceptOrderChanges' },
  { email: 'katalog@kontorland.example', op: 'recordOrderPlacedOutside' },
];

const ANY = `__typename ... on ErrorResult { errorCode message }`;
type Op = { query: string; variables: () => Record<string, unknown> };
const OPS: Record<string, Op> = {
  order: { query: `query($id: Int!) { order(id: $id) { id number } }`, variables: () => ({ id: sent.id }) },
  approveRequisition: { query: `mutation($i: DecideRequisitionInput!) { approveRequisition(input: $i) { ${ANY} } }`, variables: () => ({ i: { orderId: pending.id } }) },
  rejectRequisition: { query: `mutation($i: DecideRequisitionInput!) { rejectRequisition(input: $i) { ${ANY} } }`, variables: () => ({ i: { orderId: pending.id, comment: 'Nei' } }) },
  withdrawRequisition: { query: `mutation($id: Int!) { withdrawRequisition(orderId: $id) { ${ANY} } }`, variables: () => ({ id: pending.id }) },
  cancelOrder: { query: `mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { ${ANY} } }`, variables: () => ({ i: { orderId: sent.id, reason: 'Ikke vår' } }) },
  recordOrderPlacedOutside: { query: `mutation($id: Int!) { recordOrderPlacedOutside(orderId: $id, note: "Ringte") { ${ANY} } }`, variables: () => ({ id: sent.id }) },
  respondToOrder: { query: `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { ${ANY} } }`, variables: () => ({ i: { orderId: sent.id, responseCode: 'ACCEPTED' } }) },
  acceptOrderChanges: { query: `mutation($id: Int!) { acceptOrderChanges(orderId: $id) { ${ANY} } }`, variables: () => ({ id: sent.id }) },
  rejectOrderChanges: { query: `mutation($id: Int!) { rejectOrderChanges(orderId: $id, reason: "Nei takk") { ${ANY} } }`, variables: () => ({ id: sent.id }) },
  registerDespatch: {
    query: `mutation($i: RegisterDespatchInput!) { registerDespatch(input: $i) { ${ANY} } }`,
    variables: () => ({ i: { orderId: sent.id, despatchId: 'D-1', lines: [{ lineId: '1', deliveredQuantity: '1' }] } }),
  },
  receiveGoods: { query: `mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { ${ANY} } }`, variables: () => ({ i: { orderId: sent.id, lines: [{ lineId: '1', quantity: '1' }] } }) },
};

/** Nothing in an answer may name the other tenant's order: its numbers or its amount. */
function expectNoLeak(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of [sent.number, sent.requisitionNumber, pending.requisitionNumber, sent.lineExtensionAmount, pending.lineExtensionAmount]) expect(text).not.toContain(secret);
}

function expectRefused(res: { data?: any; errors?: { extensions?: Record<string, any> }[] }, what: string) {
  const code = res.errors?.[0]?.extensions?.code;
  if (!['NOT_FOUND', 'FORBIDDEN'].includes(code)) throw new Error(`${what} was not refused: ${JSON.stringify(res).slice(0, 400)}`);
  expectNoLeak(res);
}

const state = async () => t.sql(`SELECT id, status, version FROM purchase_order WHERE id = ANY($1) ORDER BY id`, [[sent.id, pending.id]]);

describe('ordering across tenants and roles', () => {
  it('refuses every operation to people of other organisations, revealing nothing', async () => {
    const before = await state();
    for (const email of OUTSIDERS) {
      const token = await t.login(email);
      for (const [name, op] of Object.entries(OPS)) expectRefused(await t.gql(token, op.query, op.variables()), `${name} as ${email}`);
    }
    expect(await state()).toEqual(before);
  });

  it('refuses every operation to a machine client of another supplier', async () => {
    const before = await state();
    const token = (await t.gql(null, 'mutation { devClientToken(clientId: "medisinsk-erp") { token } }')).data.devClientToken.token;
    for (const [name, op] of Object.entries(OPS)) expectRefused(await t.gql(token, op.query, op.variables()), `${name} as medisinsk-erp`);
    expect(await state()).toEqual(before);
  });

  it('refuses steps to people of the right organisations without the role', async () => {
    const before = await state();
    for (const { email, op } of WRONG_ROLE) expectRefused(await t.gql(await t.login(email), OPS[op].query, OPS[op].variables()), `${op} as ${email}`);
    expect(await state()).toEqual(before);
  });

  it('leaks nothing through lists and counts', async () => {
    for (const email of [...OUTSIDERS, 'katalog@datautstyr.example']) {
      const res = await t.gql(await t.login(email), '{ orders(first: 100) { totalCount edges { node { id } } } }');
      expect(res.data.orders.edges.map((e: { node: { id: number } }) => e.node.id)).not.toContain(sent.id);
      expect(res.data.orders.edges.map((e: { node: { id: number } }) => e.node.id)).not.toContain(pending.id);
      expectNoLeak(res);
    }
    const queue = await t.gql(await t.login('leder@sykehjem.example'), '{ approvalQueue { id } }');
    expect(queue.data.approvalQueue).toEqual([]);
    // The supplier sees the sent order, never the requisition.
    const supplier = await t.gql(await t.login('katalog@kontorland.example'), '{ orders(first: 100) { edges { node { id } } } }');
    const ids = supplier.data.orders.edges.map((e: { node: { id: number } }) => e.node.id);
    expect(ids).toContain(sent.id);
    expect(ids).not.toContain(pending.id);
  });

  it('shows the order document to its two parties only', async () => {
    const path = `/orders/${sent.id}/document`;
    for (const email of [...OUTSIDERS, 'katalog@datautstyr.example']) {
      const res = await t.http.get(path).set('Authorization', `Bearer ${await t.login(email)}`);
      expect(res.status).toBe(404);
      expectNoLeak(res.text);
    }
    expect((await t.http.get(path)).status).toBe(401);
    for (const email of ['bestiller@nordby.example', 'katalog@kontorland.example']) {
      const res = await t.http.get(path).set('Authorization', `Bearer ${await t.login(email)}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(sent.number);
    }
    // Before approval there is no document, and the requisition's existence is not revealed to its supplier.
    const pendingDoc = await t.http.get(`/orders/${pending.id}/document`).set('Authorization', `Bearer ${await t.login('katalog@kontorland.example')}`);
    expect(pendingDoc.status).toBe(404);
  });
});
