/**
 * What makes a new delegation contradict the ones in force (pure; DelegationsService applies it
 * under a per-organisation lock). Periods are Oslo dates, YYYY-MM-DD, both ends included.
 */
export interface DelegationPeriod {
  validFrom: string;
  validTo: string;
}

export interface ExistingDelegation extends DelegationPeriod {
  id: number;
  principalUserId: number;
  substituteUserId: number;
}

export interface ProposedDelegation extends DelegationPeriod {
  principalUserId: number;
  substituteUserId: number;
}

/** Where a delegation stands on `today`. */
export function delegationStatus(d: DelegationPeriod & { cancelledAt: Date | null }, today: string): 'SCHEDULED' | 'ACTIVE' | 'ENDED' | 'CANCELLED' {
  if (d.cancelledAt) return 'CANCELLED';
  if (d.validTo < today) return 'ENDED';
  return d.validFrom > today ? 'SCHEDULED' : 'ACTIVE';
}

export type DelegationProblem = 'SELF_DELEGATION' | 'PERIOD_IN_PAST';

export const overlaps = (a: DelegationPeriod, b: DelegationPeriod) => a.validFrom <= b.validTo && b.validFrom <= a.validTo;

export const coversDate = (d: DelegationPeriod, date: string) => d.validFrom <= date && date <= d.validTo;

/**
 * Refused outright: naming oneself, and a period that starts before today (approvals already made
 * cannot have been made on someone's behalf). The caller checks validTo ≥ validFrom as input.
 */
export function delegationProblem(d: ProposedDelegation, today: string): DelegationProblem | null {
  if (d.principalUserId === d.substituteUserId) return 'SELF_DELEGATION';
  if (d.validFrom < today) return 'PERIOD_IN_PAST';
  return null;
}

/**
 * The first delegation in force over an overlapping period that the new one contradicts, with
 * why: the principal has a substitute already (one at a time, so it is clear who acts); the
 * substitute is away then (has a substitute of their own, which includes the two naming each
 * other); or the principal is someone's substitute then (an absent substitute helps nobody).
 * A substitute may stand in for several principals at once.
 */
export function conflictingDelegation(d: ProposedDelegation, existing: readonly ExistingDelegation[]): { delegation: ExistingDelegation; reason: string } | null {
  for (const e of existing) {
    if (!overlaps(d, e)) continue;
    if (e.principalUserId === d.principalUserId)
      return { delegation: e, reason: `user ${d.principalUserId} has named a substitute (user ${e.substituteUserId}) for ${e.validFrom}–${e.validTo} already: cancel that first` };
    if (e.principalUserId === d.substituteUserId)
      return { delegation: e, reason: `user ${d.substituteUserId} is away then, with user ${e.substituteUserId} as substitute (${e.validFrom}–${e.validTo})` };
    if (e.substituteUserId === d.principalUserId)
      return { delegation: e, reason: `user ${d.principalUserId} stands in for user ${e.principalUserId} then (${e.validFrom}–${e.validTo}), and cannot be away at the same time` };
  }
  return null;
}
