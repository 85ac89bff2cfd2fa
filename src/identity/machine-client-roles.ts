import { OrganisationKind } from './organisation-kind';
import { Role } from './role';

/**
 * The roles a machine client may hold, by the kind of its organisation. A supplier's system
 * uploads catalogues and (with ordering) fetches orders and answers them. A buyer's finance
 * system fetches approved invoices for posting (ACCOUNTS_PAYABLE); buyers' machines get no
 * ordering roles, since a requisition and its approval are a person's acts. Never ADMIN: a machine does not
 * manage people or other machines.
 */
const MACHINE_ROLES_BY_KIND: Record<OrganisationKind, readonly Role[]> = {
  [OrganisationKind.SUPPLIER]: [Role.SUPPLIER_ADMIN],
  [OrganisationKind.BUYER]: [Role.ACCOUNTS_PAYABLE],
  [OrganisationKind.PURCHASING_UNIT]: [],
};

/** Why these roles cannot be given to a machine client of such an organisation, or null when they can. */
export function machineRolesProblem(kind: OrganisationKind, roles: readonly Role[]): string | null {
  const allowed = MACHINE_ROLES_BY_KIND[kind];
  const wrong = roles.filter((r) => !allowed.includes(r));
  if (!wrong.length) return null;
  const may = allowed.length ? `may hold only ${allowed.join(', ')}` : 'may hold no roles yet';
  return `Role(s) ${wrong.join(', ')} cannot be given to a machine client: a machine client of an organisation of kind ${kind} ${may}`;
}
