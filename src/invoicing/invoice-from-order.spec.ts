import { fatalRules, RULES, validateWithRules } from '../../test/support/peppol-rules';
import { writeInvoice } from '../peppol';
import { DomainError } from '../platform/errors/domain-error';
import { InvoiceFromOrderInput, invoiceFromOrder } from './invoice-from-order';
import { needShared } from '../../test/support/shared-data';

const describeRules = needShared('the official rules checks of invoiceFromOrder', RULES) ? describe : describe.skip;

const CEN = 'CEN-EN16931-UBL.sef.json';
const PEPPOL = 'PEPPOL-EN16931-UBL.sef.json';
const failures = (xml: string) => [...validateWithRules(CEN, xml), ...validateWithRules(PEPPOL, xml)].map((f) => `${f.id} (${f.flag})`);

/** Datautstyr Norge invoices Nordby skole for an order: two rates, a zero-rated book, a discount and freight. */
function order(): InvoiceFromOrderInput {
  return {
    invoiceNumber: '2026-0042',
    issueDate: '2026-12-01',
    dueDate: '2026-12-31',
    seller: { orgNumber: '983000088', name: 'Datautstyr Norge AS', address: { street: 'Teknologiveien 9', city: 'Oslo', postalZone: '0580' } },
    buyer: { orgNumber: '911000024', name: 'Nordby skole', registrationName: 'Storby kommune' },
    orderNumber: 'PO-2026-000321',
    buyerReference: '2100',
    contractReference: 'RA-2025-03',
    deliveryDate: '2026-11-27',
    payment: { account: '15032080119', kid: '0000420000429' },
    lines: [
      { orderLineId: '1', sellerItemId: 'DU-1', gtin: '07040000000019', name: 'Bærbar PC', quantity: '3', unitPrice: '8990.335', unitCode: 'EA', vatRate: '25', unspsc: '43211503' },
      { orderLineId: '2', name: 'Kaffe', quantity: '1.5', unitPrice: '45.07', unitCode: 'KGM', vatRate: '15.00' },
      { orderLineId: '3', name: 'Brukerhåndbok (bok)', quantity: '2', unitPrice: '199', unitCode: 'EA', vatRate: '0' },
    ],
    allowanceCharges: [
      { chargeIndicator: false, reason: 'Avtalerabatt', reasonCode: '95', amount: '500', vatRate: '25' },
      { chargeIndicator: true, reason: 'Frakt', reasonCode: 'FC', amount: '149.50', vatRate: '25' },
    ],
  };
}

describeRules('invoiceFromOrder writes invoices the network accepts (CEN + PEPPOL rules)', () => {
  it('an invoice with three rates, rounding, a discount and freight: no failed assert at all', () => {
    expect(failures(writeInvoice(invoiceFromOrder(order())))).toEqual([]);
  });

  it('a credit note for it, with and without payment details: no failed assert at all', () => {
    const credit = { ...order(), kind: 'CreditNote' as const, invoiceNumber: 'K-7', billingReferences: [{ id: '2026-0042', issueDate: '2026-12-01' }], allowanceCharges: undefined };
    expect(failures(writeInvoice(invoiceFromOrder(credit)))).toEqual([]);
    expect(failures(writeInvoice(invoiceFromOrder({ ...credit, payment: undefined })))).toEqual([]);
  });

  it('an invoice with the buyer reference only, and one with the order number only', () => {
    expect(fatalRules(PEPPOL, writeInvoice(invoiceFromOrder({ ...order(), orderNumber: undefined })))).toEqual([]);
    expect(fatalRules(PEPPOL, writeInvoice(invoiceFromOrder({ ...order(), buyerReference: undefined })))).toEqual([]);
  });
});

describe('invoiceFromOrder', () => {
  it('computes each line, the VAT per category and the totals', () => {
    const doc = invoiceFromOrder(order());
    expect(doc.lines.map((l) => [l.id, l.orderLineId, l.lineExtensionAmount, l.price, l.item.taxCategory])).toEqual([
      ['1', '1', '26971.01', '8990.335', { id: 'S', percent: '25' }], // 26971.005 → 26971.01
      ['2', '2', '67.61', '45.07', { id: 'S', percent: '15' }], // 67.605 → 67.61
      ['3', '3', '398.00', '199', { id: 'Z', percent: '0' }],
    ]);
    expect(doc.taxTotal).toEqual({
      taxAmount: '6665.27',
      subtotals: [
        { taxableAmount: '26620.51', taxAmount: '6655.13', category: { id: 'S', percent: '25' } }, // 26971.01 − 500 + 149.50; 6655.1275
        { taxableAmount: '67.61', taxAmount: '10.14', category: { id: 'S', percent: '15' } }, // 10.1415
        { taxableAmount: '398.00', taxAmount: '0.00', category: { id: 'Z', percent: '0' } },
      ],
    });
    expect(doc.totals).toEqual({
      lineExtensionAmount: '27436.62',
      taxExclusiveAmount: '27086.12',
      taxInclusiveAmount: '33751.39',
      allowanceTotalAmount: '500.00',
      chargeTotalAmount: '149.50',
      payableAmount: '33751.39',
    });
  });

  it('fills the parties: endpoints and legal ids 0192, the seller’s VAT number and Foretaksregisteret, NO as country', () => {
    const doc = invoiceFromOrder(order());
    expect(doc.seller).toMatchObject({ endpointId: '983000088', vatNumber: 'NO983000088MVA', orgNumber: '983000088', inBusinessRegister: true, registrationName: 'Datautstyr Norge AS' });
    expect(doc.buyer).toMatchObject({ endpointId: '911000024', vatNumber: undefined, registrationName: 'Storby kommune', inBusinessRegister: false, address: { country: 'NO' } });
    expect(doc.paymentMeans).toEqual({ code: '30', paymentId: '0000420000429', account: '15032080119' });
    expect(invoiceFromOrder({ ...order(), buyer: { ...order().buyer, vatRegistered: true } }).buyer.vatNumber).toBe('NO911000024MVA');
  });

  it('keeps a credit note’s due date only with payment details (UBL 2.1 has it in PaymentMeans there)', () => {
    const credit = { ...order(), kind: 'CreditNote' as const };
    expect(invoiceFromOrder(credit).dueDate).toBe('2026-12-31');
    expect(invoiceFromOrder({ ...credit, payment: undefined }).dueDate).toBeUndefined();
  });

  it('refuses input no valid invoice comes from, as BAD_USER_INPUT naming the field', () => {
    const refusal = (change: (o: InvoiceFromOrderInput) => void) => {
      const input = order();
      change(input);
      try {
        invoiceFromOrder(input);
        return 'accepted';
      } catch (e) {
        return e instanceof DomainError ? `${e.code} ${String(e.details?.field)}: ${e.message}` : `not a DomainError: ${String(e)}`;
      }
    };
    expect(refusal(() => undefined)).toBe('accepted');
    expect(refusal((o) => (o.lines[0].vatRate = '24'))).toBe('BAD_USER_INPUT lines[0].vatRate: lines[0].vatRate must be a Norwegian VAT rate (25, 15, 12, 0 %), not "24"');
    expect(refusal((o) => (o.lines[1].quantity = '0'))).toMatch(/^BAD_USER_INPUT lines\[1\]\.quantity: .*positive/);
    expect(refusal((o) => (o.lines[1].quantity = '-2'))).toMatch(/^BAD_USER_INPUT lines\[1\]\.quantity/);
    expect(refusal((o) => (o.lines[2].unitPrice = '1e3'))).toMatch(/^BAD_USER_INPUT lines\[2\]\.unitPrice/);
    expect(refusal((o) => (o.lines = []))).toMatch(/^BAD_USER_INPUT lines: /);
    expect(refusal((o) => (o.seller.orgNumber = '98300008'))).toMatch(/^BAD_USER_INPUT seller\.orgNumber/);
    expect(refusal((o) => (o.issueDate = '1.12.2026'))).toMatch(/^BAD_USER_INPUT issueDate/);
    expect(refusal((o) => Object.assign(o, { orderNumber: undefined, buyerReference: ' ' }))).toMatch(/^BAD_USER_INPUT orderNumber: orderNumber or buyerReference is required/);
    expect(refusal((o) => (o.allowanceCharges![1].amount = '149.505'))).toMatch(/^BAD_USER_INPUT allowanceCharges\[1\]\.amount/);
    expect(refusal((o) => (o.allowanceCharges![0].reason = ''))).toMatch(/^BAD_USER_INPUT allowanceCharges\[0\]\.reason/);
    expect(refusal((o) => (o.seller.vatRegistered = false))).toMatch(/^BAD_USER_INPUT seller\.vatRegistered: .*cannot charge VAT/);
  });
});
