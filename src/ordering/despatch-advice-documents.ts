import { Injectable, OnModuleInit } from '@nestjs/common';
import { DocumentHandlerResult, DocumentHandlers, Problem, ReceivedDocumentInput } from '../exchange/document-handlers';
import { IdentityService } from '../identity/identity.service';
import { readUblDespatchAdvice } from '../peppol';
import { RequestContext } from '../platform/context/request-context';
import { isErrorResult } from '../platform/results/error-result';
import { despatchFromDocument } from './despatch-advice-document';
import { DespatchAdvicesService } from './despatch-advices.service';
import { UnknownOrderLineError } from './order-line.errors';
import { OrderStateError } from './order.types';
import { PurchaseOrderRepository } from './purchase-order.repository';

/** Norwegian organisation numbers (the scheme a supplier's endpoint must use to be recognised). */
const ORG_NUMBER_SCHEME = '0192';

/**
 * Applies a PEPPOL Despatch Advice received on POST /documents: cac:OrderReference/cbc:ID is our
 * order number, the sender must be the order's supplier (the calling organisation, and the
 * despatch supplier party's 0192 endpoint its organisation number), and every line names one
 * of the order's lines (cac:OrderLineReference/cbc:LineID) in that line's unit. Anything else is
 * refused with problems; an order the caller does not supply is "unknown" (not revealed).
 */
@Injectable()
export class DespatchAdviceDocuments implements OnModuleInit {
  constructor(
    private readonly handlers: DocumentHandlers,
    private readonly despatches: DespatchAdvicesService,
    private readonly orders: PurchaseOrderRepository,
    private readonly identity: IdentityService,
  ) {}

  onModuleInit(): void {
    this.handlers.register({ documentType: 'DespatchAdvice', handle: (tx, input) => this.apply(tx, input) });
  }

  async apply(tx: RequestContext, { bytes, caller }: ReceivedDocumentInput): Promise<DocumentHandlerResult> {
    const ubl = await readUblDespatchAdvice(bytes);
    const read = despatchFromDocument(ubl);
    if ('problems' in read) return read;
    const { document } = read;
    const order = await this.orders.lockByOrderNo(tx, document.orderNo.value);
    if (!order || order.supplierId !== caller.organisationId || !order.sentAt)
      return { problems: [{ path: document.orderNo.path, line: document.orderNo.line, message: `Order ${document.orderNo.value} is unknown to Torg, or was not sent to you` }] };

    const endpoint = ubl.despatchSupplier?.endpointId;
    const supplier = await this.identity.find(tx, order.supplierId);
    if (!endpoint || endpoint.schemeId !== ORG_NUMBER_SCHEME || endpoint.value !== supplier?.orgNumber) {
      const found = endpoint ? `${endpoint.schemeId ?? '?'}:${endpoint.value}` : 'none';
      return {
        problems: [
          {
            path: endpoint?.path ?? '/DespatchAdvice/cac:DespatchSupplierParty/cac:Party/cbc:EndpointID',
            ...(endpoint ? { line: endpoint.line } : {}),
            message: `The despatch supplier's endpoint must be the order's supplier, ${ORG_NUMBER_SCHEME}:${supplier?.orgNumber}; it is ${found}`,
          },
        ],
      };
    }

    const orderLines = await this.orders.lines(tx, order.id);
    const units = new Map(orderLines.map((l) => [String(l.lineNo), l.unitCode]));
    const wrongUnits: Problem[] = document.lines
      .filter((l) => units.has(l.lineId) && l.unitCode !== undefined && l.unitCode !== units.get(l.lineId))
      .map((l) => ({ path: `${l.path}/cbc:DeliveredQuantity`, line: l.line, message: `Order line ${l.lineId} is in ${units.get(l.lineId)}, not ${l.unitCode}` }));
    if (wrongUnits.length) return { problems: wrongUnits };

    const result = await this.despatches.record(tx, order, orderLines, document.despatch);
    if (!isErrorResult(result)) return { id: String(result.advice.id), status: order.status };
    if (result instanceof UnknownOrderLineError) {
      const unknown = new Set(result.lineIds);
      return {
        problems: document.lines
          .filter((l) => unknown.has(l.lineId))
          .map((l) => ({ path: `${l.path}/cac:OrderLineReference/cbc:LineID`, line: l.line, message: `Order ${document.orderNo.value} has no line ${l.lineId}` })),
      };
    }
    const at = result instanceof OrderStateError ? document.orderNo : ubl.id!;
    return { problems: [{ path: at.path, line: at.line, message: result.message }] };
  }
}
