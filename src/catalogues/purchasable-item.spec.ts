import { purchaseRefusal } from './purchasable-item';

const item = { sellerItemId: 'P-1', orderable: true, validFrom: '2026-12-01', validTo: '2026-12-31' };

describe('whether an item in force can be ordered on a day', () => {
  it('can within its validity, first and last day included, and always without dates', () => {
    expect(purchaseRefusal(item, '2026-12-01')).toBeNull();
    expect(purchaseRefusal(item, '2026-12-31')).toBeNull();
    expect(purchaseRefusal({ ...item, validFrom: null, validTo: null }, '1999-01-01')).toBeNull();
  });

  it('says why not: before its validity, after it, and a line not orderable by itself', () => {
    expect(purchaseRefusal(item, '2026-11-30')).toBe('Item P-1 can be ordered from 2026-12-01, not yet today (2026-11-30)');
    expect(purchaseRefusal(item, '2027-01-01')).toBe('Item P-1 could be ordered until 2026-12-31; its validity has ended');
    expect(purchaseRefusal({ ...item, orderable: false }, '2026-12-10')).toMatch(/^Item P-1 is not orderable by itself/);
  });
});
