import { describe, expect, it } from 'vitest';
import { navigationFor, startPathFor } from './navigation';

describe('navigation by role', () => {
  it('gives a requester search and cart, and starts them at search', () => {
    expect(navigationFor(['REQUESTER']).map((e) => e.path)).toEqual(['/search', '/cart', '/my-orders', '/favourites', '/templates']);
    expect(startPathFor(['APPROVER', 'REQUESTER'])).toBe('/search');
  });

  it('gives a supplier its orders and catalogue, and starts it at its orders', () => {
    expect(navigationFor(['SUPPLIER_ADMIN']).map((e) => e.path)).toEqual(['/supplier/orders', '/supplier/catalogue', '/supplier/invoices']);
    expect(startPathFor(['SUPPLIER_ADMIN'])).toBe('/supplier/orders');
  });

  it('gives an approver the queue and delegations, accounts payable the exception queue first', () => {
    expect(navigationFor(['APPROVER']).map((e) => e.path)).toEqual(['/approvals', '/approvals/delegations']);
    expect(startPathFor(['ACCOUNTS_PAYABLE'])).toBe('/payables');
    expect(navigationFor(['ACCOUNTS_PAYABLE']).map((e) => e.path)).toEqual(['/payables', '/payables/exports']);
  });

  it('gives the purchasing unit its agreements and dashboards, and starts it at the agreements', () => {
    expect(navigationFor(['PURCHASER']).map((e) => e.path)).toEqual(['/purchasing/agreements', '/purchasing/dashboards']);
    expect(startPathFor(['ADMIN', 'PURCHASER'])).toBe('/purchasing/agreements');
  });

  it('sends roles without screens yet to the home page, with no menu', () => {
    expect(startPathFor([])).toBe('/home');
    expect(navigationFor([])).toEqual([]);
  });
});
