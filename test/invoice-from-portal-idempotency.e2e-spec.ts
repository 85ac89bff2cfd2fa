import { acceptedOrder, ERROR } from './support/invoicing';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The portal's "create an invoice from an order" with a client-generated idempotency key
 * (issue 18): a network retry with the key answers the invoice the first request made instead of
 * making a second, also when both arrive at once; the key with a different request is refused
 * with the fields that differ; a refused request leaves the key free; keys are per supplier.
 */
let t: TestApp;
let supplier: string;
beforeAll(async () => {
  t = await startTestApp();
  supplier = await t.login('katalog@kontorland.example');
});
afterAll(() => t?.close());

const CREATE = `mutation($i: CreateInvoiceFromOrderInput!) { createInvoiceFromOrder(input: $i) { __typename
  ... on InvoiceCreatedFromOrder { invoice { id number status } }
  ... on InvoiceFromOrderRefused { problems { field message } }
  ... on IdempotencyKeyReusedError { idempotencyKey invoiceId differentFields }
  ${ERROR} } }`;
const create = async (token: string, input: Record<string, unknown>) => t.gql(token, CREATE, { i: input });
const invoicesOf = (orderId: number) => t.sql<{ invoice_number: string }>(`SELECT invoice_number FROM invoice WHERE order_id = $1 ORDER BY id`, [orderId]);

it('answers a retry with the key with the first invoice, and refuses the key with another request, naming the fields', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  const form = { orderId: order.id, paymentAccount: '15032080119', lines: [{ lineId: '1', quantity: '4' }], idempotencyKey: 'draft-5f0c2a7e' };

  const first = (await create(supplier, form)).data.createInvoiceFromOrder;
  expect(first.__typename).toBe('InvoiceCreatedFromOrder');
  const retry = (await create(supplier, form)).data.createInvoiceFromOrder;
  expect(retry).toEqual(first);
  expect(await invoicesOf(order.id)).toEqual([{ invoice_number: first.invoice.number }]);
  // The key is held in the database with the invoice it made (so every server finds it).
  expect(await t.sql(`SELECT idempotency_key, invoice_id FROM portal_invoice_request WHERE invoice_id = $1`, [first.invoice.id])).toEqual([
    { idempotency_key: 'draft-5f0c2a7e', invoice_id: first.invoice.id },
  ]);

  const changed = (await create(supplier, { ...form, paymentAccount: '15032080127', lines: [{ lineId: '1', quantity: '5' }] })).data.createInvoiceFromOrder;
  expect(changed).toMatchObject({
    __typename: 'IdempotencyKeyReusedError',
    errorCode: 'IDEMPOTENCY_KEY_REUSED',
    idempotencyKey: 'draft-5f0c2a7e',
    invoiceId: first.invoice.id,
    differentFields: ['lines', 'paymentAccount'],
    message: expect.stringContaining('lines, paymentAccount differ'),
  });
  expect(await invoicesOf(order.id)).toHaveLength(1);

  // Without a key, a second request is a second invoice, as before.
  const unkeyed = (await create(supplier, { ...form, idempotencyKey: undefined, lines: [{ lineId: '1', quantity: '1' }] })).data.createInvoiceFromOrder;
  expect(unkeyed.__typename).toBe('InvoiceCreatedFromOrder');
  expect(await invoicesOf(order.id)).toHaveLength(2);
});

it('makes one invoice when two requests with the key arrive at once', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '3' }]);
  const form = { orderId: order.id, paymentAccount: '15032080119', idempotencyKey: 'same-time-1' };
  const [a, b] = await Promise.all([create(supplier, form), create(supplier, form)]);
  expect(a.data.createInvoiceFromOrder.__typename).toBe('InvoiceCreatedFromOrder');
  expect(b.data.createInvoiceFromOrder).toEqual(a.data.createInvoiceFromOrder);
  expect(await invoicesOf(order.id)).toHaveLength(1);
});

it('leaves the key free when no invoice was made, and refuses a malformed key as bad input', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '3' }]);
  const refused = (await create(supplier, { orderId: order.id, paymentAccount: '15032080118', idempotencyKey: 'fix-and-retry' })).data.createInvoiceFromOrder;
  expect(refused.__typename).toBe('InvoiceFromOrderRefused');
  expect(await t.sql(`SELECT 1 FROM portal_invoice_request WHERE idempotency_key = 'fix-and-retry'`)).toEqual([]);
  // The corrected form with the same key makes the invoice.
  const fixed = (await create(supplier, { orderId: order.id, paymentAccount: '15032080119', idempotencyKey: 'fix-and-retry' })).data.createInvoiceFromOrder;
  expect(fixed.__typename).toBe('InvoiceCreatedFromOrder');

  const bad = await create(supplier, { orderId: order.id, paymentAccount: '15032080119', idempotencyKey: 'has a space' });
  expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(JSON.stringify(bad.errors![0])).toContain('idempotencyKey');
});

it('keeps keys per supplier: another supplier’s key of the same name is its own', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '2' }]);
  const made = (await create(supplier, { orderId: order.id, paymentAccount: '15032080119', idempotencyKey: 'shared-name' })).data.createInvoiceFromOrder;
  expect(made.__typename).toBe('InvoiceCreatedFromOrder');
  // Another supplier sending the key for this order is told the order does not exist, not shown the invoice.
  const other = await create(await t.login('katalog@medisinsk.example'), { orderId: order.id, paymentAccount: '15032080119', idempotencyKey: 'shared-name' });
  expect(other.errors![0].extensions!.code).toBe('NOT_FOUND');
  expect(JSON.stringify(other)).not.toContain(String(made.invoice.number));
});
