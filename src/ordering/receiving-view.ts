import Decimal from 'decimal.js';
import type { DespatchAdviceWithLines } from './despatch-advice.repository';
import type { GoodsReceiptWithLines } from './goods-receipt.repository';
import { DespatchAdvice, DespatchChannel, GoodsReceipt } from './receiving.types';

/** A quantity as numeric text without trailing zeros ("150.0000" → "150"); the Decimal scalar pads it for display. */
export const plainQuantity = (q: string | Decimal): string => new Decimal(q).toFixed();

export function toDespatchAdvice({ advice, lines }: DespatchAdviceWithLines): DespatchAdvice {
  return {
    id: advice.id,
    orderId: advice.orderId,
    despatchId: advice.despatchId,
    issueDate: advice.issueDate,
    expectedDeliveryDate: advice.expectedDeliveryDate,
    expectedDeliveryEndDate: advice.expectedDeliveryEnd,
    note: advice.note,
    via: DespatchChannel[advice.via],
    createdByUserId: advice.createdByUserId,
    createdByClientId: advice.createdByClientId,
    createdAt: advice.createdAt,
    lines: lines.map((l) => ({
      lineId: String(l.lineNo),
      deliveredQuantity: plainQuantity(l.deliveredQuantity),
      outstandingQuantity: l.outstandingQuantity === null ? null : plainQuantity(l.outstandingQuantity),
      outstandingReason: l.outstandingReason,
      unitCode: l.unitCode,
    })),
  };
}

export function toGoodsReceipt({ receipt, lines }: GoodsReceiptWithLines): GoodsReceipt {
  return {
    id: receipt.id,
    orderId: receipt.orderId,
    receivedByUserId: receipt.receivedByUserId,
    receivedAt: receipt.receivedAt,
    note: receipt.note,
    despatchAdviceId: receipt.despatchAdviceId,
    lines: lines.map((l) => ({ lineId: String(l.lineNo), quantity: plainQuantity(l.quantity), unitCode: l.unitCode, reason: l.reason, overReceiptConfirmed: l.overReceiptConfirmed })),
  };
}
