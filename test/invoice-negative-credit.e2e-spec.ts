import { startTestApp, TestApp } from './support/test-app';
import { acceptedOrder, drain, INVOICE_FIELDS, kontorlandErp, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';

/**
 * A credit sent as an Invoice (380) with negative quantities and amounts that names the invoice it
 * corrects in cac:BillingReference (issue 16 §1): over POST /documents it is a credit against that
 * invoice, exactly as a CreditNote (381) for the same lines is; without a reference, or naming an
 * invoice never received, it is refused with where and why, and nothing is stored.
 */
let t: TestApp;
let erp: string;
let ap: string;
let supplier: string;
let order: any;
beforeAll(async () => {
  t = await startTestApp();
  erp = await kontorlandErp(t);
  ap = await t.login('faktura@storby.example');
  supplier = await t.login('katalog@kontorland.example');
  order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
});
afterAll(() => t?.close());

const line = (quantity: string) => ({ quantity, price: '45.07', orderLineId: '1', sellerItemId: 'KL-100' });
const ledgers = async () => {
  const [commitment] = await t.sql(`SELECT invoiced::text FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(order.id)]);
  const [drawdown] = await t.sql(`SELECT invoiced::text FROM agreement_drawdown WHERE source_type = 'ORDER' AND source_id = $1`, [String(order.id)]);
  return { commitment: commitment.invoiced, drawdown: drawdown.invoiced };
};
const stored = async (number: string) => (await t.sql(`SELECT count(*)::int AS n FROM invoice WHERE invoice_number = $1`, [number]))[0].n;
const invoiceOf = async (token: string, id: number | string) => (await t.gql(token, `query($id: Int!) { invoice(id: $id) { ${INVOICE_FIELDS} responses { code } } }`, { id: Number(id) })).data.invoice;
const invoicedSpend = async () => (await t.gql(ap, `query($f: InsightFilter) { insightLoyalty(filter: $f) { total onAgreement } }`, { f: { basis: 'INVOICED', groupBy: [] } })).data.insightLoyalty;

it('reads a negative invoice naming an earlier invoice as a credit against it, reversing spend exactly as a credit note does', async () => {
  const invoice = await postDocument(t, erp, quickInvoiceXml({ id: 'NEG-F1', orderReference: order.number, lines: [line('4')] }));
  expect(invoice.body).toMatchObject({ documentType: 'Invoice', status: 'APPROVED' });
  expect(await ledgers()).toEqual({ commitment: '180.28', drawdown: '180.28' });

  // One pack credited as a negative invoice (380), naming NEG-F1 and no order: the order is the credited invoice's.
  const negative = await postDocument(t, erp, quickInvoiceXml({ id: 'NEG-K1', buyerReference: order.requisitionNumber, billingReference: 'NEG-F1', negative: true, lines: [line('1')] }));
  expect(negative.status).toBe(201);
  expect(negative.body).toMatchObject({ documentType: 'Invoice', status: 'APPROVED', problems: [] });
  const [row] = await t.sql(`SELECT kind, type_code, credited_invoice_id, order_id, tax_exclusive_amount::text AS net, payable_amount::text AS payable FROM invoice WHERE id = $1`, [
    Number(negative.body.id),
  ]);
  expect(row).toEqual({ kind: 'CREDIT_NOTE', type_code: '380', credited_invoice_id: Number(invoice.body.id), order_id: order.id, net: '45.07', payable: '56.34' });
  const [credited] = await t.sql(`SELECT quantity::text, line_amount::text FROM invoice_line WHERE invoice_id = $1`, [Number(negative.body.id)]);
  expect(credited).toEqual({ quantity: '1', line_amount: '45.07' });
  expect(await ledgers()).toEqual({ commitment: '135.21', drawdown: '135.21' });

  // The same pack credited as a CreditNote (381) does the same to the ledgers and the answers.
  const creditNote = await postDocument(t, erp, quickInvoiceXml({ kind: 'CreditNote', id: 'NEG-K2', buyerReference: order.requisitionNumber, billingReference: 'NEG-F1', lines: [line('1')] }));
  expect(creditNote.body).toMatchObject({ documentType: 'CreditNote', status: 'APPROVED' });
  expect(await ledgers()).toEqual({ commitment: '90.14', drawdown: '90.14' });
  const [asNegative, asCreditNote] = [await invoiceOf(supplier, negative.body.id), await invoiceOf(supplier, creditNote.body.id)];
  expect(asNegative).toMatchObject({ kind: 'CREDIT_NOTE', creditedInvoiceId: Number(invoice.body.id), responses: [{ code: 'AP' }] });
  expect(asCreditNote).toMatchObject({ kind: 'CREDIT_NOTE', creditedInvoiceId: Number(invoice.body.id), responses: [{ code: 'AP' }] });

  // Insights count both as negative spend: 180.28 − 45.07 − 45.07.
  await drain(t);
  expect(await invoicedSpend()).toEqual([{ total: '90.14', onAgreement: '90.14' }]);
});

it('refuses a negative invoice naming an invoice never received, saying where, and stores nothing', async () => {
  const res = await postDocument(t, erp, quickInvoiceXml({ id: 'NEG-K3', buyerReference: order.requisitionNumber, billingReference: 'NEG-NEVER', negative: true, lines: [line('1')] }));
  expect(res.status).toBe(422);
  expect(res.body.problems).toEqual([
    expect.objectContaining({ path: expect.stringMatching(/^\/Invoice\/cac:BillingReference/), message: expect.stringMatching(/^No invoice NEG-NEVER from you to Nordby skole is known/) }),
  ]);
  expect(await stored('NEG-K3')).toBe(0);
});

it('refuses a negative invoice naming no invoice it corrects, saying where and why, and stores nothing', async () => {
  const before = await ledgers();
  const res = await postDocument(t, erp, quickInvoiceXml({ id: 'NEG-K4', orderReference: order.number, negative: true, lines: [line('1')] }));
  expect(res.status).toBe(422);
  expect(res.body.problems).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        path: '/Invoice/cac:BillingReference',
        message: expect.stringMatching(/^The Invoice credits 45\.07 NOK .*names no invoice it corrects \(cac:BillingReference\/cac:InvoiceDocumentReference\/cbc:ID\)/),
      }),
    ]),
  );
  // An error, not the warning a CreditNote without a reference gets.
  expect(res.body.problems.filter((p: any) => p.severity !== 'warning').map((p: any) => p.rule)).toEqual(['TORG-BILLING-REFERENCE']);
  expect(await stored('NEG-K4')).toBe(0);
  expect(await ledgers()).toEqual(before);
});

it('refuses a negative invoice naming a credit note rather than an invoice', async () => {
  const res = await postDocument(t, erp, quickInvoiceXml({ id: 'NEG-K5', buyerReference: order.requisitionNumber, billingReference: 'NEG-K2', negative: true, lines: [line('1')] }));
  expect(res.status).toBe(422);
  expect(res.body.problems).toEqual([expect.objectContaining({ path: expect.stringMatching(/BillingReference/), message: expect.stringMatching(/^No invoice NEG-K2 from you/) })]);
  expect(await stored('NEG-K5')).toBe(0);
});
