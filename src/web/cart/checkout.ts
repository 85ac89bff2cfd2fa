import type { TFunction } from 'i18next';
import { formatMoney } from '../format/format';
import { todayInNorway } from '../format/format';
import { refusalText } from '../refusals/refusal-text';
import { draftKey } from '../auth/session';

/** The checkout form as typed; kept in sessionStorage, so going back to the cart and returning loses nothing. */
export interface CheckoutDraft {
  costCentreId: string;
  deliveryAddressId: string;
  wantedDeliveryDate: string;
  noteToSupplier: string;
  customerReference: string;
}

export const EMPTY_CHECKOUT: CheckoutDraft = { costCentreId: '', deliveryAddressId: '', wantedDeliveryDate: '', noteToSupplier: '', customerReference: '' };
/** Under the draft prefix (session.ts), so signing out clears it with the other drafts. */
const KEY = 'checkout';

export function loadCheckoutDraft(): CheckoutDraft {
  try {
    return { ...EMPTY_CHECKOUT, ...(JSON.parse(sessionStorage.getItem(draftKey(KEY)) ?? '{}') as Partial<CheckoutDraft>) };
  } catch {
    return EMPTY_CHECKOUT;
  }
}

export function saveCheckoutDraft(draft: CheckoutDraft | null): void {
  try {
    if (draft) sessionStorage.setItem(draftKey(KEY), JSON.stringify(draft));
    else sessionStorage.removeItem(draftKey(KEY));
  } catch {
    // No storage: the draft lives as long as the page.
  }
}

export type CheckoutErrors = Partial<Record<keyof CheckoutDraft, string>>;

/** Checks the draft (pure); the SubmitCartInput when it is complete. */
export function checkCheckout(d: CheckoutDraft, t: TFunction, today = todayInNorway()): { errors: CheckoutErrors; input?: Record<string, unknown> } {
  const errors: CheckoutErrors = {};
  if (!d.costCentreId) errors.costCentreId = t('checkout.required', { field: t('checkout.costCentre').toLowerCase() });
  if (!d.deliveryAddressId) errors.deliveryAddressId = t('checkout.required', { field: t('checkout.deliveryAddress').toLowerCase() });
  if (d.wantedDeliveryDate && d.wantedDeliveryDate < today) errors.wantedDeliveryDate = t('checkout.dateInPast');
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      costCentreId: Number(d.costCentreId),
      deliveryAddressId: Number(d.deliveryAddressId),
      ...(d.wantedDeliveryDate ? { wantedDeliveryDate: d.wantedDeliveryDate } : {}),
      ...(d.noteToSupplier.trim() ? { noteToSupplier: d.noteToSupplier.trim() } : {}),
      ...(d.customerReference.trim() ? { customerReference: d.customerReference.trim() } : {}),
    },
  };
}

/** A refused submit (SubmitCartResult's errors), said with what to do, and the field it concerns. */
export function submitRefusal(answer: { __typename: string; message?: string; [k: string]: unknown }, t: TFunction): { message: string; field?: keyof CheckoutDraft } {
  const a = answer as unknown as Record<string, never>;
  switch (answer.__typename) {
    case 'BudgetExceededError':
      return {
        field: 'costCentreId',
        message: t('checkout.budgetExceeded', { code: a.costCentreCode, remaining: formatMoney(a.remaining, a.currency), year: a.year, requested: formatMoney(a.requested, a.currency) }),
      };
    case 'CeilingExceededError':
      return { message: t('checkout.ceilingExceeded', { reference: a.agreementReference, remaining: formatMoney(a.remaining, a.currency) }) };
    case 'NoApproverError':
      return { field: 'costCentreId', message: t('checkout.noApprover', { amount: formatMoney(a.amount) }) };
    case 'CostCentreInactiveError':
      return { field: 'costCentreId', message: t('checkout.costCentreInactive') };
    case 'CartEmptyError':
      return { message: t('checkout.emptyCart') };
    case 'CartNotOrderableError':
      return { message: t('checkout.notOrderable', { lines: (a.lines as unknown as { name: string; reason: string }[]).map((l) => `${l.name} (${l.reason})`).join('; ') }) };
    default:
      return { message: refusalText(answer, t) };
  }
}
