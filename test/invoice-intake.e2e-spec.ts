import * as iconv from 'iconv-lite';
import { startTestApp, TestApp } from './support/test-app';
import { acceptedOrder, drain, ERROR, kontorlandErp, ORG, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';
import { approvedOrder } from './support/orders';
import { storedInvoice } from './support/stored-invoices';

/** Invoices and credit notes on POST /documents (issue 16 §1, §5): stored once, tied to parties, order and agreement, refused precisely. */
let t: TestApp;
let erp: string;
let order: any;
beforeAll(async () => {
  t = await startTestApp();
  erp = await kontorlandErp(t);
  order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
});
afterAll(() => t?.close());

const stored = async (number: string) => (await t.sql(`SELECT count(*)::int AS n FROM invoice WHERE invoice_number = $1`, [number]))[0].n;
const line = (quantity = '1') => ({ quantity, price: '45.07', orderLineId: '1', sellerItemId: 'KL-100' });
const refused = async (xml: string | Buffer, expected: { path?: RegExp | string; message: RegExp | string; rule?: RegExp }, status = 422, token = erp) => {
  const res = await postDocument(t, token, xml);
  expect(res.status).toBe(status);
  const problems = res.body.problems ?? [{ message: res.body.message }];
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        ...(expected.path ? { path: expect.stringMatching(expected.path) } : {}),
        ...(expected.rule ? { rule: expect.stringMatching(expected.rule) } : {}),
        message: expect.stringMatching(expected.message),
      }),
    ]),
  );
  return res;
};

it('stores a matching invoice against a received order, with its lines, VAT and references, and approves it', async () => {
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: 'F-1', orderReference: order.number, buyerReference: order.requisitionNumber, lines: [line('4')] }));
  expect(posted.status).toBe(201);
  expect(posted.body).toMatchObject({ documentType: 'Invoice', status: 'APPROVED', problems: [] });
  const [row] = await t.sql(
    `SELECT status, order_id, agreement_id, buyer_organisation_id, match_mode, response_code, tax_exclusive_amount::text AS net, tax_amount::text AS vat FROM invoice WHERE id = $1`,
    [Number(posted.body.id)],
  );
  expect(row).toMatchObject({
    status: 'APPROVED',
    order_id: order.id,
    agreement_id: order.agreementId,
    buyer_organisation_id: t.world.orgs.skole,
    match_mode: 'THREE_WAY',
    response_code: 'AP',
    net: '180.28',
    vat: '45.07',
  });
  const [subtotal] = await t.sql(`SELECT category, rate::text, taxable_amount::text AS taxable FROM invoice_vat_subtotal WHERE invoice_id = $1`, [Number(posted.body.id)]);
  expect(subtotal).toEqual({ category: 'S', rate: '25.00', taxable: '180.28' });
  const audit = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 ORDER BY id`, [posted.body.id]);
  expect(audit.map((a) => a.action)).toEqual(['invoice.received', 'invoice.approved-matched']);
  const answered = await t.sql(`SELECT data->>'code' AS code FROM audit_event WHERE action = 'invoice-response.sent' AND (data->>'invoiceId')::int = $1`, [Number(posted.body.id)]);
  expect(answered).toEqual([{ code: 'AP' }]);
});

it('answers a resend 409 with the first id and never stores it twice', async () => {
  const xml = quickInvoiceXml({ id: 'F-DUP', orderReference: order.number, lines: [line()] });
  const first = await postDocument(t, erp, xml);
  expect(first.status).toBe(201);
  const again = await postDocument(t, erp, xml);
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ id: first.body.id, status: first.body.status });
  // The same number with other content is the same invoice too.
  expect((await postDocument(t, erp, quickInvoiceXml({ id: 'F-DUP', orderReference: order.number, lines: [line('2')] }))).status).toBe(409);
  expect(await stored('F-DUP')).toBe(1);
});

it('refuses a number stored already without a received document (its own backstop, not the exchange’s check): 409, stored once', async () => {
  // Stored straight through the repository: no received_document row, so the exchange's duplicate check finds nothing.
  const id = await storedInvoice(t, { number: 'F-DUP-STORED', supplierId: t.world.orgs.kontorland, buyerOrganisationId: t.world.orgs.skole, net: '45.07', orderId: order.id });
  const again = await postDocument(t, erp, quickInvoiceXml({ id: 'F-DUP-STORED', orderReference: order.number, lines: [line()] }));
  expect(again.status).toBe(409);
  expect(again.body.message).toMatch(/^Invoice F-DUP-STORED was received from you already/);
  expect(await t.sql(`SELECT id FROM invoice WHERE invoice_number = 'F-DUP-STORED'`)).toEqual([{ id }]);
  expect(await t.sql(`SELECT id FROM received_document WHERE document_id = 'F-DUP-STORED'`)).toEqual([]);
});

it('refuses an unknown order, another buyer’s order and an order reference of nothing, saying where', async () => {
  await refused(quickInvoiceXml({ id: 'F-NOORDER', orderReference: 'PO-1999-000001', lines: [line()] }), {
    path: /OrderReference\/cbc:ID$/,
    message: /^No order PO-1999-000001 of Nordby skole was sent to you/,
  });
  // The order is Nordby skole's: invoiced to Storby sykehjem it is not found.
  await refused(quickInvoiceXml({ id: 'F-OTHERBUYER', orderReference: order.number, buyer: '921000030', lines: [line()] }), { message: new RegExp(`^No order ${order.number} of Storby sykehjem`) });
  expect(await stored('F-NOORDER')).toBe(0);
  expect(await stored('F-OTHERBUYER')).toBe(0);
});

it('refuses a seller that is not the sender, a VAT number that is not the seller’s, and a buyer that is no buyer', async () => {
  await refused(quickInvoiceXml({ id: 'F-SELLER', orderReference: order.number, seller: ORG.medisinsk, lines: [line()] }), {
    path: /EndpointID$/,
    message: /^The seller \(0192:982000068\) is not you: its EndpointID must be 0192:981000056/,
  });
  await refused(quickInvoiceXml({ id: 'F-VAT', orderReference: order.number, sellerVat: 'NO982000068MVA', lines: [line()] }), {
    message: /VAT number NO982000068MVA is not yours: it must be NO981000056MVA/,
  });
  await refused(quickInvoiceXml({ id: 'F-BUYER', orderReference: order.number, buyer: ORG.medisinsk, lines: [line()] }), {
    path: /AccountingCustomerParty/,
    message: /^The buyer \(0192:982000068\) is not a buyer organisation in Torg/,
  });
});

it('refuses an invoice from a buyer organisation (only suppliers send invoices)', async () => {
  const res = await postDocument(t, await t.login('bestiller@nordby.example'), quickInvoiceXml({ id: 'F-FROMBUYER', orderReference: order.number, lines: [line()] }));
  expect(res.status).toBe(403);
  expect(res.body.message).toMatch(/^Only a supplier sends invoices/);
  expect(await stored('F-FROMBUYER')).toBe(0);
});

it('refuses wrong arithmetic with the rule that says so, and stores nothing', async () => {
  await refused(quickInvoiceXml({ id: 'F-SUM', orderReference: order.number, lines: [line()], payableOffset: '10' }), { path: /PayableAmount/, rule: /./, message: /./ });
  expect(await stored('F-SUM')).toBe(0);
  const check = await t.http
    .post('/documents/check')
    .set('Authorization', `Bearer ${erp}`)
    .set('Content-Type', 'application/xml')
    .send(Buffer.from(quickInvoiceXml({ id: 'F-SUM', orderReference: order.number, lines: [line()], payableOffset: '10' })));
  expect(check.status).toBe(200);
  expect(check.body).toMatchObject({ documentType: 'Invoice', valid: false, problems: [expect.objectContaining({ path: expect.stringMatching(/PayableAmount/) })] });
});

it('takes an invoice without an order when it has a buyer reference: matched against the agreement alone', async () => {
  const onAgreement = await postDocument(
    t,
    erp,
    quickInvoiceXml({ id: 'F-NOPO', buyerReference: 'Bjørn', contractReference: '2025-001', lines: [{ quantity: '2', price: '45.07', sellerItemId: 'KL-100' }] }),
  );
  expect(onAgreement.status).toBe(201);
  const [row] = await t.sql(`SELECT order_id, agreement_id, status FROM invoice WHERE id = $1`, [Number(onAgreement.body.id)]);
  expect(row).toMatchObject({ order_id: null, agreement_id: order.agreementId, status: 'APPROVED' });

  const offAgreement = await postDocument(
    t,
    erp,
    quickInvoiceXml({ id: 'F-NOPO-OFF', buyerReference: 'Bjørn', contractReference: '2025-001', lines: [{ quantity: '1', price: '999.00', sellerItemId: 'NOT-IN-CATALOGUE' }] }),
  );
  expect(offAgreement.body.status).toBe('EXCEPTION');
  const [line1] = await t.sql(`SELECT l.match_status FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.invoice_number = 'F-NOPO-OFF'`);
  expect(line1.match_status).toBe('NOT_ON_AGREEMENT');

  await refused(quickInvoiceXml({ id: 'F-NOPO-BADREF', buyerReference: 'Bjørn', contractReference: 'NO-SUCH-AGREEMENT', lines: [line()] }), {
    path: /ContractDocumentReference/,
    message: /^No agreement NO-SUCH-AGREEMENT between you and Nordby skole is in force/,
  });
  await refused(quickInvoiceXml({ id: 'F-NOREF', lines: [line()] }), { message: /reference/i });
});

it('ties a credit note to the invoice it names, and refuses one naming an invoice never received', async () => {
  const invoice = await postDocument(t, erp, quickInvoiceXml({ id: 'F-TOCREDIT', orderReference: order.number, lines: [line()] }));
  const credit = await postDocument(t, erp, quickInvoiceXml({ kind: 'CreditNote', id: 'K-1', buyerReference: order.requisitionNumber, billingReference: 'F-TOCREDIT', lines: [line()] }));
  expect(credit.status).toBe(201);
  expect(credit.body.documentType).toBe('CreditNote');
  const [row] = await t.sql(`SELECT kind, credited_invoice_id, order_id, status FROM invoice WHERE id = $1`, [Number(credit.body.id)]);
  expect(row).toMatchObject({ kind: 'CREDIT_NOTE', credited_invoice_id: Number(invoice.body.id), order_id: order.id, status: 'APPROVED' });
  await refused(quickInvoiceXml({ kind: 'CreditNote', id: 'K-2', orderReference: order.number, billingReference: 'F-NEVER', lines: [line()] }), {
    path: /BillingReference/,
    message: /^No invoice F-NEVER from you to Nordby skole is known/,
  });
});

it('takes an invoice uploaded as a file (multipart) as it takes one posted as XML: checked, stored and matched', async () => {
  const upload = (number: string, payableOffset?: string) =>
    t.http
      .post('/documents')
      .set('Authorization', `Bearer ${erp}`)
      .attach('file', Buffer.from(quickInvoiceXml({ id: number, orderReference: order.number, lines: [line()], payableOffset })), { filename: `${number}.xml`, contentType: 'application/xml' });
  const res = await upload('F-UPLOAD');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ documentType: 'Invoice', status: 'APPROVED', problems: [] });
  expect(await stored('F-UPLOAD')).toBe(1);
  // The same checks: wrong arithmetic in an uploaded file is refused with its rule, and nothing is stored.
  const bad = await upload('F-UPLOAD-BAD', '10');
  expect(bad.status).toBe(422);
  expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/PayableAmount/) })]));
  expect(await stored('F-UPLOAD-BAD')).toBe(0);
});

it('keys duplicates on sender, document type and number: a credit note numbered as an invoice is a document of its own, and its resend is refused', async () => {
  expect((await postDocument(t, erp, quickInvoiceXml({ id: 'F-KEY', orderReference: order.number, lines: [line()] }))).status).toBe(201);
  const credit = quickInvoiceXml({ kind: 'CreditNote', id: 'F-KEY', buyerReference: order.requisitionNumber, billingReference: 'F-KEY', lines: [line()] });
  const first = await postDocument(t, erp, credit);
  expect([first.status, first.body.documentType]).toEqual([201, 'CreditNote']);
  const again = await postDocument(t, erp, credit);
  expect([again.status, again.body.id]).toEqual([409, first.body.id]);
  expect(await t.sql(`SELECT kind FROM invoice WHERE invoice_number = 'F-KEY' ORDER BY id`)).toEqual([{ kind: 'INVOICE' }, { kind: 'CREDIT_NOTE' }]);
});

it('matches the buyer reference to the order’s customer reference: another one sends the invoice to accounts payable, with both references', async () => {
  const placed = await approvedOrder(t, [{ sellerItemId: 'KL-100', quantity: '2' }], 'bestiller@nordby.example', { customerReference: 'Prosjekt 7' });
  await drain(t);
  const accepted = await t.gql(await t.login('katalog@kontorland.example'), `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename } }`, {
    i: { orderId: placed.id, responseCode: 'ACCEPTED' },
  });
  expect(accepted.data.respondToOrder.__typename).toBe('OrderResponseRecorded');
  await receive(t, placed.id, [{ lineId: '1', quantity: '2' }]);
  const reasons = (id: number) => t.sql(`SELECT code, expected, actual FROM invoice_match_reason WHERE invoice_id = $1 ORDER BY id`, [id]);

  const seen = await t.gql(await t.login('katalog@kontorland.example'), `query($id: Int!) { order(id: $id) { customerReference invoiceReference } }`, { id: placed.id });
  expect(seen.data.order).toEqual({ customerReference: 'Prosjekt 7', invoiceReference: 'Prosjekt 7' });
  const right = await postDocument(t, erp, quickInvoiceXml({ id: 'F-REF-RIGHT', orderReference: placed.number, buyerReference: 'Prosjekt 7', lines: [line('1')] }));
  expect(right.body.status).toBe('APPROVED');
  expect(await reasons(Number(right.body.id))).toEqual([]);
  const wrong = await postDocument(t, erp, quickInvoiceXml({ id: 'F-REF-WRONG', orderReference: placed.number, buyerReference: 'Prosjekt 8', lines: [line('1')] }));
  expect(wrong.body.status).toBe('EXCEPTION');
  expect(await reasons(Number(wrong.body.id))).toEqual([{ code: 'BUYER_REFERENCE_MISMATCH', expected: 'Prosjekt 7', actual: 'Prosjekt 8' }]);
});

it('matches the buyer reference to the requisition number when the order was sent with it as its customer reference (none given by the buyer)', async () => {
  const placed = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '3' }]);
  await receive(t, placed.id, [{ lineId: '1', quantity: '3' }]);
  // The order document said <cbc:CustomerReference>REQ-…</cbc:CustomerReference>: that is what the invoice must return.
  const [sent] = await t.sql(`SELECT xml FROM outbound_document WHERE document_type = 'Order' AND document_id = $1`, [placed.number]);
  expect(sent.xml).toContain(`<cbc:CustomerReference>${placed.requisitionNumber}</cbc:CustomerReference>`);
  // The supplier reads the same through the API, and the buyer's own reference stays empty.
  const seen = await t.gql(await t.login('katalog@kontorland.example'), `query($id: Int!) { order(id: $id) { customerReference invoiceReference } }`, { id: placed.id });
  expect(seen.data.order).toEqual({ customerReference: null, invoiceReference: placed.requisitionNumber });
  const reasons = (id: number) => t.sql(`SELECT code, expected, actual FROM invoice_match_reason WHERE invoice_id = $1 ORDER BY id`, [id]);

  const right = await postDocument(t, erp, quickInvoiceXml({ id: 'F-REQ-RIGHT', orderReference: placed.number, buyerReference: placed.requisitionNumber, lines: [line('1')] }));
  expect(right.body.status).toBe('APPROVED');
  const wrong = await postDocument(t, erp, quickInvoiceXml({ id: 'F-REQ-WRONG', orderReference: placed.number, buyerReference: 'Bjørn', lines: [line('1')] }));
  expect(wrong.body.status).toBe('EXCEPTION');
  expect(await reasons(Number(wrong.body.id))).toEqual([{ code: 'BUYER_REFERENCE_MISMATCH', expected: placed.requisitionNumber, actual: 'Bjørn' }]);
  // No buyer reference at all: the order reference routes it, nothing to compare.
  const none = await postDocument(t, erp, quickInvoiceXml({ id: 'F-REQ-NONE', orderReference: placed.number, lines: [line('1')] }));
  expect(none.body.status).toBe('APPROVED');
});

describe('hostile XML posted as an invoice', () => {
  const good = () => quickInvoiceXml({ id: 'F-HOSTILE', orderReference: order.number, lines: [line()] });
  const body = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\n/, '');

  it('refuses a DOCTYPE with entity expansion and an external entity', async () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n${body(good()).replace('<cbc:IssueDate>', '<cbc:Note>&c;</cbc:Note><cbc:IssueDate>')}`;
    await refused(laughs, { message: /^DOCTYPE declarations are not allowed/ });
    await refused(`<?xml version="1.0"?>\n<!DOCTYPE Invoice SYSTEM "file:///etc/passwd">\n${body(good())}`, { message: /^DOCTYPE declarations are not allowed/ });
  });

  it('refuses deep nesting, the wrong namespace and a lying encoding', async () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    await refused(good().replace('<cbc:IssueDate>', `${deep}<cbc:IssueDate>`), { message: /nests deeper than/ });
    await refused(good().replace('urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', 'urn:evil'), { message: /namespace/ });
    const latin = iconv.encode(good().replace('Kontorland AS', 'Kontorland Blå AS'), 'latin1');
    await refused(latin, { message: /^The XML is not UTF-8, as it declares or implies/ });
  });

  it('keeps serving: a good invoice after all of that is received', async () => {
    expect(await stored('F-HOSTILE')).toBe(0);
    const res = await postDocument(t, erp, good());
    expect(res.status).toBe(201);
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
  });
});

it('lets the supplier read its invoice through the API, without the buyer’s decision reason', async () => {
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: 'F-READ', orderReference: order.number, lines: [line()] }));
  const read = await t.gql(erp, `query($id: Int!) { invoice(id: $id) { number status responseCode decisionReason } }`, { id: Number(posted.body.id) });
  expect(read.data.invoice).toEqual({ number: 'F-READ', status: 'APPROVED', responseCode: 'AP', decisionReason: null });
  const list = await t.gql(erp, `{ invoices(first: 100) { totalCount edges { node { number } } } }`);
  expect(list.data.invoices.edges.map((e: any) => e.node.number)).toContain('F-READ');
  expect(ERROR).toBeDefined();
});
