/**
 * What a member may do in an organisation. Platform code (the access guard, the request
 * context) knows roles only as names; this enum is the list of names that exist.
 */
export enum Role {
  REQUESTER = 'REQUESTER',
  APPROVER = 'APPROVER',
  PURCHASER = 'PURCHASER',
  SUPPLIER_ADMIN = 'SUPPLIER_ADMIN',
  /** Accounts payable in a buyer organisation: handles invoice exceptions and exports approved invoices for posting. */
  ACCOUNTS_PAYABLE = 'ACCOUNTS_PAYABLE',
  ADMIN = 'ADMIN',
}

const ROLE_NAMES = new Set<string>(Object.values(Role));

export function isRole(name: string): name is Role {
  return ROLE_NAMES.has(name);
}

/** The caller's role names as Roles (a name no longer in the enum is left out, not passed on to the API). */
export function rolesOf(caller: { roles: readonly string[] }): Role[] {
  return caller.roles.filter(isRole);
}
