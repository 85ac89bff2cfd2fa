import { invoiceFromOrder } from './invoice-from-order';
import { OrderToBill, portalInvoice, PortalInvoiceRequest } from './portal-invoice';

const order: OrderToBill = {
  orderNo: 'PO-2026-000042',
  customerReference: 'Kari',
  currency: 'NOK',
  lines: [
    {
      lineId: '1',
      status: 'ACCEPTED',
      name: 'Kopipapir',
      quantity: '10.0000',
      unitCode: 'PK',
      unitPrice: '49.9000',
      vatRate: '25.00',
      sellerItemId: 'KL-100',
      gtin: null,
      unspscCode: '14111507',
      substitute: null,
    },
    {
      lineId: '2',
      status: 'CHANGED',
      name: 'Penn',
      quantity: '5',
      unitCode: 'EA',
      unitPrice: '12',
      vatRate: '25',
      sellerItemId: 'KL-200',
      gtin: null,
      unspscCode: null,
      substitute: { sellerItemId: 'KL-201', name: 'Penn, blå', gtin: null },
    },
    { lineId: '3', status: 'NOT_ACCEPTED', name: 'Stift', quantity: '1', unitCode: 'EA', unitPrice: '5', vatRate: '25', sellerItemId: 'KL-300', gtin: null, unspscCode: null, substitute: null },
  ],
};
const seller = { orgNumber: '981000056', name: 'Kontorland AS' };
const buyer = { orgNumber: '911000024', name: 'Nordby skole', vatRegistered: false };
const request: PortalInvoiceRequest = { invoiceNumber: ' F-1 ', issueDate: '2026-12-01', dueDate: '2026-12-31', paymentAccount: '1503 20 80119' };

describe('portalInvoice', () => {
  it('invoices every accepted line in full by default, the substitute as delivered, the refused line not at all', () => {
    const result = portalInvoice(order, seller, buyer, request);
    if (!('input' in result)) throw new Error(JSON.stringify(result));
    expect(result.input).toMatchObject({ invoiceNumber: 'F-1', orderNumber: 'PO-2026-000042', buyerReference: 'Kari', payment: { account: '15032080119' } });
    expect(result.input.lines.map((l) => [l.orderLineId, l.sellerItemId, l.name, l.quantity])).toEqual([
      ['1', 'KL-100', 'Kopipapir', '10.0000'],
      ['2', 'KL-201', 'Penn, blå', '5'],
    ]);
    // the pure builder takes it as it is: 10 × 49.90 + 5 × 12 = 559.00, VAT 139.75
    expect(invoiceFromOrder(result.input).totals).toMatchObject({ lineExtensionAmount: '559.00', payableAmount: '698.75' });
  });

  it('takes partial quantities (a comma is a decimal point) and leaves out lines given 0', () => {
    const result = portalInvoice(order, seller, buyer, {
      ...request,
      lines: [
        { lineId: '1', quantity: '4,5' },
        { lineId: '2', quantity: '0' },
      ],
    });
    if (!('input' in result)) throw new Error(JSON.stringify(result));
    expect(result.input.lines.map((l) => [l.orderLineId, l.quantity])).toEqual([['1', '4.5']]);
  });

  it('names every field at fault at once: dates, account, KID, unknown, refused, repeated and excessive lines', () => {
    const result = portalInvoice(order, seller, buyer, {
      invoiceNumber: '',
      issueDate: '2026-12-10',
      dueDate: '2026-12-01',
      paymentAccount: '1503 20 80118',
      kid: '12a',
      lines: [
        { lineId: '1', quantity: '11' },
        { lineId: '3', quantity: '1' },
        { lineId: '9', quantity: '1' },
        { lineId: '2', quantity: 'mange' },
        { lineId: '1', quantity: '1' },
      ],
    });
    expect('problems' in result && result.problems.map((p) => p.field)).toEqual([
      'invoiceNumber',
      'dueDate',
      'paymentAccount',
      'kid',
      'lines[0].quantity',
      'lines[1].lineId',
      'lines[2].lineId',
      'lines[3].quantity',
      'lines[4].lineId',
    ]);
    const messages = 'problems' in result ? result.problems.map((p) => p.message) : [];
    expect(messages[4]).toBe('11 is more than the 10 PK agreed on line 1');
    expect(messages[5]).toMatch(/not accepted or was cancelled/);
    expect(messages[6]).toBe('the order has no line 9');
  });

  it('refuses an invoice of nothing: every line 0, or an order with no accepted line', () => {
    expect(portalInvoice(order, seller, buyer, { ...request, lines: [{ lineId: '1', quantity: '0' }] })).toEqual({
      problems: [{ field: 'lines', message: 'invoice at least one line with a quantity above 0' }],
    });
    const refused = { ...order, lines: [order.lines[2]] };
    expect(portalInvoice(refused, seller, buyer, request)).toEqual({ problems: [{ field: 'lines', message: expect.stringMatching(/nothing to invoice/) }] });
  });

  it('refuses a date that does not exist', () => {
    expect(portalInvoice(order, seller, buyer, { ...request, issueDate: '2026-02-30' })).toEqual({ problems: [{ field: 'issueDate', message: 'must be a date (YYYY-MM-DD), not "2026-02-30"' }] });
  });
});
