import { fatalRules, RULES } from './support/peppol-rules';
import { acceptedOrder, ERROR, receive } from './support/invoicing';
import { sentOrder } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';
import { needShared } from './support/shared-data';

/** The official rules check of the stored invoice: skipped with a warning without the rules, a failure in CI. */
const checkRules = needShared('the official rules check of the portal invoice', RULES);

/**
 * The light portal's invoice (issue 18): a supplier with no e-invoicing system asks Torg to write
 * the EHF invoice for its order (createInvoiceFromOrder). It goes through the same intake as
 * POST /documents: the stored XML passes the official PEPPOL rules, it is matched against the
 * order, a reused number is refused, and a second invoice for the whole quantity becomes an
 * exception instead of being paid twice. Only the order's supplier may do it.
 */
let t: TestApp;
let supplier: string;
beforeAll(async () => {
  t = await startTestApp();
  supplier = await t.login('katalog@kontorland.example');
});
afterAll(() => t?.close());

const CREATE = `mutation($i: CreateInvoiceFromOrderInput!) { createInvoiceFromOrder(input: $i) { __typename
  ... on InvoiceCreatedFromOrder { invoice { id number status orderId documentPath payableAmount lines { lineId quantity orderLineId matchStatus } reasons { code lineId } } }
  ... on InvoiceFromOrderRefused { problems { field path rule message } }
  ... on DuplicateInvoiceNumberError { invoiceNumber }
  ... on OrderStateError { status }
  ${ERROR} } }`;
const create = async (token: string, input: Record<string, unknown>) => t.gql(token, CREATE, { i: input });
const invoicesOf = (orderId: number) => t.sql<{ invoice_number: string; status: string }>(`SELECT invoice_number, status FROM invoice WHERE order_id = $1 ORDER BY id`, [orderId]);

it('writes an invoice the official rules accept, receives it through the intake and matches it; a second one for the whole quantity becomes an exception, a reused number is refused', async () => {
  const order = await acceptedOrder(t, [
    { sellerItemId: 'KL-100', quantity: '10' },
    { sellerItemId: 'KL-101', quantity: '2' },
  ]);
  await receive(t, order.id, [
    { lineId: '1', quantity: '10' },
    { lineId: '2', quantity: '2' },
  ]);

  // First: four of line 1 only, number and dates given, a BBAN written with spaces.
  const first = await create(supplier, {
    orderId: order.id,
    invoiceNumber: 'PORTAL-1',
    issueDate: '2026-12-01',
    dueDate: '2026-12-31',
    paymentAccount: '1503 20 80119',
    kid: '0000420000429',
    lines: [
      { lineId: '1', quantity: '4' },
      { lineId: '2', quantity: '0' },
    ],
  });
  const made = first.data.createInvoiceFromOrder;
  expect(made.__typename).toBe('InvoiceCreatedFromOrder');
  expect(made.invoice).toMatchObject({ number: 'PORTAL-1', status: 'APPROVED', orderId: order.id, reasons: [] });
  expect(made.invoice.lines).toEqual([{ lineId: '1', quantity: '4.00', orderLineId: order.lines[0].id, matchStatus: 'MATCHED' }]);
  // 4 × the agreed unit price, with 25 % VAT
  const unitPrice = order.lines[0].price;
  expect(made.invoice.payableAmount).toBe((Math.round(4 * Number(unitPrice) * 1.25 * 100) / 100).toFixed(2));

  // The document as stored is the EHF invoice, and the official rules find nothing fatal in it.
  const doc = await t.http.get(made.invoice.documentPath).set('Authorization', `Bearer ${supplier}`);
  expect(doc.status).toBe(200);
  const xml = doc.text;
  expect(xml).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>');
  expect(xml).toMatch(new RegExp(`<cac:OrderReference>\\s*<cbc:ID>${order.number}</cbc:ID>`));
  expect(xml).toMatch(/<cac:PayeeFinancialAccount>\s*<cbc:ID>15032080119<\/cbc:ID>/);
  expect(xml).toMatch(/<cbc:PaymentID>0000420000429<\/cbc:PaymentID>/);
  if (checkRules) expect([...fatalRules('CEN-EN16931-UBL.sef.json', xml), ...fatalRules('PEPPOL-EN16931-UBL.sef.json', xml)]).toEqual([]);
  const [received] = await t.sql(`SELECT document_type, document_id FROM received_document WHERE id = (SELECT received_document_id FROM invoice WHERE id = $1)`, [made.invoice.id]);
  expect(received).toEqual({ document_type: 'Invoice', document_id: 'PORTAL-1' });

  // The same number again: refused, nothing new stored.
  const again = await create(supplier, { orderId: order.id, invoiceNumber: 'PORTAL-1', paymentAccount: '15032080119' });
  expect(again.data.createInvoiceFromOrder).toMatchObject({ __typename: 'DuplicateInvoiceNumberError', invoiceNumber: 'PORTAL-1', message: expect.stringMatching(/number of its own/) });

  // A second invoice of the whole order (number and dates by default): 10 more of line 1 after 4 is more than ordered.
  const second = (await create(supplier, { orderId: order.id, paymentAccount: 'NO93 8601 1117 947' })).data.createInvoiceFromOrder;
  expect(second.__typename).toBe('InvoiceCreatedFromOrder');
  expect(second.invoice.number).toBe(`${order.number}-2`);
  expect(second.invoice.status).toBe('EXCEPTION');
  expect(second.invoice.reasons).toContainEqual(expect.objectContaining({ lineId: '1', code: expect.stringMatching(/QUANTITY/) }));
  expect(await invoicesOf(order.id)).toEqual([
    { invoice_number: 'PORTAL-1', status: 'APPROVED' },
    { invoice_number: `${order.number}-2`, status: 'EXCEPTION' },
  ]);
}, 120_000);

it('names every field at fault and stores nothing; refuses an order not yet confirmed', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '3' }]);
  const refused = (
    await create(supplier, {
      orderId: order.id,
      invoiceNumber: 'PORTAL-BAD',
      issueDate: '2026-12-10',
      dueDate: '2026-12-01',
      paymentAccount: '1503 20 80118',
      lines: [
        { lineId: '1', quantity: '5' },
        { lineId: '7', quantity: '1' },
      ],
    })
  ).data.createInvoiceFromOrder;
  expect(refused.__typename).toBe('InvoiceFromOrderRefused');
  expect(refused.problems.map((p: any) => p.field)).toEqual(['dueDate', 'paymentAccount', 'lines[0].quantity', 'lines[1].lineId']);
  expect(refused.problems[2].message).toMatch(/^5 is more than the 3 /);
  expect(await invoicesOf(order.id)).toEqual([]);

  const sent = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
  const early = (await create(supplier, { orderId: sent.id, paymentAccount: '15032080119' })).data.createInvoiceFromOrder;
  expect(early).toMatchObject({ __typename: 'OrderStateError', status: 'SENT', message: expect.stringMatching(/once you have confirmed it/) });
  expect(await invoicesOf(sent.id)).toEqual([]);
}, 120_000);

it('only the order’s supplier may: another supplier is told the order does not exist, a buyer is refused', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '2' }]);
  const other = await create(await t.login('katalog@medisinsk.example'), { orderId: order.id, paymentAccount: '15032080119' });
  expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const buyer = await create(await t.login('attestant@nordby.example'), { orderId: order.id, paymentAccount: '15032080119' });
  expect(buyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await invoicesOf(order.id)).toEqual([]);
}, 120_000);
