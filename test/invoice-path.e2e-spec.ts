import { startTestApp, TestApp } from './support/test-app';
import { acceptedOrder, drain, ERROR, INVOICE_FIELDS, kontorlandErp, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';

/**
 * The value chain's end, once, through every part that takes a turn (issue 16 §6): an order
 * partly received, a partial invoice matched, a second invoice with a price variance approved by
 * accounts payable with a reason, a credit note; the supplier reads the buyer's answers; the
 * export for posting holds the three documents; insights count the invoiced spend and the
 * exception. Each part has its own detailed tests; this one proves they are wired together.
 */
let t: TestApp;
let erp: string;
let supplier: string;
let ap: string;
beforeAll(async () => {
  t = await startTestApp();
  erp = await kontorlandErp(t);
  supplier = await t.login('katalog@kontorland.example');
  ap = await t.login('faktura@storby.example');
});
afterAll(() => t?.close());

const invoiceOf = async (token: string, id: number | string) =>
  (await t.gql(token, `query($id: Int!) { invoice(id: $id) { ${INVOICE_FIELDS} responses { code reasons { code } } } }`, { id: Number(id) })).data.invoice;

it('carries an order through partial invoices, an exception approved with a reason and a credit note, to the supplier’s answers, the posting export and insights', async () => {
  const order = await acceptedOrder(t, [
    { sellerItemId: 'KL-100', quantity: '10' },
    { sellerItemId: 'KL-101', quantity: '4' },
  ]);
  await receive(t, order.id, [{ lineId: '1', quantity: '6' }]);
  const first = await postDocument(t, erp, quickInvoiceXml({ id: 'PATH-1', orderReference: order.number, lines: [{ quantity: '6', price: '45.07', orderLineId: '1' }] }));
  expect(first.body).toMatchObject({ documentType: 'Invoice', status: 'APPROVED' });

  await receive(t, order.id, [
    { lineId: '1', quantity: '4' },
    { lineId: '2', quantity: '4' },
  ]);
  const second = await postDocument(
    t,
    erp,
    quickInvoiceXml({
      id: 'PATH-2',
      orderReference: order.number,
      lines: [
        { quantity: '4', price: '47.00', orderLineId: '1' },
        { quantity: '4', price: '294.59', orderLineId: '2' },
      ],
    }),
  );
  expect(second.body.status).toBe('EXCEPTION');
  const exception = await invoiceOf(ap, second.body.id);
  const approved = await t.gql(ap, `mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename ... on Invoice { status } ${ERROR} } }`, {
    i: { invoiceId: exception.id, expectedVersion: exception.version, reason: 'Price rise agreed by phone' },
  });
  expect(approved.data.approveInvoice).toEqual({ __typename: 'Invoice', status: 'APPROVED' });
  const credit = await postDocument(
    t,
    erp,
    quickInvoiceXml({ kind: 'CreditNote', id: 'PATH-K1', orderReference: order.number, billingReference: 'PATH-2', lines: [{ quantity: '4', price: '1.93', orderLineId: '1' }] }),
  );
  expect(credit.body.status).toBe('APPROVED');
  await drain(t);

  // The supplier reads the buyer's answers: accepted; under query with the price reason, then accepted; the credit note accepted.
  expect((await invoiceOf(supplier, first.body.id)).responses.map((r: any) => r.code)).toEqual(['AP']);
  const answersToSecond = (await invoiceOf(supplier, second.body.id)).responses;
  expect(answersToSecond.map((r: any) => r.code)).toEqual([expect.stringMatching(/^(UQ|IP)$/), 'AP']);
  expect(answersToSecond[0].reasons.map((r: any) => r.code)).toContain('PRI');
  expect((await invoiceOf(supplier, credit.body.id)).responses.map((r: any) => r.code)).toEqual(['AP']);
  const [sent] = await t.sql(`SELECT count(*)::int AS n FROM outbound_document WHERE document_type = 'ApplicationResponse' AND state = 'SENT'`);
  expect(sent.n).toBe(4);

  // Accounts payable exports the three documents for posting, once.
  const batch = (await t.gql(ap, `mutation { createPostingExport { __typename ... on PostingExportBatch { id invoiceCount jsonPath } } }`)).data.createPostingExport;
  expect(batch).toMatchObject({ __typename: 'PostingExportBatch', invoiceCount: 3 });
  const json = await t.http.get(batch.jsonPath).set('Authorization', `Bearer ${ap}`);
  expect(json.status).toBe(200);
  expect(JSON.stringify(json.body)).toContain('PATH-K1');
  expect((await t.gql(ap, `mutation { createPostingExport { __typename } }`)).data.createPostingExport.__typename).toBe('NothingToExportError');

  // Insights: invoiced spend is 270.42 + 1,366.36 − 7.72, all of it on agreement; one of three documents was an exception, for its price.
  const filter = { basis: 'INVOICED', groupBy: ['SUPPLIER'] };
  const loyalty = (await t.gql(ap, `query($f: InsightFilter) { insightLoyalty(filter: $f) { supplierName total onAgreement agreementLoyalty } }`, { f: filter })).data.insightLoyalty;
  expect(loyalty).toEqual([{ supplierName: 'Kontorland AS', total: '1629.06', onAgreement: '1629.06', agreementLoyalty: 1 }]);
  const exceptions = (await t.gql(ap, `query($f: InsightFilter) { insightInvoiceExceptions(filter: $f) { reason received exceptions } }`, { f: { groupBy: [] } })).data.insightInvoiceExceptions;
  expect(exceptions).toEqual([expect.objectContaining({ reason: 'PRICE_ABOVE_AGREED', received: 3, exceptions: 1 })]);
});
