import { LineStatus } from './cart-line-kinds';
import { checkCatalogueLine } from './line-check';

const line = { sellerItemId: 'KL-100', unitPrice: '45.0700', currency: 'NOK', vatRate: '25.00', unitCode: 'PK' };
const inForce = { reference: '2025-001', orderable: true, inForce: true, validFrom: '2025-01-01', validTo: '2028-12-31' };
const now = (over: Partial<{ price: string; vatRate: string; unitCode: string; currency: string }> = {}) => ({ itemId: '99', price: '45.07', currency: 'NOK', vatRate: '25', unitCode: 'PK', ...over });

describe('re-checking a catalogue line', () => {
  it('is orderable while its version is in force', () => {
    expect(checkCatalogueLine(line, inForce, true, now())).toEqual({ status: LineStatus.ORDERABLE, reason: null, currentPrice: null, currentItemId: null });
  });

  it('is orderable on the same terms in a newer version, pointing at the current item', () => {
    expect(checkCatalogueLine(line, inForce, false, now())).toMatchObject({ status: LineStatus.ORDERABLE, currentItemId: '99' });
  });

  it('reports a new price with the price, never taking it', () => {
    expect(checkCatalogueLine(line, inForce, false, now({ price: '49.90' }))).toEqual({
      status: LineStatus.REPRICED,
      reason: 'Item KL-100 now costs 49.90 NOK (added at 45.07 NOK)',
      currentPrice: '49.90',
      currentItemId: '99',
    });
  });

  it('reports an item in force that cannot be ordered today with the reason, before anything else about it', () => {
    const why = 'Item KL-100 could be ordered until 2026-11-30; its validity has ended';
    expect(checkCatalogueLine(line, inForce, true, now(), why)).toEqual({ status: LineStatus.ITEM_UNAVAILABLE, reason: why, currentPrice: null, currentItemId: null });
    expect(checkCatalogueLine(line, inForce, false, now({ price: '49.90' }), why).status).toBe(LineStatus.ITEM_UNAVAILABLE);
    expect(checkCatalogueLine(line, { ...inForce, orderable: false, inForce: false }, true, now(), why).status).toBe(LineStatus.AGREEMENT_NOT_IN_FORCE);
  });

  it('reports another unit or VAT rate, and a withdrawn item', () => {
    expect(checkCatalogueLine(line, inForce, false, now({ unitCode: 'EA' })).status).toBe(LineStatus.ITEM_CHANGED);
    expect(checkCatalogueLine(line, inForce, false, now({ vatRate: '15' })).status).toBe(LineStatus.ITEM_CHANGED);
    expect(checkCatalogueLine(line, inForce, false, null)).toMatchObject({ status: LineStatus.ITEM_WITHDRAWN, reason: expect.stringContaining('KL-100') });
  });

  it('tells an ended agreement from a buyer that no longer takes part', () => {
    expect(checkCatalogueLine(line, { ...inForce, orderable: false, inForce: false, validTo: '2025-06-30' }, true, now())).toMatchObject({
      status: LineStatus.AGREEMENT_NOT_IN_FORCE,
      reason: 'Agreement 2025-001 is not in force today (in force 2025-01-01 to 2025-06-30)',
    });
    expect(checkCatalogueLine(line, { ...inForce, orderable: false }, true, now())).toMatchObject({ status: LineStatus.NOT_PARTICIPANT });
  });
});
