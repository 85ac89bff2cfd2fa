import { Money } from '../../platform/money/money';

/**
 * Who approves a requisition: pure, so the rules are tested without a database and ordering
 * (issue 15 §4) asks the same question at submit ("who?") and at approval ("may this user?").
 *
 * - Within the requester's personal limit (amount excluding VAT ≤ limit) it is approved at once.
 *   No limit set means none: everything goes to an approver.
 * - Else an approver is a user holding the APPROVER role in the organisation with a right on the
 *   cost centre (or on all the organisation's cost centres) of at least the amount.
 * - A substitute whose delegation covers the date approves with the principal's authority, on
 *   the principal's behalf. Delegations are not passed on: a substitute's own substitute is nobody's.
 * - Nobody approves their own requisition, neither directly nor as someone's substitute, nor
 *   through a substitute acting for the requester.
 */

export interface ApproverRightFact {
  userId: number;
  /** null: every cost centre of the organisation. */
  costCentreId: number | null;
  maxAmount: Money;
}

export interface DelegationFact {
  principalUserId: number;
  substituteUserId: number;
  /** Oslo dates, YYYY-MM-DD, both included. */
  validFrom: string;
  validTo: string;
}

/** What the organisation has set up, as far as the decision needs it. */
export interface AuthorityFacts {
  /** The requester's own limit; null when none is set. */
  personalLimit: Money | null;
  rights: readonly ApproverRightFact[];
  delegations: readonly DelegationFact[];
  /** Users holding the APPROVER role in the organisation now: rights and delegations count for them only. */
  approverRoleHolders: ReadonlySet<number>;
}

export interface RequisitionFacts {
  requesterUserId: number;
  costCentreId: number;
  /** Excluding VAT. */
  amount: Money;
  /** The Oslo date the decision is for (YYYY-MM-DD). */
  date: string;
}

export interface AuthorisedApprover {
  userId: number;
  /** The principal whose authority a substitute uses; null for the user's own. */
  onBehalfOf: number | null;
  /** The largest amount the authority used covers on this cost centre. */
  maxAmount: Money;
}

export type ApprovalRoute =
  | { decision: 'WITHIN_OWN_LIMIT'; personalLimit: Money }
  | { decision: 'NEEDS_APPROVAL'; personalLimit: Money | null; approvers: AuthorisedApprover[] }
  | { decision: 'NO_APPROVER'; personalLimit: Money | null };

export function approvalRoute(req: RequisitionFacts, facts: AuthorityFacts): ApprovalRoute {
  checkAmount(req.amount);
  if (facts.personalLimit && req.amount.compare(facts.personalLimit) <= 0) return { decision: 'WITHIN_OWN_LIMIT', personalLimit: facts.personalLimit };
  const approvers = authorisedApprovers(req, facts);
  return approvers.length ? { decision: 'NEEDS_APPROVAL', personalLimit: facts.personalLimit, approvers } : { decision: 'NO_APPROVER', personalLimit: facts.personalLimit };
}

/** May `userId` approve this requisition, and on whose behalf? null when not. */
export function mayApprove(userId: number, req: RequisitionFacts, facts: AuthorityFacts): AuthorisedApprover | null {
  return authorisedApprovers(req, facts).find((a) => a.userId === userId) ?? null;
}

/**
 * Everyone who may approve, one entry per user: their own authority when they have it, else the
 * authority of the principal they stand in for (the lowest user id when several). Own authority
 * first, then substitutes, each by user id.
 */
export function authorisedApprovers(req: RequisitionFacts, facts: AuthorityFacts): AuthorisedApprover[] {
  checkAmount(req.amount);
  const eligible = (userId: number) => userId !== req.requesterUserId && facts.approverRoleHolders.has(userId);
  const own = new Map<number, Money>();
  for (const userId of new Set(facts.rights.map((r) => r.userId))) {
    const authority = authorityOf(userId, req, facts.rights);
    if (authority && eligible(userId)) own.set(userId, authority);
  }
  const direct = [...own].map(([userId, maxAmount]) => ({ userId, onBehalfOf: null, maxAmount }));
  const substitutes = new Map<number, AuthorisedApprover>();
  const inForce = facts.delegations.filter((d) => d.validFrom <= req.date && req.date <= d.validTo).sort((a, b) => a.principalUserId - b.principalUserId);
  for (const d of inForce) {
    const principal = own.get(d.principalUserId);
    if (!principal || !eligible(d.substituteUserId) || own.has(d.substituteUserId) || substitutes.has(d.substituteUserId)) continue;
    substitutes.set(d.substituteUserId, { userId: d.substituteUserId, onBehalfOf: d.principalUserId, maxAmount: principal });
  }
  const byUser = (a: AuthorisedApprover, b: AuthorisedApprover) => a.userId - b.userId;
  return [...direct.sort(byUser), ...[...substitutes.values()].sort(byUser)];
}

/** The user's largest right covering the cost centre, if it covers the amount. */
function authorityOf(userId: number, req: RequisitionFacts, rights: readonly ApproverRightFact[]): Money | null {
  let best: Money | null = null;
  for (const r of rights) {
    if (r.userId !== userId || (r.costCentreId !== null && r.costCentreId !== req.costCentreId)) continue;
    if (!best || r.maxAmount.compare(best) > 0) best = r.maxAmount;
  }
  return best && req.amount.compare(best) <= 0 ? best : null;
}

function checkAmount(amount: Money) {
  if (amount.isNegative()) throw new RangeError(`A requisition amount cannot be negative (${amount.toString()})`);
}
