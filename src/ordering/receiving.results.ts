import { resultUnion } from '../platform/results/result-union';
import { UnknownOrderLineError } from './order-line.errors';
import { OrderStateError, OrderVersionConflictError } from './order.types';
import { DespatchRegistered, DuplicateDespatchError, GoodsReceived, LineNotReceivableError, OverReceiptError, ReturnBeyondReceivedError } from './receiving.types';

export const RegisterDespatchResult = resultUnion({
  name: 'RegisterDespatchResult',
  description: 'The despatch advice recorded, or why not (nothing recorded).',
  types: () => [DespatchRegistered, OrderStateError, UnknownOrderLineError, DuplicateDespatchError] as const,
});

export const ReceiveGoodsResult = resultUnion({
  name: 'ReceiveGoodsResult',
  description: 'The receipt recorded and the order moved on, or why not (nothing recorded).',
  types: () => [GoodsReceived, OverReceiptError, ReturnBeyondReceivedError, LineNotReceivableError, OrderStateError, UnknownOrderLineError, OrderVersionConflictError] as const,
});
