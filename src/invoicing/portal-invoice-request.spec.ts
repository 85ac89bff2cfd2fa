import { portalInvoiceRequest, requestDifferences } from './portal-invoice-request';

describe('the portal invoice request an idempotency key holds', () => {
  const sent = { orderId: 7, paymentAccount: '15032080119', lines: [{ lineId: '1', quantity: '2' }], kid: undefined };

  it('is the same request when the same form is sent again, left-out fields included', () => {
    expect(requestDifferences(portalInvoiceRequest(sent), portalInvoiceRequest({ ...sent, kid: null, note: undefined }))).toEqual([]);
  });

  it('names every field that differs, in the input’s order', () => {
    const again = portalInvoiceRequest({ ...sent, paymentAccount: '15032080127', lines: [{ lineId: '1', quantity: '3' }], invoiceNumber: 'F-1' });
    expect(requestDifferences(portalInvoiceRequest(sent), again)).toEqual(['invoiceNumber', 'lines', 'paymentAccount']);
    expect(requestDifferences(portalInvoiceRequest(sent), portalInvoiceRequest({ ...sent, orderId: 8 }))).toEqual(['orderId']);
    // Every line in full (lines left out) is another request than the same lines named.
    expect(requestDifferences(portalInvoiceRequest(sent), portalInvoiceRequest({ ...sent, lines: undefined }))).toEqual(['lines']);
  });
});
