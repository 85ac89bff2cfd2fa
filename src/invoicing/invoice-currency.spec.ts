import { currencyReason } from './invoice-currency';

describe('currencyReason', () => {
  it('names the order and both currencies when the invoice is in another currency than its order', () => {
    const r = currencyReason('EUR', { order: { orderNo: 'PO-7', currency: 'NOK' }, agreement: null })!;
    expect(r).toMatchObject({ code: 'CURRENCY', expected: 'NOK', actual: 'EUR', invoiceLineId: null });
    expect(r.message).toMatch(/^Order PO-7 is in NOK, the invoice in EUR/);
  });

  it('names the agreement for an invoice without order, and ignores the agreement when there is an order', () => {
    const r = currencyReason('SEK', { order: null, agreement: { reference: 'RA-2025-01', currency: 'NOK' } })!;
    expect(r.message).toMatch(/^Agreement RA-2025-01 is in NOK, the invoice in SEK/);
    expect(r.expected).toBe('NOK');
    // A NOK invoice under an agreement in another currency is as incomparable as the reverse.
    const nokUnderEur = currencyReason('NOK', { order: null, agreement: { reference: 'RA-EUR', currency: 'EUR' } })!;
    expect(nokUnderEur).toMatchObject({ code: 'CURRENCY', expected: 'EUR', actual: 'NOK' });
    expect(nokUnderEur.message).toMatch(/^Agreement RA-EUR is in EUR, the invoice in NOK/);
    const withOrder = currencyReason('SEK', { order: { orderNo: 'PO-1', currency: 'NOK' }, agreement: { reference: 'RA', currency: 'SEK' } })!;
    expect(withOrder.message).toMatch(/^Order PO-1/);
  });

  it('says Torg matches in NOK only when order and invoice agree on another currency, or nothing is there to compare', () => {
    expect(currencyReason('EUR', { order: { orderNo: 'PO-2', currency: 'EUR' }, agreement: null })!.message).toMatch(/invoice and order PO-2 are in EUR; Torg matches in NOK only/);
    const alone = currencyReason('USD', { order: null, agreement: null })!;
    expect(alone.message).toMatch(/neither order nor agreement/);
    expect([alone.expected, alone.actual]).toEqual(['NOK', 'USD']);
  });

  it('finds nothing for a NOK invoice against a NOK order or agreement', () => {
    expect(currencyReason('NOK', { order: { orderNo: 'PO-3', currency: 'NOK' }, agreement: null })).toBeNull();
    expect(currencyReason('NOK', { order: null, agreement: { reference: 'RA', currency: 'NOK' } })).toBeNull();
    expect(currencyReason('NOK', { order: null, agreement: null })).toBeNull();
  });
});
