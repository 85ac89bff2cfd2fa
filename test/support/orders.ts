import { OutboxDispatcher } from '../../src/platform/outbox/outbox-dispatcher';
import type { TestApp } from './test-app';

/**
 * A free-text cart line (submitCart in insights.ts): ten packs of copy paper from a shop outside
 * Torg, Nærbutikken, at an estimated 60.00 each (600.00), bought as an urgent need: the
 * off-agreement, unknown-label spend of the insights and dashboard tests.
 */
export const COPY_PAPER_FROM_THE_SHOP = {
  freeText: {
    description: 'Kopipapir fra nærbutikken',
    unspscCode: '14111507',
    quantity: '10',
    unitCode: 'PK',
    estimatedPrice: '60',
    preferredSupplierName: 'Nærbutikken',
    justification: { code: 'URGENT_NEED', text: 'Tom for papir før eksamen' },
  },
};

/** The fields tests usually read of an order. */
export const ORDER_FIELDS = `id requisitionNumber number status version supplierId agreementId currency lineExtensionAmount vatAmount taxInclusiveAmount sentAt
  lines { id lineId name quantity unitCode price vatRate lineAmount sellerItemId gtin status }`;

/** The published item id of a seller item (the version in force of its agreement). */
export async function publishedItem(t: TestApp, sellerItemId: string): Promise<string> {
  const [row] = await t.sql(`SELECT ci.id::text AS id FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE ci.seller_item_id = $1 LIMIT 1`, [
    sellerItemId,
  ]);
  if (!row) throw new Error(`no published item ${sellerItemId}`);
  return row.id;
}

/**
 * An approved order of Nordby skole (bestiller@nordby.example, cost centre 2100) for the given
 * seller items, over HTTP: items added to the cart, the cart submitted, and approved by
 * attestant@nordby.example when it exceeds the requester's own limit. The cart must hold nothing
 * of another supplier (one order results). `checkout` adds to the SubmitCartInput (customer
 * reference, accounting string, note, wanted date).
 */
export async function approvedOrder(t: TestApp, items: { sellerItemId: string; quantity: string }[], email = 'bestiller@nordby.example', checkout: Record<string, unknown> = {}): Promise<any> {
  const token = await t.login(email);
  for (const i of items) {
    const added = await t.gql(token, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', { i: { itemId: await publishedItem(t, i.sellerItemId), quantity: i.quantity } });
    if (added.data?.addItemToCart.__typename !== 'CartLineAdded') throw new Error(`adding ${i.sellerItemId}: ${JSON.stringify(added)}`);
  }
  const submitted = await t.gql(
    token,
    `mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { ${ORDER_FIELDS} } } ... on ErrorResult { message } } }`,
    {
      i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole, ...checkout },
    },
  );
  const requisitions = submitted.data?.submitCart.requisitions;
  if (!requisitions || requisitions.length !== 1) throw new Error(`submitting: ${JSON.stringify(submitted)}`);
  let order = requisitions[0];
  if (order.status === 'PENDING_APPROVAL') {
    const approved = await t.gql(
      await t.login('attestant@nordby.example'),
      `mutation($i: DecideRequisitionInput!) { approveRequisition(input: $i) { __typename ... on Order { ${ORDER_FIELDS} } ... on ErrorResult { message } } }`,
      {
        i: { orderId: order.id },
      },
    );
    if (approved.data?.approveRequisition.__typename !== 'Order') throw new Error(`approving: ${JSON.stringify(approved)}`);
    order = approved.data.approveRequisition;
  }
  return order;
}

/**
 * An order as `approvedOrder`, then sent to its supplier by the real path: approval queued the
 * order document, draining the outbox delivers it, and delivery moves the order to SENT.
 */
export async function sentOrder(t: TestApp, items: { sellerItemId: string; quantity: string }[], email?: string): Promise<any> {
  const order = await approvedOrder(t, items, email);
  await t.app.get(OutboxDispatcher).drain();
  const [row] = await t.sql(`SELECT status, version, sent_at FROM purchase_order WHERE id = $1`, [order.id]);
  if (row.status !== 'SENT') throw new Error(`${order.number} is ${row.status} after the outbox was drained, not SENT`);
  return { ...order, status: row.status, version: row.version, sentAt: row.sent_at.toISOString() };
}
