import type { RequestContext } from '../platform/context/request-context';
import { AuditWriter, StateMachine } from '../platform/state-machine/state-machine';
import { ORDER_EVENT_DONE, ORDER_TRANSITIONS, OrderEvent, OrderStatus } from './order-status';
import { OrderStateError } from './order.types';
import type { PurchaseOrderEntity } from './purchase-order.entity';

export type OrderMachine = StateMachine<OrderStatus, OrderEvent, PurchaseOrderEntity, OrderStateError>;

/** How people name an order: its order number once it has one, else its requisition number. */
export const orderName = (order: Pick<PurchaseOrderEntity, 'orderNo' | 'requisitionNo'>) => (order.orderNo ? `Order ${order.orderNo}` : `Requisition ${order.requisitionNo}`);

/** Orders move only through this machine: it refuses, saves (optimistic lock) and audits every step. */
export function orderMachine(audit: AuditWriter, save: (tx: RequestContext, order: PurchaseOrderEntity) => Promise<PurchaseOrderEntity>): OrderMachine {
  return new StateMachine<OrderStatus, OrderEvent, PurchaseOrderEntity, OrderStateError>(
    {
      table: ORDER_TRANSITIONS,
      entityType: 'purchase_order',
      auditPrefix: 'order',
      done: ORDER_EVENT_DONE,
      describe: orderName,
      refused: (order, _event, message) => OrderStateError.of(order.status, message),
      save,
    },
    audit,
  );
}
