import Decimal from 'decimal.js';
import { OrderEvent, OrderStatus } from './order-status';
import type { OrderLineStatus } from './purchase-order-line.entity';

/**
 * The pure rules of receiving goods against an order (issue 15 §7): what may be received, what
 * needs the receiver's confirmation, and which step the order takes after a receipt.
 */

/** Goods may arrive before the supplier answers (SENT); from RECEIVED only returns make sense, and they are allowed. */
export const RECEIVABLE_ORDER_STATES: ReadonlySet<OrderStatus> = new Set([OrderStatus.SENT, OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_RECEIVED, OrderStatus.RECEIVED]);

/** A supplier's despatch is information for the receiver while goods may still come. */
export const DESPATCHABLE_ORDER_STATES: ReadonlySet<OrderStatus> = new Set([OrderStatus.SENT, OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_RECEIVED]);

/** Lines the supplier did not accept or the buyer took out: nothing is to be received on them. */
export const UNRECEIVABLE_LINE_STATES: ReadonlySet<OrderLineStatus> = new Set<OrderLineStatus>(['NOT_ACCEPTED', 'CANCELLED']);

/** One order line as a receipt touches it: ordered (as it stands), received before, and this receipt's quantity (negative: a return). */
export interface LineReceiving {
  lineId: string;
  ordered: Decimal;
  receivedBefore: Decimal;
  receiving: Decimal;
}

export interface OverReceipt {
  lineId: string;
  ordered: Decimal;
  receivedBefore: Decimal;
  receiving: Decimal;
}

/** Lines this receipt would take beyond their ordered quantity (returns never do). */
export function overReceipts(lines: LineReceiving[]): OverReceipt[] {
  return lines
    .filter((l) => l.receiving.gt(0) && l.receivedBefore.plus(l.receiving).gt(l.ordered))
    .map(({ lineId, ordered, receivedBefore, receiving }) => ({ lineId, ordered, receivedBefore, receiving }));
}

/** Lines whose return is more than was received: a line never goes below nothing received. */
export function returnsBeyondReceived(lines: LineReceiving[]): LineReceiving[] {
  return lines.filter((l) => l.receiving.lt(0) && l.receivedBefore.plus(l.receiving).lt(0));
}

/** Every line of the order after the receipt. */
export interface LineAfterReceipt {
  ordered: Decimal;
  receivedAfter: Decimal;
  status: OrderLineStatus;
}

/**
 * The order's step after a receipt, or null when it stays as it is. Fully received means every
 * line still to be delivered (ordered > 0, not refused or cancelled) has at least its quantity;
 * then `receiveAll`. Otherwise a return (or anything short of full, from RECEIVED) is
 * `returnGoods`, and goods received are `receivePart`. The table has no way back from
 * PARTIALLY_RECEIVED, so returning everything leaves the order there.
 */
export function eventAfterReceipt(status: OrderStatus, lines: LineAfterReceipt[], hasReturn: boolean): OrderEvent | null {
  const due = lines.filter((l) => !UNRECEIVABLE_LINE_STATES.has(l.status) && l.ordered.gt(0));
  const allReceived = due.length > 0 && due.every((l) => l.receivedAfter.gte(l.ordered));
  if (allReceived) return status === OrderStatus.RECEIVED ? null : 'receiveAll';
  if (status === OrderStatus.RECEIVED) return 'returnGoods';
  if (status === OrderStatus.PARTIALLY_RECEIVED) return hasReturn ? 'returnGoods' : 'receivePart';
  return lines.some((l) => l.receivedAfter.gt(0)) ? 'receivePart' : null;
}
