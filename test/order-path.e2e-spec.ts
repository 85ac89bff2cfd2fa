import { readUblOrder, writeOrderResponse } from '../src/peppol';
import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The whole buying path over HTTP, as the people and systems involved take it (issue 15 §10):
 * search → cart → submit → approval → order → its UBL document → the supplier's order response
 * with changes (as a document from its ERP) → the buyer accepts → partial receipts → received.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const ERROR = `... on ErrorResult { errorCode message }`;
const ORDER = `id number requisitionNumber status version lineExtensionAmount vatAmount taxInclusiveAmount
  lines { lineId sellerItemId quantity price lineAmount status receivedQuantity }`;

it('goes from a search to goods received, with the supplier changing a line on the way', async () => {
  const requester = await t.login('bestiller@nordby.example');
  const approver = await t.login('attestant@nordby.example');
  const supplierErp = (await t.gql(null, 'mutation { devClientToken(clientId: "kontorland-erp") { token } }')).data.devClientToken.token;

  // 1. Search, and fill the cart with what was found.
  const found = await t.gql(requester, `query { searchProducts(input: { text: "kopipapir", first: 20 }) { edges { node { itemId sellerItemId price } } } }`);
  const hits = found.data.searchProducts.edges.map((e: { node: { itemId: string; sellerItemId: string } }) => e.node);
  const a4 = hits.find((h: { sellerItemId: string }) => h.sellerItemId === 'KL-100');
  const a3 = hits.find((h: { sellerItemId: string }) => h.sellerItemId === 'KL-101');
  expect(a4 && a3).toBeTruthy();
  for (const [item, quantity] of [
    [a4, '100'],
    [a3, '10'],
  ] as const) {
    const added = await t.gql(requester, `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }`, { i: { itemId: item.itemId, quantity } });
    expect(added.data.addItemToCart.__typename).toBe('CartLineAdded');
  }

  // 2. Submit: 100 × 45.07 + 10 × 294.59 = 7,452.90, above the requester's own limit of 5,000.
  const submitted = await t.gql(requester, `mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { ${ORDER} } } ${ERROR} } }`, {
    i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole, customerReference: 'Bjørn B.' },
  });
  const [requisition] = submitted.data.submitCart.requisitions;
  expect(requisition).toMatchObject({ status: 'PENDING_APPROVAL', number: null, lineExtensionAmount: '7452.90' });

  // 3. The approver finds it waiting and approves: an order number, and the order goes out.
  const queue = await t.gql(approver, `{ approvalQueue { id } }`);
  expect(queue.data.approvalQueue.map((o: { id: number }) => o.id)).toContain(requisition.id);
  const approved = await t.gql(approver, `mutation($i: DecideRequisitionInput!) { approveRequisition(input: $i) { __typename ... on Order { ${ORDER} } ${ERROR} } }`, {
    i: { orderId: requisition.id, expectedVersion: requisition.version },
  });
  const order = approved.data.approveRequisition;
  expect(order).toMatchObject({ __typename: 'Order', status: 'APPROVED', number: expect.stringMatching(/^PO-/) });
  await t.app.get(OutboxDispatcher).drain();
  const sent = await t.gql(requester, `query($id: Int!) { order(id: $id) { status sentAt } }`, { id: order.id });
  expect(sent.data.order.status).toBe('SENT');

  // 4. The supplier fetches the order document, and its ERP reads it.
  const doc = await t.http.get(`/orders/${order.id}/document`).set('Authorization', `Bearer ${supplierErp}`);
  expect(doc.status).toBe(200);
  const ubl = await readUblOrder(Buffer.from(doc.text, 'utf8'));
  expect(ubl).toMatchObject({ id: order.number, contractId: '2025-001', customerReference: 'Bjørn B.' });
  expect(ubl.lines.map((l) => [l.id, l.item.sellersItemId, String(l.quantity.value)])).toEqual([
    ['1', 'KL-100', '100'],
    ['2', 'KL-101', '10'],
  ]);

  // 5. The ERP answers with an Order Response: line 1 only 80 in stock, line 2 as ordered.
  const party = (orgNo: string, name: string) => ({ endpointId: { value: orgNo, schemeId: '0192' }, identifiers: [{ value: orgNo, schemeId: '0192' }], legalEntity: { registrationName: name } });
  const response = writeOrderResponse({
    profile: 'ehf',
    id: `OR-${order.number}`,
    issueDate: '2026-12-01',
    responseCode: 'CA',
    currency: 'NOK',
    orderReference: order.number,
    seller: party(ubl.seller.endpointId.value, 'Kontorland AS'),
    buyer: party(ubl.buyer.endpointId.value, 'Nordby skole'),
    lines: [
      { id: '1', statusCode: '3', orderLineId: '1', quantity: { value: '80', unitCode: 'PK' }, item: { name: 'Kopipapir A4 80 g 500 ark', sellersItemId: 'KL-100' } },
      { id: '2', statusCode: '5', orderLineId: '2', item: { name: 'Kopipapir A3 80 g 500 ark', sellersItemId: 'KL-101' } },
    ],
  });
  const posted = await t.http.post('/documents').set('Authorization', `Bearer ${supplierErp}`).set('Content-Type', 'application/xml').send(Buffer.from(response, 'utf8'));
  expect(posted.status).toBe(201);
  expect(posted.body).toMatchObject({ documentType: 'OrderResponse', status: 'CHANGED', problems: [] });

  // 6. The buyer accepts the change: 80 × 45.07 + 10 × 294.59 = 6,551.50, and the commitment follows.
  const accepted = await t.gql(requester, `mutation($o: Int!) { acceptOrderChanges(orderId: $o) { __typename ... on Order { ${ORDER} } ${ERROR} } }`, { o: order.id });
  expect(accepted.data.acceptOrderChanges).toMatchObject({ status: 'ACCEPTED', lineExtensionAmount: '6551.50' });
  const [commitment] = await t.sql(`SELECT amount::text FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(order.id)]);
  expect(commitment.amount).toBe('6551.50');

  // 7. Goods arrive in two deliveries.
  const receive = (lines: { lineId: string; quantity: string }[]) =>
    t.gql(requester, `mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { __typename ... on GoodsReceived { order { ${ORDER} } } ${ERROR} } }`, { i: { orderId: order.id, lines } });
  const first = await receive([{ lineId: '1', quantity: '50' }]);
  expect(first.data.receiveGoods.order).toMatchObject({ status: 'PARTIALLY_RECEIVED' });
  const second = await receive([
    { lineId: '1', quantity: '30' },
    { lineId: '2', quantity: '10' },
  ]);
  expect(second.data.receiveGoods.order.status).toBe('RECEIVED');
  expect(second.data.receiveGoods.order.lines.map((l: { receivedQuantity: string }) => l.receivedQuantity)).toEqual(['80.00', '10.00']);

  // Every step is in the audit log, in order.
  const audit = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'purchase_order' AND entity_id = $1 ORDER BY id`, [String(order.id)]);
  expect(audit.map((a) => a.action)).toEqual(['order.submitted', 'order.approved', 'order.sent', 'order.changed', 'order.changes-accepted', 'order.partially-received', 'order.received']);
});
