import type { TFunction } from 'i18next';

export interface DelegationDraft {
  substituteUserId: string;
  validFrom: string;
  validTo: string;
}

export const EMPTY_DELEGATION: DelegationDraft = { substituteUserId: '', validFrom: '', validTo: '' };

/** The delegation form checked (pure): errors by field, or the CreateDelegationInput. Dates are YYYY-MM-DD, so they compare as text. */
export function checkDelegation(
  d: DelegationDraft,
  t: TFunction,
): { errors: Partial<Record<keyof DelegationDraft, string>>; input?: { substituteUserId: number; validFrom: string; validTo: string } } {
  const errors: Partial<Record<keyof DelegationDraft, string>> = {};
  if (!d.substituteUserId) errors.substituteUserId = t('work.delegations.errors.substitute');
  if (!d.validFrom) errors.validFrom = t('work.delegations.errors.from');
  if (!d.validTo) errors.validTo = t('work.delegations.errors.to');
  else if (d.validFrom && d.validTo < d.validFrom) errors.validTo = t('work.delegations.errors.order');
  if (Object.keys(errors).length) return { errors };
  return { errors, input: { substituteUserId: Number(d.substituteUserId), validFrom: d.validFrom, validTo: d.validTo } };
}
