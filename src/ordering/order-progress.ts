/**
 * The outbox topic ordering enqueues when an order moved so that an invoice waiting for it may
 * now match: goods were received (or returned), or the supplier's answer was accepted. Key: the
 * order id. Invoicing handles it (re-matching that order's undecided invoices); ordering only
 * announces, so it knows nothing of invoices.
 */
export const ORDER_PROGRESSED = 'invoicing.order-progressed';

export interface OrderProgressed {
  orderId: number;
  why: 'goods-received' | 'order-accepted' | 'order-closed';
}
