import { fatalRules, RULES } from './support/peppol-rules';
import { needShared } from './support/shared-data';
import { creditNoteFor, creditNoteXml, invoiceFor, invoiceXml, linesOf, OrderToInvoice } from './support/invoices';

/**
 * No app here: this proves that test/support/invoices.ts, which the end-to-end tests and the
 * benchmark use to play the supplier, writes invoices the PEPPOL network accepts, and that its
 * `tamper` really breaks them.
 */

const describeRules = needShared('the official PEPPOL rules checks of test/support/invoices.ts', RULES) ? describe : describe.skip;

const fatal = (xml: string) => [...fatalRules('CEN-EN16931-UBL.sef.json', xml), ...fatalRules('PEPPOL-EN16931-UBL.sef.json', xml)];

const order: OrderToInvoice = {
  seller: { orgNumber: '981000056', name: 'Kontorland AS' },
  buyer: { orgNumber: '911000024', name: 'Nordby skole' },
  orderNumber: 'PO-2026-000123',
  buyerReference: 'Kari Nordmann',
  contractReference: 'RA-2025-17',
  lines: [
    { orderLineId: '1', sellerItemId: 'KL-100', gtin: '07311041012315', name: 'Kopipapir A4', quantity: 10, unitCode: 'EA', unitPrice: '49.90', vatRate: 25, unspsc: '14111507' },
    { orderLineId: '2', sellerItemId: 'KL-200', name: 'Kaffe', quantity: '2.5', unitCode: 'KGM', unitPrice: 119.9, vatRate: 15 },
    { orderLineId: '3', name: 'Ordbok', quantity: 1, unitCode: 'EA', unitPrice: '389', vatRate: 0 },
    { orderLineId: '4', name: 'Kinobilletter', quantity: 30, unitCode: 'EA', unitPrice: '95.335', vatRate: 12 },
  ],
};

describeRules('test/support/invoices.ts writes invoices the official rules accept', () => {
  it.each([
    ['a plain invoice of four lines at four rates', () => invoiceXml(order)],
    ['one line only, by buyer reference alone', () => invoiceXml({ ...order, orderNumber: undefined, lines: order.lines.slice(0, 1) })],
    [
      'with a document discount and a freight charge',
      () =>
        invoiceXml(order, {
          allowanceCharges: [
            { chargeIndicator: false, reason: 'Rabatt', amount: '100', vatRate: 25 },
            { chargeIndicator: true, reason: 'Frakt', reasonCode: 'FC', amount: 79.5, vatRate: 25 },
          ],
        }),
    ],
    ['with payment details', () => invoiceXml(order, { payment: { account: '15032080119', kid: '0000420000429' }, issueDate: '2026-12-01', dueDate: '2026-12-15' })],
    ['a credit note of one line', () => creditNoteXml({ ...order, lines: order.lines.slice(0, 1) }, { id: 'F-1', issueDate: '2026-12-01' })],
  ])('%s: no fatal assert', (_, xml) => {
    expect(fatal(xml())).toEqual([]);
  });

  it('tamper makes deliberately wrong documents, which the rules refuse for the reason meant', () => {
    expect(fatal(invoiceXml(order, { tamper: (d) => ({ ...d, totals: { ...d.totals, payableAmount: '1.00' } }) }))).toEqual(['BR-CO-16']);
    expect(fatal(invoiceXml(order, { tamper: (d) => ({ ...d, orderReference: undefined, buyerReference: undefined }) }))).toContain('PEPPOL-EN16931-R003');
    expect(
      fatal(
        invoiceXml(order, {
          tamper: (d) => {
            d.lines[0].lineExtensionAmount = '500.00';
          },
        }),
      ),
    ).toContain('PEPPOL-EN16931-R120');
  });
});

describe('test/support/invoices.ts', () => {
  it('computes the lines and totals, defaults the dates and a unique number', () => {
    const a = invoiceFor(order);
    const b = invoiceFor(order);
    expect(a.id).toMatch(/^F-[0-9a-f]{8}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.issueDate).toBe(new Date().toISOString().slice(0, 10));
    expect(Date.parse(a.dueDate!) - Date.parse(a.issueDate)).toBe(30 * 86_400_000);
    // 499.00 + 299.75 + 389.00 + 2860.05 (2860.05 = 30 × 95.335); VAT 124.75 + 44.96 (44.9625) + 0 + 343.21 (343.206)
    expect(a.lines.map((l) => l.lineExtensionAmount)).toEqual(['499.00', '299.75', '389.00', '2860.05']);
    expect(a.totals).toMatchObject({ lineExtensionAmount: '4047.80', taxExclusiveAmount: '4047.80', taxInclusiveAmount: '4560.72', payableAmount: '4560.72' });
    expect(a.orderReference).toBe('PO-2026-000123');
    expect(a.contractReference).toBe('RA-2025-17');
  });

  it('a credit note names the invoice it credits', () => {
    const credit = creditNoteFor(order, { id: 'F-1', issueDate: '2026-12-01' }, { invoiceNumber: 'K-1' });
    expect(credit).toMatchObject({ kind: 'CreditNote', id: 'K-1', billingReferences: [{ id: 'F-1', issueDate: '2026-12-01' }] });
  });

  it('linesOf turns an order from the API into lines to invoice, partly or whole', () => {
    const apiOrder = {
      lines: [
        { lineId: '1', name: 'Papir', quantity: '10', unitCode: 'EA', price: '49.9', vatRate: '25', sellerItemId: 'KL-100', gtin: null, unspscCode: '14111507' },
        { lineId: '2', name: 'Perm', quantity: '4', unitCode: 'EA', price: '30', vatRate: '25', sellerItemId: null, gtin: '07311041012315', unspscCode: '44122003' },
      ],
    };
    expect(linesOf(apiOrder, { '1': '6', '2': 0 })).toEqual([
      { orderLineId: '1', sellerItemId: 'KL-100', gtin: undefined, name: 'Papir', quantity: '6', unitCode: 'EA', unitPrice: '49.9', vatRate: '25', unspsc: '14111507' },
    ]);
    expect(linesOf(apiOrder).map((l) => l.quantity)).toEqual(['10', '4']);
  });
});
