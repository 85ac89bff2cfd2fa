import Decimal from 'decimal.js';
import { OrderStatus } from './order-status';
import { eventAfterReceipt, LineAfterReceipt, overReceipts, returnsBeyondReceived } from './receiving';

const d = (v: string) => new Decimal(v);
const line = (ordered: string, receivedAfter: string, status: LineAfterReceipt['status'] = 'OPEN'): LineAfterReceipt => ({ ordered: d(ordered), receivedAfter: d(receivedAfter), status });
const receiving = (ordered: string, receivedBefore: string, quantity: string) => ({ lineId: '1', ordered: d(ordered), receivedBefore: d(receivedBefore), receiving: d(quantity) });

describe('eventAfterReceipt', () => {
  it('receives part while any line due is short, and all once every line due is full', () => {
    expect(eventAfterReceipt(OrderStatus.SENT, [line('10', '4'), line('5', '0')], false)).toBe('receivePart');
    expect(eventAfterReceipt(OrderStatus.ACCEPTED, [line('10', '10'), line('5', '5')], false)).toBe('receiveAll');
    expect(eventAfterReceipt(OrderStatus.PARTIALLY_RECEIVED, [line('10', '10'), line('5', '4.9999')], false)).toBe('receivePart');
    expect(eventAfterReceipt(OrderStatus.PARTIALLY_RECEIVED, [line('10', '12'), line('5', '5')], false)).toBe('receiveAll');
  });

  it('leaves out lines not accepted, cancelled or with nothing ordered', () => {
    expect(eventAfterReceipt(OrderStatus.ACCEPTED, [line('10', '10'), line('5', '0', 'NOT_ACCEPTED'), line('3', '0', 'CANCELLED'), line('0', '0', 'CHANGED')], false)).toBe('receiveAll');
  });

  it('returns goods from RECEIVED or PARTIALLY_RECEIVED, and stays RECEIVED when a surplus goes back', () => {
    expect(eventAfterReceipt(OrderStatus.RECEIVED, [line('10', '8')], true)).toBe('returnGoods');
    expect(eventAfterReceipt(OrderStatus.PARTIALLY_RECEIVED, [line('10', '2')], true)).toBe('returnGoods');
    expect(eventAfterReceipt(OrderStatus.PARTIALLY_RECEIVED, [line('10', '0')], true)).toBe('returnGoods');
    expect(eventAfterReceipt(OrderStatus.RECEIVED, [line('10', '10')], true)).toBeNull();
  });
});

describe('overReceipts and returnsBeyondReceived', () => {
  it('flags a receipt past the ordered quantity, counting what came before', () => {
    expect(overReceipts([receiving('10', '6', '4')])).toEqual([]);
    expect(overReceipts([receiving('10', '6', '4.0001')])).toEqual([{ lineId: '1', ordered: d('10'), receivedBefore: d('6'), receiving: d('4.0001') }]);
    expect(overReceipts([receiving('10', '12', '-1')])).toEqual([]);
  });

  it('flags a return of more than was received', () => {
    expect(returnsBeyondReceived([receiving('10', '3', '-3')])).toEqual([]);
    expect(returnsBeyondReceived([receiving('10', '3', '-3.5')])).toHaveLength(1);
    expect(returnsBeyondReceived([receiving('10', '0', '2')])).toEqual([]);
  });
});
