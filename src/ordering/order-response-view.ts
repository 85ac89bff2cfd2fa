import type { StoredOrderResponse } from './order-response.repository';
import { LineAnswer, OrderResponse, ReceivedViaKind, ResponseCode } from './order-response.types';

/** A stored response as the API shows it; `lineNoOf` gives an order line's LineID by its id. */
export function toOrderResponse({ response, lines }: StoredOrderResponse, lineNoOf: ReadonlyMap<number, number>): OrderResponse {
  return {
    id: response.id,
    orderId: response.orderId,
    responseCode: response.responseCode as ResponseCode,
    documentId: response.documentId,
    issueDate: response.issueDate,
    note: response.note,
    promisedDeliveryStart: response.promisedDeliveryStart,
    promisedDeliveryEnd: response.promisedDeliveryEnd,
    receivedVia: response.receivedVia as ReceivedViaKind,
    byUserId: response.byUserId,
    byMachineClientId: response.byClientId,
    createdAt: response.createdAt,
    lines: lines
      .map((l) => ({
        orderLineId: l.orderLineId,
        lineId: String(lineNoOf.get(l.orderLineId)),
        status: l.lineCode as LineAnswer,
        quantity: l.quantity,
        price: l.price,
        promisedDeliveryStart: l.promisedDeliveryStart,
        promisedDeliveryEnd: l.promisedDeliveryEnd,
        substitute: l.substituteSellerItemId !== null ? { sellerItemId: l.substituteSellerItemId, name: l.substituteName!, gtin: l.substituteGtin } : null,
        note: l.note,
      }))
      .sort((a, b) => Number(a.lineId) - Number(b.lineId)),
  };
}
