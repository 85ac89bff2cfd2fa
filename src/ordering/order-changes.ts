import { totals } from './cart-totals';
import type { OrderResponseLineEntity } from './order-response.entity';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';

export type LineUpdate = Partial<Pick<PurchaseOrderLineEntity, 'quantity' | 'unitPrice' | 'status' | 'substituteSellerItemId' | 'substituteName' | 'substituteGtin'>>;

/**
 * What accepting a supplier's changes (its latest CA) does to each order line: a changed line
 * takes the new quantity and price and records a substitute beside what was ordered; a line
 * not accepted goes out (quantity 0, CANCELLED); an accepted line stays as ordered. Pure.
 */
export function acceptedChanges(lines: readonly PurchaseOrderLineEntity[], answers: readonly OrderResponseLineEntity[]): Map<number, LineUpdate> {
  const updates = new Map<number, LineUpdate>();
  const byLine = new Map(answers.map((a) => [a.orderLineId, a]));
  for (const line of lines) {
    const answer = byLine.get(line.id);
    if (!answer || answer.lineCode === '5') continue;
    if (answer.lineCode === '7') {
      updates.set(line.id, { quantity: '0', status: 'CANCELLED' });
      continue;
    }
    const update: LineUpdate = { status: 'CHANGED' };
    if (answer.quantity !== null) update.quantity = answer.quantity;
    if (answer.price !== null) update.unitPrice = answer.price;
    if (answer.substituteSellerItemId !== null) {
      update.substituteSellerItemId = answer.substituteSellerItemId;
      update.substituteName = answer.substituteName;
      update.substituteGtin = answer.substituteGtin;
    }
    updates.set(line.id, update);
  }
  return updates;
}

/** The order's totals over its lines as they will be (PEPPOL rounding: see cart-totals). */
export function orderTotals(lines: readonly PurchaseOrderLineEntity[], updates: ReadonlyMap<number, LineUpdate>, currency: string) {
  const priced = lines.map((l) => {
    const u = updates.get(l.id) ?? {};
    return { quantity: u.quantity ?? l.quantity, unitPrice: u.unitPrice ?? l.unitPrice, vatRate: l.vatRate, currency };
  });
  const [sum] = totals(priced);
  return {
    lineExtensionAmount: sum ? sum.lineExtensionAmount.toDecimalString() : '0.00',
    vatAmount: sum ? sum.vatAmount.toDecimalString() : '0.00',
    taxInclusiveAmount: sum ? sum.taxInclusiveAmount.toDecimalString() : '0.00',
  };
}
