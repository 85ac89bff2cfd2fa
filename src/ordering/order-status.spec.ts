import { nextState } from '../platform/state-machine/transition-table';
import { COMMITTED_STATES, ORDER_EVENT_DONE, ORDER_TRANSITIONS, OrderEvent, OrderStatus } from './order-status';

const FINAL = [OrderStatus.REJECTED, OrderStatus.WITHDRAWN, OrderStatus.DECLINED, OrderStatus.CANCELLED, OrderStatus.CLOSED];

describe('the order state table', () => {
  it('has a row for every state and a past tense for every event', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual(Object.values(OrderStatus).sort());
    const events = new Set(Object.values(ORDER_TRANSITIONS).flatMap((row) => Object.keys(row)));
    expect([...events].sort()).toEqual(Object.keys(ORDER_EVENT_DONE).sort());
  });

  it('allows nothing from a final state', () => {
    for (const s of FINAL) expect(ORDER_TRANSITIONS[s]).toEqual({});
  });

  it('walks the happy path: approve, send, change, accept changes, receive in part, receive all, close', () => {
    const path: OrderEvent[] = ['approve', 'send', 'change', 'acceptChanges', 'receivePart', 'receiveAll', 'close'];
    let state: OrderStatus | null = OrderStatus.PENDING_APPROVAL;
    for (const event of path) state = nextState(ORDER_TRANSITIONS, state!, event);
    expect(state).toBe(OrderStatus.CLOSED);
  });

  it.each([
    [OrderStatus.PENDING_APPROVAL, 'send'],
    [OrderStatus.APPROVED, 'approve'],
    [OrderStatus.SENT, 'withdraw'],
    [OrderStatus.RECEIVED, 'cancel'],
    [OrderStatus.CHANGED, 'receivePart'],
    [OrderStatus.DECLINED, 'accept'],
  ] as [OrderStatus, OrderEvent][])('refuses %s → %s', (from, event) => {
    expect(nextState(ORDER_TRANSITIONS, from, event)).toBeNull();
  });

  it('holds a commitment exactly in the states between approval and the end', () => {
    expect([...COMMITTED_STATES].sort()).toEqual([OrderStatus.APPROVED, OrderStatus.SENT, OrderStatus.ACCEPTED, OrderStatus.CHANGED, OrderStatus.PARTIALLY_RECEIVED, OrderStatus.RECEIVED].sort());
    for (const s of FINAL) expect(COMMITTED_STATES.has(s)).toBe(false);
  });
});
