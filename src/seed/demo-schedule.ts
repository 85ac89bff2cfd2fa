/**
 * When each step of the demo's purchasing history acts (seed/demo-activity.ts), so that insights
 * have months to show: an order is submitted `daysAgo` days before the seed runs, in the morning;
 * an approver decides `approvalHours` later (a requester within their own limit is approved at
 * submission); the supplier answers the next day, the goods arrive five days after approval, and
 * the supplier invoices two days after they arrived (six days after its answer when nothing was
 * received). A credit note follows the invoice it credits by `CREDIT_AFTER_DAYS`. Pure: the
 * seed gives it the real time it starts at.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** After the invoice it credits: far enough to fall in another month. */
export const CREDIT_AFTER_DAYS = 35;

export interface DemoOrderTimes {
  submitted: Date;
  approved: Date;
  /** The supplier's order response. */
  answered: Date;
  /** The goods receipt. */
  received: Date;
  /** The supplier's invoice (its IssueDate is this day in Norway), after the receipt or, for goods not received, the answer. */
  invoiced: Date;
}

/** The morning (08:00 UTC: 09:00 or 10:00 in Norway) `days` days before `now`. */
export function morningDaysBefore(now: Date, days: number): Date {
  const day = new Date(now.getTime() - days * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 8));
}

/** The times of one demo order's steps; `received` says whether its goods arrive. */
export function demoOrderTimes(now: Date, order: { daysAgo: number; approvalHours?: number; receivedInFull?: boolean }): DemoOrderTimes {
  const submitted = morningDaysBefore(now, order.daysAgo);
  const approved = new Date(submitted.getTime() + (order.approvalHours ?? 0) * HOUR);
  const answered = new Date(approved.getTime() + DAY + 2 * HOUR);
  const received = new Date(approved.getTime() + 5 * DAY);
  const invoiced = order.receivedInFull ? new Date(received.getTime() + 2 * DAY) : new Date(answered.getTime() + 6 * DAY);
  return { submitted, approved, answered, received, invoiced };
}

/** A credit note's time: `CREDIT_AFTER_DAYS` after the invoice it credits. */
export const creditNoteTime = (invoiced: Date): Date => new Date(invoiced.getTime() + CREDIT_AFTER_DAYS * DAY);
