import { describe, expect, it } from 'vitest';
import { navigationFor, startPathFor } from './navigation';

describe('navigation by role', () => {
  it('gives a requester search and cart, and starts them at search', () => {
    expect(navigationFor(['REQUESTER']).map((e) => e.path)).toEqual(['/search', '/cart']);
    expect(startPathFor(['APPROVER', 'REQUESTER'])).toBe('/search');
  });

  it('gives a supplier its orders and catalogue, and starts it at its orders', () => {
    expect(navigationFor(['SUPPLIER_ADMIN']).map((e) => e.path)).toEqual(['/supplier/orders', '/supplier/catalogue']);
    expect(startPathFor(['SUPPLIER_ADMIN'])).toBe('/supplier/orders');
  });

  it('sends roles without screens yet to the home page, with no menu', () => {
    expect(startPathFor(['ACCOUNTS_PAYABLE'])).toBe('/home');
    expect(startPathFor([])).toBe('/home');
  });
});
