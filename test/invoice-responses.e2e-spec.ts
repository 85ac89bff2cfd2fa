import { acceptedOrder, ERROR, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';
import { fatalRules, RULES } from './support/peppol-rules';
import { useInvoiceResponseApp } from './support/invoice-responses';
import type { TestApp } from './support/test-app';

/**
 * Invoice responses (issue 16 §3): every decision on an invoice is answered to its supplier with
 * a PEPPOL Invoice Response through the outbound transport (here a folder drop), which passes the
 * official T111 rules; the supplier and the buyer read them through the API, nobody else.
 */

const T111 = 'PEPPOLBIS-T111.sef.json';
const RESPONSES = `query($id: Int!) { invoiceResponses(invoiceId: $id) { id invoiceId documentId code reasons { code text } note documentPath } }`;
const INVOICE = `query($id: Int!) { invoice(id: $id) { id status version responseCode responses { code reasons { code } } } }`;
const APPROVE = `mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename ... on Invoice { status responseCode } ${ERROR} } }`;
const DISPUTE = `mutation($i: DisputeInvoiceInput!) { disputeInvoice(input: $i) { __typename ... on Invoice { status responseCode } ${ERROR} } }`;

describe('invoice responses', () => {
  const responses = useInvoiceResponseApp('torg-responses-');
  let t: TestApp;
  let erp: string;
  let supplier: string;
  let ap: string;

  const delivered = (invoiceId: number) => responses.delivered(invoiceId);

  const expectValid = (xml: string) => {
    if (RULES.found) expect(fatalRules(T111, xml)).toEqual([]);
  };

  /** An invoice for an accepted, received order of Nordby skole; `price` 45.07 matches the agreement. */
  async function invoiceFor(number: string, price: string): Promise<{ id: number; status: string; orderNumber: string }> {
    const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
    await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
    const posted = await postDocument(t, erp, quickInvoiceXml({ id: number, orderReference: order.number, lines: [{ quantity: '10', price, orderLineId: '1', sellerItemId: 'KL-100' }] }));
    expect(posted.status).toBe(201);
    return { id: Number(posted.body.id), status: posted.body.status, orderNumber: order.number };
  }

  const version = async (id: number) => (await t.gql(ap, INVOICE, { id })).data.invoice.version;

  beforeAll(() => ({ t, erp, supplier, ap } = responses));

  it('answers an invoice approved by matching with AP through the outbound transport, from the buyer to the supplier', async () => {
    const invoice = await invoiceFor('F-AP-1', '45.07');
    expect(invoice.status).toBe('APPROVED');
    const [response] = await delivered(invoice.id);
    expect(response.code).toBe('AP');
    expect(response.file).toMatch(/^ApplicationResponse_IR-\d+_\d+\.xml$/);
    expectValid(response.xml);
    expect(response.xml).toContain('<cbc:ResponseCode>AP</cbc:ResponseCode>');
    expect(response.xml).toMatch(/<cac:SenderParty>\s*<cbc:EndpointID schemeID="0192">911000024<\/cbc:EndpointID>/);
    expect(response.xml).toMatch(/<cac:ReceiverParty>\s*<cbc:EndpointID schemeID="0192">981000056<\/cbc:EndpointID>/);
    expect(response.xml).toMatch(/<cac:DocumentReference>\s*<cbc:ID>F-AP-1<\/cbc:ID>\s*<cbc:IssueDate>2026-12-01<\/cbc:IssueDate>\s*<cbc:DocumentTypeCode>380<\/cbc:DocumentTypeCode>/);
    expect(response.xml).not.toContain('<cac:Status>');
    const [row] = await t.sql(`SELECT response_code, response_sent_at FROM invoice WHERE id = $1`, [invoice.id]);
    expect(row.response_code).toBe('AP');
    expect(row.response_sent_at).toBeInstanceOf(Date);
  });

  it('says IP with the price reason when an invoice goes to the exception queue, then RE with the reasons and the note when it is disputed', async () => {
    const invoice = await invoiceFor('F-RE-1', '50.00');
    expect(invoice.status).toBe('EXCEPTION');
    const disputed = await t.gql(ap, DISPUTE, { i: { invoiceId: invoice.id, expectedVersion: await version(invoice.id), reason: 'Please credit it and invoice at the agreed price.' } });
    expect(disputed.data.disputeInvoice).toEqual({ __typename: 'Invoice', status: 'DISPUTED', responseCode: 'RE' });

    const [inProcess, rejected] = await delivered(invoice.id);
    expect([inProcess.code, rejected.code]).toEqual(['IP', 'RE']);
    for (const r of [inProcess, rejected]) expectValid(r.xml);
    expect(inProcess.xml).toMatch(/<cbc:StatusReasonCode listID="OPStatusReason">PRI<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>[^<]*45.07/);
    expect(rejected.xml).toMatch(/<cbc:StatusReasonCode listID="OPStatusReason">PRI<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Please credit it and invoice at the agreed price\. [^<]*45.07/);

    // The supplier reads the same through the API, and the document byte for byte.
    const responses = (await t.gql(supplier, RESPONSES, { id: invoice.id })).data.invoiceResponses;
    expect(responses.map((r: { code: string }) => r.code)).toEqual(['IP', 'RE']);
    expect(responses[1].reasons).toEqual([{ code: 'PRI', text: expect.stringContaining('Please credit it') }]);
    const document = await t.http.get(responses[1].documentPath).set('Authorization', `Bearer ${supplier}`);
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(document.text).toBe(rejected.xml);
    expect((await t.gql(supplier, INVOICE, { id: invoice.id })).data.invoice.responses).toEqual([
      { code: 'IP', reasons: [{ code: 'PRI' }] },
      { code: 'RE', reasons: [{ code: 'PRI' }] },
    ]);
  });

  it('answers AP after a person approves an exception, without the reviewer’s internal reason', async () => {
    const invoice = await invoiceFor('F-AP-2', '50.00');
    const approved = await t.gql(ap, APPROVE, { i: { invoiceId: invoice.id, expectedVersion: await version(invoice.id), reason: 'Price rise agreed by phone with Kari; internal note' } });
    expect(approved.data.approveInvoice).toEqual({ __typename: 'Invoice', status: 'APPROVED', responseCode: 'AP' });
    const [, accepted] = await delivered(invoice.id);
    expect(accepted.code).toBe('AP');
    expectValid(accepted.xml);
    expect(accepted.xml).toContain('<cbc:StatusReasonCode listID="OPStatusReason">NON</cbc:StatusReasonCode>');
    expect(accepted.xml).not.toContain('Kari');
  });

  it('answers a credit note approved by matching with AP about a 381', async () => {
    const invoice = await invoiceFor('F-CN-BASE', '45.07');
    const credit = await postDocument(
      t,
      erp,
      quickInvoiceXml({
        kind: 'CreditNote',
        id: 'K-1',
        billingReference: 'F-CN-BASE',
        orderReference: invoice.orderNumber,
        lines: [{ quantity: '1', price: '45.07', orderLineId: '1', sellerItemId: 'KL-100' }],
      }),
    );
    expect(credit.body.status).toBe('APPROVED');
    const [response] = await delivered(Number(credit.body.id));
    expect(response.code).toBe('AP');
    expectValid(response.xml);
    expect(response.xml).toMatch(/<cbc:ID>K-1<\/cbc:ID>\s*<cbc:IssueDate>2026-12-01<\/cbc:IssueDate>\s*<cbc:DocumentTypeCode>381<\/cbc:DocumentTypeCode>/);
  });

  it('shows an invoice’s responses to its supplier and its buyer only', async () => {
    const invoice = await invoiceFor('F-TEN-1', '45.07');
    const [{ id: responseId }] = await t.sql(`SELECT id FROM invoice_response WHERE invoice_id = $1`, [invoice.id]);
    const path = `/invoices/${invoice.id}/responses/${responseId}/document`;
    for (const email of ['katalog@kontorland.example', 'faktura@storby.example']) {
      const token = await t.login(email);
      expect((await t.gql(token, RESPONSES, { id: invoice.id })).data?.invoiceResponses).toHaveLength(1);
      expect((await t.http.get(path).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    }
    // Another supplier is told the invoice does not exist; a requester has no business here.
    const other = await t.login('katalog@medisinsk.example');
    expect((await t.gql(other, RESPONSES, { id: invoice.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const otherDocument = await t.http.get(path).set('Authorization', `Bearer ${other}`);
    expect(otherDocument.status).toBe(404);
    expect(otherDocument.text).not.toContain('ApplicationResponse');
    const requester = await t.login('bestiller@nordby.example');
    expect((await t.gql(requester, RESPONSES, { id: invoice.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.http.get(path).set('Authorization', `Bearer ${requester}`)).status).toBe(403);
    // A response of another invoice is not found through this one.
    const [elsewhere] = await t.sql(`SELECT id FROM invoice_response WHERE invoice_id <> $1 LIMIT 1`, [invoice.id]);
    expect((await t.http.get(`/invoices/${invoice.id}/responses/${elsewhere.id}/document`).set('Authorization', `Bearer ${supplier}`)).status).toBe(404);
    expect((await t.http.get(`/invoices/${invoice.id}/responses/x/document`).set('Authorization', `Bearer ${supplier}`)).status).toBe(400);
  });
});
