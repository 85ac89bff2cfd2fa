import { acceptedOrder, ERROR, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';
import { fatalRules, RULES } from './support/peppol-rules';
import { useInvoiceResponseApp } from './support/invoice-responses';
import type { TestApp } from './support/test-app';

/**
 * Invoice Responses CA and AB in a real flow (issue 16 §3). CA: accounts payable approves an
 * exception on conditions; the invoice is approved for payment (the ledgers are invoiced) and the
 * supplier is answered CA with the conditions as status reasons, through the outbound transport
 * (a folder drop), passing the official T111 rules, and reads it through the API. AB: Torg decides
 * in the intake's own transaction, so it answers AP or IP at once and never AB on its own.
 */
const T111 = 'PEPPOLBIS-T111.sef.json';
const APPROVE = `mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename ... on Invoice { status responseCode } ${ERROR} } }`;
const INVOICE = `query($id: Int!) { invoice(id: $id) { id status version responseCode responses { code reasons { code text } } } }`;

const responses = useInvoiceResponseApp('torg-ca-');
let t: TestApp;
let erp: string;
let supplier: string;
let ap: string;

beforeAll(() => ({ t, erp, supplier, ap } = responses));

const delivered = (invoiceId: number) => responses.delivered(invoiceId);

/** An invoice of 10 packs at `price` for an accepted, received order: 47.00 is beyond the agreed 45.07's tolerance. */
async function invoiceAt(number: string, price: string) {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number, orderReference: order.number, lines: [{ quantity: '10', price, orderLineId: '1', sellerItemId: 'KL-100' }] }));
  expect(posted.status).toBe(201);
  return { id: Number(posted.body.id), status: posted.body.status as string, orderId: order.id as number };
}

it('approves an exception on conditions: paid all the same, answered CA with the conditions (T111), which the supplier reads', async () => {
  const invoice = await invoiceAt('F-CA-1', '47.00');
  expect(invoice.status).toBe('EXCEPTION');
  const { version } = (await t.gql(ap, INVOICE, { id: invoice.id })).data.invoice;
  const approved = await t.gql(ap, APPROVE, {
    i: {
      invoiceId: invoice.id,
      expectedVersion: version,
      reason: 'Internal: the head of the school agreed',
      conditions: [
        { code: 'PAY', text: 'Paid on 2027-01-15, not by the due date' },
        { code: 'PRI', text: 'A credit note for the 19.30 NOK above the agreed price is awaited' },
      ],
    },
  });
  expect(approved.data.approveInvoice).toEqual({ __typename: 'Invoice', status: 'APPROVED', responseCode: 'CA' });

  // Approved for payment: the commitment is invoiced by the whole 470.00.
  const [commitment] = await t.sql(`SELECT invoiced::text FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(invoice.orderId)]);
  expect(commitment.invoiced).toBe('470.00');

  // In process when it arrived, then conditionally accepted; the CA passes the official rules and keeps the reviewer's reason inside Torg.
  const responses = await delivered(invoice.id);
  expect(responses.map((r) => r.code)).toEqual(['IP', 'CA']);
  const ca = responses[1].xml;
  if (RULES.found) expect(fatalRules(T111, ca)).toEqual([]);
  expect(ca).toContain('<cbc:ResponseCode>CA</cbc:ResponseCode>');
  expect(ca).toMatch(
    /<cbc:StatusReasonCode listID="OPStatusReason">PRI<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>A credit note for the 19.30 NOK above the agreed price is awaited<\/cbc:StatusReason>/,
  );
  expect(ca).toMatch(/<cbc:StatusReasonCode listID="OPStatusReason">PAY<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Paid on 2027-01-15, not by the due date<\/cbc:StatusReason>/);
  expect(ca).not.toContain('head of the school');

  // The supplier reads it through the API: the status and the conditions, in the code list's order.
  const seen = (await t.gql(supplier, INVOICE, { id: invoice.id })).data.invoice;
  expect(seen).toMatchObject({ status: 'APPROVED', responseCode: 'CA' });
  expect(seen.responses.at(-1)).toEqual({
    code: 'CA',
    reasons: [
      { code: 'PRI', text: 'A credit note for the 19.30 NOK above the agreed price is awaited' },
      { code: 'PAY', text: 'Paid on 2027-01-15, not by the due date' },
    ],
  });
  const audit = await t.sql(`SELECT data FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 AND action = 'invoice.approved'`, [String(invoice.id)]);
  expect(audit[0].data.conditions).toEqual([
    { code: 'PAY', text: 'Paid on 2027-01-15, not by the due date' },
    { code: 'PRI', text: 'A credit note for the 19.30 NOK above the agreed price is awaited' },
  ]);
});

it('refuses a condition without text, saying which, and sends nothing', async () => {
  const invoice = await invoiceAt('F-CA-2', '47.00');
  const { version } = (await t.gql(ap, INVOICE, { id: invoice.id })).data.invoice;
  const res = await t.gql(ap, APPROVE, { i: { invoiceId: invoice.id, expectedVersion: version, reason: 'Agreed', conditions: [{ code: 'PAY', text: '   ' }] } });
  expect(res.data.approveInvoice).toMatchObject({ __typename: 'ReasonRequiredError', message: expect.stringMatching(/conditions\[0\] \(PAY\) has no text for the supplier/) });
  expect((await delivered(invoice.id)).map((r) => r.code)).toEqual(['IP']);
  expect((await t.gql(ap, INVOICE, { id: invoice.id })).data.invoice).toMatchObject({ status: 'EXCEPTION', version });
});

it('answers intake at once with AP or IP, which say received, never AB on its own', async () => {
  const matched = await invoiceAt('F-AB-1', '45.07');
  expect(matched.status).toBe('APPROVED');
  expect((await delivered(matched.id)).map((r) => r.code)).toEqual(['AP']);
  const [ab] = await t.sql(`SELECT count(*)::int AS n FROM invoice_response WHERE code = 'AB'`);
  expect(ab.n).toBe(0);
});
