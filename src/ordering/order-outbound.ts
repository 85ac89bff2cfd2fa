import type { OutboundRef } from '../exchange/outbound/outbound-documents.service';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/** The UBL document type of an order, as exchange knows it. */
export const ORDER_DOCUMENT = 'Order';

/** How an order's outbound documents name it. */
export const orderRef = (order: Pick<PurchaseOrderEntity, 'id'>): OutboundRef => ({ kind: 'order', id: String(order.id) });
