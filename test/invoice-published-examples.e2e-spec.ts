import { startTestApp, TestApp } from './support/test-app';
import { acceptedOrder, kontorlandErp, ORG, postDocument } from './support/invoicing';
import { PUBLISHED, publishedExample, retargetExample } from './support/published-invoice-example';
import { describeWithShared } from './support/shared-data';

/**
 * The published invoices and credit note (../shared/data/peppol) posted through POST /documents
 * (issue 16): each retargeted to Kontorland invoicing Nordby skole for an order of this test
 * (test/support/published-invoice-example.ts), its structure, lines, amounts, currency and VAT
 * breakdown as published. published-invoices.spec.ts reads them field by field; this proves the
 * whole intake takes them, stores their totals and VAT per rate as written, and ties the credit
 * note to the invoice it names.
 */

let t: TestApp;
let erp: string;
let serial = 0;

describeWithShared('the published invoice examples', [PUBLISHED], () => {
  beforeAll(async () => {
    t = await startTestApp();
    erp = await kontorlandErp(t);
  });
  afterAll(() => t?.close());

  /** An accepted order of Nordby skole for `items`, its agreement's reference, and the retarget of one example to it. */
  async function orderFor(items: string[]) {
    const order = await acceptedOrder(
      t,
      items.map((sellerItemId) => ({ sellerItemId, quantity: '10' })),
    );
    const [agreement] = await t.sql(`SELECT reference FROM agreement WHERE id = $1`, [order.agreementId]);
    const target = (number: string, billingReference?: string) => ({
      number,
      seller: ORG.kontorland,
      buyer: ORG.skole,
      buyerReference: order.requisitionNumber,
      orderNumber: order.number,
      orderLines: order.lines.map((l: { lineId: string }) => l.lineId),
      contractReference: agreement.reference,
      billingReference,
    });
    return { order, target };
  }

  /** The totals and VAT subtotals each example publishes (read off the files), which Torg must store as written. */
  const NORWEGIAN = {
    currency: 'NOK',
    totals: { line: '1436.50', allowances: '100.00', charges: '100.00', taxExclusive: '1436.50', tax: '365.28', taxInclusive: '1801.78', prepaid: '1000.00', rounding: '0.22', payable: '802.00' },
    vat: [
      ['E', '0.00', '-25.00', '0.00'],
      ['S', '15.00', '1.00', '0.15'],
      ['S', '25.00', '1460.50', '365.13'],
    ],
    // Its lines are in NAR (number of articles), the demo order's in PK (packs), and its prices are not the agreement's:
    // the five lines differ in unit, each shown by its own reason (the total says it no second time). Stored, then an exception for accounts payable.
    reasons: ['UNIT_MISMATCH', 'UNIT_MISMATCH', 'UNIT_MISMATCH', 'UNIT_MISMATCH', 'UNIT_MISMATCH'],
  };
  const BASE = {
    currency: 'EUR',
    totals: { line: '1300.00', allowances: '0.00', charges: '25.00', taxExclusive: '1325.00', tax: '331.25', taxInclusive: '1656.25', prepaid: '0.00', rounding: '0.00', payable: '1656.25' },
    vat: [['S', '25.00', '1325.00', '331.25']],
    // Torg matches in NOK only (no exchange rates): a EUR invoice against a NOK order is an exception with that reason, not a refusal.
    reasons: ['CURRENCY'],
  };
  const EXAMPLES = {
    'Norwegian-example-1.xml': NORWEGIAN,
    // The EHF edition of the same invoice: the same figures.
    'ehf-3-faktura-1.xml': NORWEGIAN,
    'base-example.xml': BASE,
    'Allowance-example.xml': {
      currency: 'EUR',
      totals: { line: '5900.00', allowances: '200.00', charges: '200.00', taxExclusive: '5900.00', tax: '1225.00', taxInclusive: '7125.00', prepaid: '1000.00', rounding: '0.00', payable: '6125.00' },
      vat: [
        ['E', '0.00', '1000.00', '0.00'],
        ['S', '25.00', '4900.00', '1225.00'],
      ],
      reasons: ['CURRENCY'],
    },
  };

  /** What Torg stored of the document: its figures, VAT per category and rate, and the reasons it did not match. */
  const stored = async (id: string) => {
    const [i] = await t.sql(
      `SELECT kind, status, currency, order_id, credited_invoice_id, line_extension_amount::text AS line, allowance_total_amount::text AS allowances, charge_total_amount::text AS charges,
              tax_exclusive_amount::text AS "taxExclusive", tax_amount::text AS tax, tax_inclusive_amount::text AS "taxInclusive", prepaid_amount::text AS prepaid,
              payable_rounding_amount::text AS rounding, payable_amount::text AS payable
         FROM invoice WHERE id = $1`,
      [id],
    );
    const vat = await t.sql(`SELECT category, rate::text, taxable_amount::text, tax_amount::text FROM invoice_vat_subtotal WHERE invoice_id = $1 ORDER BY category, rate`, [id]);
    const reasons = await t.sql(`SELECT code FROM invoice_match_reason WHERE invoice_id = $1 ORDER BY id`, [id]);
    const { kind, status, currency, order_id, credited_invoice_id, ...totals } = i;
    return {
      kind,
      status,
      currency,
      orderId: order_id,
      creditedInvoiceId: credited_invoice_id,
      totals,
      vat: vat.map((v: Record<string, string>) => [v.category, v.rate, v.taxable_amount, v.tax_amount]),
      reasons: reasons.map((r: { code: string }) => r.code),
    };
  };

  it.each(Object.entries(EXAMPLES))('takes %s (201) and stores its totals and VAT per rate as published', async (name, published) => {
    // Five items: Norwegian-example-1 references five order lines.
    const { order, target } = await orderFor(['KL-100', 'KL-101', 'KL-102', 'KL-103', 'KL-104']);
    const res = await postDocument(t, erp, retargetExample(publishedExample('invoice', name), target(`PUB-${++serial}`)));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ documentType: 'Invoice', status: 'EXCEPTION', problems: [] });
    expect(await stored(res.body.id)).toEqual({ kind: 'INVOICE', status: 'EXCEPTION', orderId: order.id, creditedInvoiceId: null, ...published });
  });

  it('takes base-creditnote-correction.xml (201) tied to the invoice it credits (BillingReference), its figures as published', async () => {
    const { order, target } = await orderFor(['KL-100']);
    const invoiceNumber = `PUB-${++serial}`;
    const invoice = await postDocument(t, erp, retargetExample(publishedExample('invoice', 'base-example.xml'), target(invoiceNumber)));
    expect(invoice.status).toBe(201);
    const res = await postDocument(t, erp, retargetExample(publishedExample('credit-note', 'base-creditnote-correction.xml'), target(`PUBK-${++serial}`, invoiceNumber)));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ documentType: 'CreditNote', status: 'EXCEPTION', problems: [] });
    // The correction credits the whole of base-example: the same figures, in EUR (hence the exception).
    expect(await stored(res.body.id)).toEqual({ kind: 'CREDIT_NOTE', status: 'EXCEPTION', orderId: order.id, creditedInvoiceId: Number(invoice.body.id), ...BASE });
  });

  it('refuses the credit note when the invoice it names is not one of ours (422, naming the BillingReference)', async () => {
    const { target } = await orderFor(['KL-100']);
    const res = await postDocument(t, erp, retargetExample(publishedExample('credit-note', 'base-creditnote-correction.xml'), target(`PUBK-${++serial}`, 'Snippet1')));
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ message: 'No invoice Snippet1 from you to Nordby skole is known: a credit note names the invoice it credits' })]);
  });
});
