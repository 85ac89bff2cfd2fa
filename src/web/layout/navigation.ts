/**
 * The main menu, by role: each entry names the roles that see it. A new screen is added here and
 * in app/routes.tsx with its roles; nothing else in the layout changes.
 */
export interface NavEntry {
  path: string;
  /** i18n key of its label. */
  label: string;
  roles: readonly string[];
}

export const NAVIGATION: readonly NavEntry[] = [
  { path: '/search', label: 'nav.search', roles: ['REQUESTER'] },
  { path: '/cart', label: 'nav.cart', roles: ['REQUESTER'] },
  // Supplier portal (issue 18).
  { path: '/supplier/orders', label: 'supplierNav.orders', roles: ['SUPPLIER_ADMIN'] },
  { path: '/supplier/catalogue', label: 'supplierNav.catalogue', roles: ['SUPPLIER_ADMIN'] },
  { path: '/supplier/invoices', label: 'supplierPortal.nav.invoices', roles: ['SUPPLIER_ADMIN'] },
  // Orders, approvals and accounts payable (issue 18, branch web-work).
  { path: '/my-orders', label: 'work.nav.myOrders', roles: ['REQUESTER'] },
  { path: '/approvals', label: 'work.nav.approvals', roles: ['APPROVER'] },
  { path: '/approvals/delegations', label: 'work.nav.delegations', roles: ['APPROVER'] },
  { path: '/payables', label: 'work.nav.payables', roles: ['ACCOUNTS_PAYABLE'] },
  { path: '/payables/exports', label: 'work.nav.postingExports', roles: ['ACCOUNTS_PAYABLE'] },
  // The purchasing unit (issue 18, branch web-purchasing).
  { path: '/purchasing/agreements', label: 'purchasing.nav.agreements', roles: ['PURCHASER'] },
  { path: '/purchasing/dashboards', label: 'purchasing.nav.dashboards', roles: ['PURCHASER'] },
  // Favourites and templates (issue 18, branch web-requester2).
  { path: '/favourites', label: 'extra.nav.favourites', roles: ['REQUESTER'] },
  { path: '/templates', label: 'extra.nav.templates', roles: ['REQUESTER'] },
];

/** The entries a user with these roles sees, in menu order. */
export function navigationFor(roles: readonly string[]): NavEntry[] {
  return NAVIGATION.filter((e) => e.roles.some((r) => roles.includes(r)));
}

/** Where a signed-in user starts: the first screen their roles give, else the home page. */
export function startPathFor(roles: readonly string[]): string {
  return navigationFor(roles)[0]?.path ?? '/home';
}
