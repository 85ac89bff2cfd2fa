import { Caller } from '../platform/context/request-context';
import { Role } from './role';

/**
 * Who may change organisations and memberships.
 *
 * - A platform operator (an e-mail in PLATFORM_OPERATORS, see platform/auth/platform-operator.ts) registers
 *   organisations and grants roles anywhere.
 * - An organisation's ADMIN grants roles in its own organisation and in the organisations below
 *   it (a municipality's ADMIN in its schools), nowhere else: not at a purchasing unit, a supplier
 *   or another municipality. Registering organisations stays with the operators, since a new
 *   organisation under a parent inherits the parent's agreements and takes an organisation number
 *   from the public register.
 * - Without a caller (the demo seed, the CLI) the system acts; every API operation that reaches
 *   these rules has a caller, as its access rule requires a token.
 */
export interface IdentityActor {
  caller: Caller | undefined;
  operator: boolean;
}

export const actorOf = (caller: Caller | undefined): IdentityActor => ({ caller, operator: !!caller?.platformOperator });

export function mayRegisterOrganisations(actor: IdentityActor): boolean {
  return !actor.caller || actor.operator;
}

/** `targetAndAbove`: the target organisation's id and the ids of every organisation above it. */
export function mayManageMembers(actor: IdentityActor, targetAndAbove: readonly number[]): boolean {
  if (!actor.caller || actor.operator) return true;
  return actor.caller.roles.includes(Role.ADMIN) && targetAndAbove.includes(actor.caller.organisationId);
}
