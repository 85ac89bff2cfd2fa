import { registerEnumType } from '@nestjs/graphql';
import { TransitionTable } from '../platform/state-machine/transition-table';

/**
 * Where a requisition or order stands. A requisition is an order before approval (it has a
 * requisition number, no order number yet); approved, it is an order to the supplier.
 */
export enum OrderStatus {
  /** Submitted; waits for an approver with authority on the cost centre for the amount. */
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  /** Refused by the approver (with a comment). Final. */
  REJECTED = 'REJECTED',
  /** Taken back by the requester before a decision. Final. */
  WITHDRAWN = 'WITHDRAWN',
  /** Approved: committed on the cost centre (and the agreement's ceiling), about to be sent. */
  APPROVED = 'APPROVED',
  /** Handed to the supplier (through the document transport, or placed outside Torg). */
  SENT = 'SENT',
  /** The supplier accepted it (order response AP), or the buyer accepted the supplier's changes. */
  ACCEPTED = 'ACCEPTED',
  /** The supplier refused it (order response RE). Final; the commitment is released. */
  DECLINED = 'DECLINED',
  /** The supplier accepted with changes (order response CA); waits for the buyer to accept or reject them. */
  CHANGED = 'CHANGED',
  /** Some goods received. */
  PARTIALLY_RECEIVED = 'PARTIALLY_RECEIVED',
  /** Everything ordered (as accepted) received. */
  RECEIVED = 'RECEIVED',
  /** Cancelled by the buyer (or by rejecting the supplier's changes). Final; the commitment is released. */
  CANCELLED = 'CANCELLED',
  /** Finished: received and invoiced, or closed by the buyer. Final. */
  CLOSED = 'CLOSED',
}

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description:
    'PENDING_APPROVAL: a requisition waiting for an approver; REJECTED / WITHDRAWN: refused by the approver / taken back by the requester; APPROVED: committed, being sent; SENT: with the supplier; ACCEPTED: confirmed by the supplier; DECLINED: refused by the supplier; CHANGED: the supplier proposes changes the buyer must accept or reject; PARTIALLY_RECEIVED / RECEIVED: goods received in part / in full; CANCELLED: cancelled by the buyer; CLOSED: finished.',
});

export type OrderEvent =
  'approve' | 'reject' | 'withdraw' | 'send' | 'acknowledge' | 'accept' | 'decline' | 'change' | 'acceptChanges' | 'rejectChanges' | 'receivePart' | 'receiveAll' | 'returnGoods' | 'cancel' | 'close';

const receiving = { receivePart: OrderStatus.PARTIALLY_RECEIVED, receiveAll: OrderStatus.RECEIVED } as const;

/**
 * The order's state machine as a table. Goods may arrive before the supplier answers (receiving
 * from SENT). A supplier's answer is taken while the order is SENT (or ACCEPTED, when an
 * acknowledgement is followed by a change); once goods are received only a return moves it back.
 */
export const ORDER_TRANSITIONS: TransitionTable<OrderStatus, OrderEvent> = {
  [OrderStatus.PENDING_APPROVAL]: { approve: OrderStatus.APPROVED, reject: OrderStatus.REJECTED, withdraw: OrderStatus.WITHDRAWN },
  [OrderStatus.REJECTED]: {},
  [OrderStatus.WITHDRAWN]: {},
  [OrderStatus.APPROVED]: { send: OrderStatus.SENT, cancel: OrderStatus.CANCELLED },
  [OrderStatus.SENT]: {
    acknowledge: OrderStatus.SENT,
    accept: OrderStatus.ACCEPTED,
    decline: OrderStatus.DECLINED,
    change: OrderStatus.CHANGED,
    cancel: OrderStatus.CANCELLED,
    ...receiving,
  },
  [OrderStatus.ACCEPTED]: { change: OrderStatus.CHANGED, cancel: OrderStatus.CANCELLED, ...receiving, close: OrderStatus.CLOSED },
  [OrderStatus.DECLINED]: {},
  [OrderStatus.CHANGED]: { acceptChanges: OrderStatus.ACCEPTED, rejectChanges: OrderStatus.CANCELLED, cancel: OrderStatus.CANCELLED },
  [OrderStatus.PARTIALLY_RECEIVED]: { ...receiving, returnGoods: OrderStatus.PARTIALLY_RECEIVED, close: OrderStatus.CLOSED },
  [OrderStatus.RECEIVED]: { returnGoods: OrderStatus.PARTIALLY_RECEIVED, close: OrderStatus.CLOSED },
  [OrderStatus.CANCELLED]: {},
  [OrderStatus.CLOSED]: {},
};

/** Each event in the past tense: audit actions are `order.<done>`, refusals say "cannot be <done>". */
export const ORDER_EVENT_DONE: Record<OrderEvent, string> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
  send: 'sent',
  acknowledge: 'acknowledged',
  accept: 'accepted',
  decline: 'declined',
  change: 'changed',
  acceptChanges: 'changes-accepted',
  rejectChanges: 'changes-rejected',
  receivePart: 'partially-received',
  receiveAll: 'received',
  returnGoods: 'returned',
  cancel: 'cancelled',
  close: 'closed',
};

/** States in which the order holds a commitment on its cost centre (and agreement ceiling). */
export const COMMITTED_STATES: ReadonlySet<OrderStatus> = new Set([
  OrderStatus.APPROVED,
  OrderStatus.SENT,
  OrderStatus.ACCEPTED,
  OrderStatus.CHANGED,
  OrderStatus.PARTIALLY_RECEIVED,
  OrderStatus.RECEIVED,
]);
