import { Injectable, OnModuleInit } from '@nestjs/common';
import { DocumentHandlerResult, DocumentHandlers, Problem, ReceivedDocumentInput } from '../exchange/document-handlers';
import { IdentityService } from '../identity/identity.service';
import { readUblOrderResponse } from '../peppol';
import { RequestContext } from '../platform/context/request-context';
import { isErrorResult } from '../platform/results/error-result';
import { answerFromUbl } from './order-response-from-ubl';
import { checkOrderResponse } from './order-response-rules';
import { UnknownOrderLineError } from './order-line.errors';
import { OrderResponsesService } from './order-responses.service';
import { PurchaseOrderRepository } from './purchase-order.repository';

const ORDER_REFERENCE = '/OrderResponse/cac:OrderReference/cbc:ID';

/**
 * Order Response documents on POST /documents: read, matched to our order by
 * cac:OrderReference/cbc:ID (the order number) and its lines by OrderLineReference/LineID, and
 * recorded as an answer through the API would be. Only the order's supplier may answer, and its
 * document must name it as seller (EndpointID 0192 = its organisation number); any other sender
 * is told "unknown order", never whether the order exists. Problems roll everything back (422).
 */
@Injectable()
export class OrderResponseDocuments implements OnModuleInit {
  constructor(
    private readonly handlers: DocumentHandlers,
    private readonly responses: OrderResponsesService,
    private readonly orderRows: PurchaseOrderRepository,
    private readonly identity: IdentityService,
  ) {}

  onModuleInit() {
    this.handlers.register({ documentType: 'OrderResponse', handle: (tx, input) => this.receive(tx, input) });
  }

  async receive(tx: RequestContext, { bytes, identity }: ReceivedDocumentInput): Promise<DocumentHandlerResult> {
    const doc = await readUblOrderResponse(bytes);
    const orderNo = doc.orderReference?.value.trim();
    if (!orderNo) return refused({ path: ORDER_REFERENCE, message: 'The response names no order (cac:OrderReference/cbc:ID)' });
    const order = await this.responses.lockForSupplierByNumber(tx, orderNo);
    if (!order) return refused({ path: doc.orderReference!.path, message: `Unknown order "${orderNo}": no order with this number was sent to you` });

    const supplier = await this.identity.organisation(tx, order.supplierId!);
    const sender = identity.senderEndpoint;
    if (sender?.schemeId !== '0192' || sender.value.replace(/\s/g, '') !== supplier.orgNumber.trim()) {
      const named = sender ? `${sender.schemeId ?? '?'}:${sender.value}` : 'no EndpointID';
      return refused({
        path: sender?.path ?? '/OrderResponse/cac:SellerSupplierParty/cac:Party/cbc:EndpointID',
        message: `The seller (${named}) is not the order's supplier: its EndpointID must be 0192:${supplier.orgNumber.trim()}`,
      });
    }

    const { answer, problems } = answerFromUbl(doc, order.currency);
    if (!answer) return { problems };
    // Every problem at once, with where it was written, before the order's state decides.
    const lines = await this.orderRows.lines(tx, order.id);
    const refusals = checkOrderResponse(answer, lines);
    if (refusals.length) {
      return {
        problems: refusals.flatMap((r): Problem[] =>
          r.kind === 'unknownLines'
            ? r.lineIds.map((id) => ({
                path: `${answer.lines.find((l) => l.lineId === id)?.path ?? '/OrderResponse'}/cac:OrderLineReference/cbc:LineID`,
                message: `Order ${orderNo} has no line ${id}`,
              }))
            : [{ path: r.path ?? '/OrderResponse', message: r.message }],
        ),
      };
    }
    const recorded = await this.responses.record(tx, order, answer, { via: 'DOCUMENT', documentId: identity.id!.value.trim() });
    if (isErrorResult(recorded)) {
      const path = recorded instanceof UnknownOrderLineError ? '/OrderResponse/cac:OrderLine' : '/OrderResponse/cbc:OrderResponseCode';
      return refused({ path, message: recorded.message });
    }
    return { id: String(recorded.response.response.id), status: recorded.order.status };
  }
}

const refused = (problem: Problem): DocumentHandlerResult => ({ problems: [problem] });
