import { startTestApp, TestApp } from './support/test-app';
import { acceptedOrder, invoiceXml, kontorlandErp, postDocument, receive } from './support/invoicing';

/** Invoices and credit notes on POST /documents (issue 16 §1): stored once, tied to parties, order and agreement, refused precisely. */
let t: TestApp;
let erp: string;
beforeAll(async () => {
  t = await startTestApp();
  erp = await kontorlandErp(t);
});
afterAll(() => t?.close());

it('stores a matching invoice against a received order and approves it', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
  const posted = await postDocument(t, erp, invoiceXml({ id: 'F-1', orderReference: order.number, lines: [{ quantity: '10', price: '45.07', orderLineId: '1', sellerItemId: 'KL-100' }] }));
  expect(posted.body).toMatchObject({ documentType: 'Invoice', status: 'APPROVED', problems: [] });
  expect(posted.status).toBe(201);
  const [row] = await t.sql(`SELECT status, order_id, match_mode, response_code, tax_exclusive_amount::text AS net FROM invoice WHERE id = $1`, [Number(posted.body.id)]);
  expect(row).toMatchObject({ status: 'APPROVED', order_id: order.id, match_mode: 'THREE_WAY', response_code: 'AP', net: '450.70' });
});
