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
  /** Accounts payable asked the supplier a question (answered UQ); it waits for the answer, is still re-matched, and is then approved or disputed. */
  UNDER_QUERY = 'UNDER_QUERY',
  /** Approved for payment, automatically (matched) or by a person (with a reason for an exception); next only PARTLY_PAID or PAID. */
  APPROVED = 'APPROVED',
  /** The buyer's finance system paid a part of it (answered PD with the status reason PPD and the amount); paying the rest makes it PAID. */
  PARTLY_PAID = 'PARTLY_PAID',
  /** Paid in full by the buyer's finance system (answered PD). Final. */
  PAID = 'PAID',
  /** Sent back to the supplier (rejected, with a reason). Final; the supplier sends a credit note or a new invoice. */
  DISPUTED = 'DISPUTED',
}

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description:
    'RECEIVED: stored, not matched yet; WAITING: waits for goods receipt or an accepted order response, re-matched when it comes; EXCEPTION: differences beyond tolerance, accounts payable decides; UNDER_QUERY: accounts payable asked the supplier (answered UQ), it waits and is still re-matched; APPROVED: approved for payment; PARTLY_PAID: a part paid (answered PD with reason PPD), the rest still to pay; PAID: paid in full (final); DISPUTED: sent back to the supplier (final).',
});

/**
 * match: the matcher's verdict (approveMatched / wait / raiseException); approve, dispute and
 * query: a person's decision on an exception or a waiting invoice; pay: the finance system paid it
 * (the rest of it); payPart: the finance system paid less than what remains.
 */
export type InvoiceEvent = 'approveMatched' | 'wait' | 'raiseException' | 'approve' | 'dispute' | 'query' | 'pay' | 'payPart';

const verdicts = { approveMatched: InvoiceStatus.APPROVED, wait: InvoiceStatus.WAITING, raiseException: InvoiceStatus.EXCEPTION } as const;

/** A person's decisions on an invoice that did not match: approve, dispute, or ask the supplier (again). */
const decisions = { approve: InvoiceStatus.APPROVED, dispute: InvoiceStatus.DISPUTED, query: InvoiceStatus.UNDER_QUERY } as const;

/**
 * The invoice's state machine. A re-match of a WAITING or EXCEPTION invoice fires the verdict
 * again (a step to the same state is audited as a re-match); only people approve, dispute or
 * query an invoice that did not match. An invoice UNDER_QUERY stays so while the supplier has not
 * answered: a re-match that still finds differences (or waits) keeps it there, one that matches
 * approves it. Only paying leaves APPROVED: a part of it (PARTLY_PAID, where further parts keep it)
 * or the rest (PAID); nothing leaves PAID or DISPUTED (a credit note corrects).
 */
export const INVOICE_TRANSITIONS: TransitionTable<InvoiceStatus, InvoiceEvent> = {
  [InvoiceStatus.RECEIVED]: { ...verdicts },
  [InvoiceStatus.WAITING]: { ...verdicts, ...decisions },
  [InvoiceStatus.EXCEPTION]: { ...verdicts, ...decisions },
  [InvoiceStatus.UNDER_QUERY]: { approveMatched: InvoiceStatus.APPROVED, wait: InvoiceStatus.UNDER_QUERY, raiseException: InvoiceStatus.UNDER_QUERY, ...decisions },
  [InvoiceStatus.APPROVED]: { pay: InvoiceStatus.PAID, payPart: InvoiceStatus.PARTLY_PAID },
  [InvoiceStatus.PARTLY_PAID]: { pay: InvoiceStatus.PAID, payPart: InvoiceStatus.PARTLY_PAID },
  [InvoiceStatus.PAID]: {},
  [InvoiceStatus.DISPUTED]: {},
};

/** Each event in the past tense: audit actions are `invoice.<done>`. */
export const INVOICE_EVENT_DONE: Record<InvoiceEvent, string> = {
  approveMatched: 'approved-matched',
  wait: 'waiting',
  raiseException: 'exception',
  approve: 'approved',
  dispute: 'disputed',
  query: 'queried',
  pay: 'paid',
  payPart: 'partly-paid',
};

/** The states a re-match looks at, and accounts payable's queue: the undecided ones. */
export const OPEN_INVOICE_STATES: readonly InvoiceStatus[] = [InvoiceStatus.WAITING, InvoiceStatus.EXCEPTION, InvoiceStatus.UNDER_QUERY];

/** The states a person decides from (approve with a reason, dispute, query). */
export const UNDECIDED_INVOICE_STATES: readonly InvoiceStatus[] = OPEN_INVOICE_STATES;

/** Approved for payment, paid (in part or in full) or not: what is posted and what approved credit notes count as. */
export const APPROVED_INVOICE_STATES: readonly InvoiceStatus[] = [InvoiceStatus.APPROVED, InvoiceStatus.PARTLY_PAID, InvoiceStatus.PAID];

/** The states a payment may be reported in: approved, or paid in part. */
export const PAYABLE_INVOICE_STATES: readonly InvoiceStatus[] = [InvoiceStatus.APPROVED, InvoiceStatus.PARTLY_PAID];

/** The states whose quantities count as invoiced before (a disputed invoice is not to be paid; a paid one was). */
export const COUNTED_INVOICE_STATES: readonly InvoiceStatus[] = [...OPEN_INVOICE_STATES, ...APPROVED_INVOICE_STATES];
