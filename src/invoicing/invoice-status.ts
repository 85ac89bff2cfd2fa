import { registerEnumType } from '@nestjs/graphql';
import { TransitionTable } from '../platform/state-machine/transition-table';

/** Where a received invoice or credit note stands with the buyer. */
export enum InvoiceStatus {
  /** Stored, not matched yet (only inside the transaction that receives it). */
  RECEIVED = 'RECEIVED',
  /** Waits for goods to be received or for the supplier's order response to be accepted; re-matched when that happens. */
  WAITING = 'WAITING',
  /** Matched with differences beyond the tolerances: accounts payable decides. */
  EXCEPTION = 'EXCEPTION',
  /** Approved for payment, automatically (matched) or by a person (with a reason for an exception). Final. */
  APPROVED = 'APPROVED',
  /** Sent back to the supplier (rejected, with a reason). Final; the supplier sends a credit note or a new invoice. */
  DISPUTED = 'DISPUTED',
}

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description:
    'RECEIVED: stored, not matched yet; WAITING: waits for goods receipt or an accepted order response, re-matched when it comes; EXCEPTION: differences beyond tolerance, accounts payable decides; APPROVED: approved for payment (final); DISPUTED: sent back to the supplier (final).',
});

/**
 * match: the matcher's verdict (approveMatched / wait / raiseException); approve and dispute: a
 * person's decision on an exception or a waiting invoice.
 */
export type InvoiceEvent = 'approveMatched' | 'wait' | 'raiseException' | 'approve' | 'dispute';

const verdicts = { approveMatched: InvoiceStatus.APPROVED, wait: InvoiceStatus.WAITING, raiseException: InvoiceStatus.EXCEPTION } as const;

/**
 * The invoice's state machine. A re-match of a WAITING or EXCEPTION invoice fires the verdict
 * again (a step to the same state is audited as a re-match); only people approve or dispute an
 * invoice that did not match, and nothing leaves APPROVED or DISPUTED (a credit note corrects).
 */
export const INVOICE_TRANSITIONS: TransitionTable<InvoiceStatus, InvoiceEvent> = {
  [InvoiceStatus.RECEIVED]: { ...verdicts },
  [InvoiceStatus.WAITING]: { ...verdicts, approve: InvoiceStatus.APPROVED, dispute: InvoiceStatus.DISPUTED },
  [InvoiceStatus.EXCEPTION]: { ...verdicts, approve: InvoiceStatus.APPROVED, dispute: InvoiceStatus.DISPUTED },
  [InvoiceStatus.APPROVED]: {},
  [InvoiceStatus.DISPUTED]: {},
};

/** Each event in the past tense: audit actions are `invoice.<done>`. */
export const INVOICE_EVENT_DONE: Record<InvoiceEvent, string> = {
  approveMatched: 'approved-matched',
  wait: 'waiting',
  raiseException: 'exception',
  approve: 'approved',
  dispute: 'disputed',
};

/** The states a re-match looks at: the undecided ones. */
export const OPEN_INVOICE_STATES: readonly InvoiceStatus[] = [InvoiceStatus.WAITING, InvoiceStatus.EXCEPTION];

/** The states whose quantities count as invoiced before (a disputed invoice is not to be paid). */
export const COUNTED_INVOICE_STATES: readonly InvoiceStatus[] = [InvoiceStatus.WAITING, InvoiceStatus.EXCEPTION, InvoiceStatus.APPROVED];
