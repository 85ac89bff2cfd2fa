import { OutboxDispatcher } from '../../src/platform/outbox/outbox-dispatcher';
import { sentOrder } from './orders';
import type { TestApp } from './test-app';

/**
 * The invoicing tests' world over HTTP: orders accepted and received, documents posted, the
 * outbox drained. The invoices themselves are built by ./invoices (one builder for all).
 */

/** Organisation numbers of the demo world. */
export const ORG = { kontorland: '981000056', medisinsk: '982000068', skole: '911000024', kommune: '964000018', vestby: '971000082' } as const;

export const ERROR = `... on ErrorResult { errorCode message }`;
export const INVOICE_FIELDS = `id kind number status version supplierId buyerOrganisationId orderId agreementId creditedInvoiceId matchMode responseCode
  taxExclusiveAmount taxAmount payableAmount decisionReason
  lines { lineId quantity netUnitPrice lineAmount orderLineId matchStatus }
  reasons { code message lineId expected actual difference differenceNok }`;

/** A token for Kontorland's ERP (a SUPPLIER_ADMIN machine client), which sends its invoices to POST /documents. */
export async function kontorlandErp(t: TestApp): Promise<string> {
  return (await t.gql(null, 'mutation { devClientToken(clientId: "kontorland-erp") { token } }')).data.devClientToken.token;
}

/** An order of Nordby skole sent to Kontorland and accepted by it (order response AP through the API). */
export async function acceptedOrder(t: TestApp, items: { sellerItemId: string; quantity: string }[]): Promise<any> {
  const order = await sentOrder(t, items);
  const answered = await t.gql(await t.login('katalog@kontorland.example'), `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename ${ERROR} } }`, {
    i: { orderId: order.id, responseCode: 'ACCEPTED' },
  });
  if (answered.data?.respondToOrder.__typename !== 'OrderResponseRecorded') throw new Error(`accepting: ${JSON.stringify(answered)}`);
  const [row] = await t.sql(`SELECT status, version FROM purchase_order WHERE id = $1`, [order.id]);
  return { ...order, ...row };
}

/** Goods received by the requester (line ids are the order's line numbers). */
export async function receive(t: TestApp, orderId: number, lines: { lineId: string; quantity: string; reason?: string }[]): Promise<void> {
  const result = await t.gql(await t.login('bestiller@nordby.example'), `mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { __typename ${ERROR} } }`, {
    i: { orderId, lines },
  });
  if (result.data?.receiveGoods.__typename !== 'GoodsReceived') throw new Error(`receiving: ${JSON.stringify(result)}`);
}

/** POST /documents as `token`. */
export function postDocument(t: TestApp, token: string, xml: string | Buffer) {
  return t.http
    .post('/documents')
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/xml')
    .send(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);
}

/** Runs the outbox until it is empty (re-matches, documents). */
export const drain = (t: TestApp) => t.app.get(OutboxDispatcher).drain();
