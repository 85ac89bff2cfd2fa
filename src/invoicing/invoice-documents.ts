import { Injectable, OnModuleInit } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { DocumentHandlerResult, DocumentHandlers, Problem, ReceivedDocumentInput } from '../exchange/document-handlers';
import { IdentityService } from '../identity/identity.service';
import { OrganisationKind } from '../identity/organisation-kind';
import { OrdersService } from '../ordering/orders.service';
import { UblDocumentType, UblInvoice, ublInvoiceOf } from '../peppol';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { conflict, forbidden } from '../platform/errors/domain-error';
import { checkInvoice, refuses } from './invoice-checks';
import { InvoiceDraft, invoiceDraft } from './invoice-from-ubl';
import { InvoiceMatching, OrderForInvoice } from './invoice-matching.service';
import { InvoiceRepository } from './invoice.repository';
import type { InvoiceEntity } from './invoicing.entities';

const BUYER_KINDS = new Set<OrganisationKind>([OrganisationKind.BUYER, OrganisationKind.PURCHASING_UNIT]);
/** "NA" in cac:OrderReference/cbc:ID says there is no order (PEPPOL BIS Billing 3 allows it beside a SalesOrderID). */
const NO_ORDER = 'NA';

/**
 * Invoices and credit notes on POST /documents: read, checked, tied to Torg's parties, order,
 * agreement and credited invoice, stored, matched and decided, all in the exchange's transaction
 * (a refusal stores nothing). Only a supplier sends them, as itself: the seller's EndpointID
 * (0192) must be its organisation number. An unknown buyer or order is a precise problem; an
 * order is looked for only among the buyer's orders sent to the sender, so nothing is revealed.
 */
@Injectable()
export class InvoiceDocuments implements OnModuleInit {
  constructor(
    private readonly handlers: DocumentHandlers,
    private readonly identity: IdentityService,
    private readonly orders: OrdersService,
    private readonly agreements: AgreementsService,
    private readonly invoices: InvoiceRepository,
    private readonly matching: InvoiceMatching,
    private readonly audit: AuditService,
  ) {}

  onModuleInit() {
    for (const documentType of ['Invoice', 'CreditNote'] as const satisfies UblDocumentType[])
      this.handlers.register({ documentType, handle: (tx, input) => this.receive(tx, input), check: async ({ nodes }) => this.documentProblems(ublInvoiceOf(nodes)) });
  }

  /** What the document alone gets wrong: Torg's checks of arithmetic, VAT and references, then what Torg needs to store it. */
  documentProblems(doc: UblInvoice): Problem[] {
    return this.checked(doc).problems;
  }

  /** The document's problems and, when nothing refuses it, what is stored of it (drafted once). */
  private checked(doc: UblInvoice): { problems: Problem[]; draft?: InvoiceDraft } {
    const checked = checkInvoice(doc);
    if (refuses(checked)) return { problems: checked };
    const drafted = invoiceDraft(doc);
    return 'problems' in drafted ? { problems: [...checked, ...drafted.problems] } : { problems: checked, draft: drafted.draft };
  }

  async receive(tx: RequestContext, { nodes, caller, receivedDocumentId }: ReceivedDocumentInput): Promise<DocumentHandlerResult> {
    // The exchange has read the whole document already: typed from its nodes, not read again.
    const doc = ublInvoiceOf(nodes);
    const checked = this.checked(doc);
    const errors = checked.problems.filter((p) => p.severity !== 'warning');
    if (errors.length) return { problems: errors };
    if (!checked.draft) return { problems: checked.problems };
    const draft = checked.draft;
    const root = `/${doc.kind}`;

    // The sender and the buyer the document names, read together (one round trip).
    const buyerNumber = draft.buyer.endpoint?.schemeId === '0192' ? draft.buyer.endpoint.value.replace(/\s/g, '') : null;
    const { organisation: supplier, byNumber: buyer } = await this.identity.findWithOrgNumber(tx, caller.organisationId, buyerNumber || null);
    if (!supplier || supplier.kind !== OrganisationKind.SUPPLIER) throw forbidden(`Only a supplier sends ${doc.kind === 'CreditNote' ? 'credit notes' : 'invoices'}; your organisation is not one`);
    const sellerProblem = this.sellerProblem(draft, supplier.orgNumber.trim(), root);
    if (sellerProblem) return refused(sellerProblem);

    if (!buyer || !BUYER_KINDS.has(buyer.kind)) {
      const named = draft.buyer.endpoint ? `${draft.buyer.endpoint.schemeId ?? '?'}:${draft.buyer.endpoint.value}` : 'no EndpointID';
      return refused({
        path: draft.buyer.endpoint?.path ?? `${draft.buyer.path}/cbc:EndpointID`,
        message: `The buyer (${named}) is not a buyer organisation in Torg: name it by its organisation number, scheme 0192`,
      });
    }

    const kind = draft.kind;
    // A number received already is found by the invoice's INSERT below (its unique key), not read first.
    // The backstop: a resend is normally answered by the exchange's own check of received documents
    // before this handler runs; this catches an invoice stored without such a document.
    const again = () => conflict(`${kind === 'CREDIT_NOTE' ? 'Credit note' : 'Invoice'} ${draft.invoiceNumber} was received from you already`);

    let credited: InvoiceEntity | null = null;
    if (draft.billingReference) {
      credited = await this.invoices.findBySupplierNumber(tx, supplier.id, draft.billingReference.value.trim(), 'INVOICE');
      if (!credited || credited.buyerOrganisationId !== buyer.id)
        return refused({
          path: draft.billingReference.path,
          message: `No invoice ${draft.billingReference.value.trim()} from you to ${buyer.name} is known: a credit note names the invoice it credits`,
        });
    }

    let order: OrderForInvoice | null = null;
    const orderNo = draft.orderReference?.value.trim();
    if (orderNo && orderNo !== NO_ORDER) {
      order = await this.orders.lockForInvoice(tx, { buyerOrganisationId: buyer.id, supplierId: supplier.id, orderNo });
      if (!order)
        return refused({ path: draft.orderReference!.path, message: `No order ${orderNo} of ${buyer.name} was sent to you: the order reference must be the order number (cac:OrderReference/cbc:ID)` });
    } else if (credited?.orderId) {
      order = await this.orders.lockForInvoicing(tx, credited.orderId);
    } else if (!draft.buyerReference) {
      return refused({
        path: `${root}/cbc:BuyerReference`,
        message: `The ${doc.kind} has neither an order reference (cac:OrderReference/cbc:ID) nor a buyer reference (cbc:BuyerReference): one is required`,
      });
    }

    const agreementId = await this.agreementOf(tx, draft, buyer.id, supplier.id, order);
    if (agreementId === undefined)
      return refused({
        path: draft.contractReference!.path,
        message: `No agreement ${draft.contractReference!.value.trim()} between you and ${buyer.name} is in force (cac:ContractDocumentReference/cbc:ID)`,
      });

    const inserted = await this.invoices.insert(
      tx,
      {
        kind,
        invoiceNumber: draft.invoiceNumber,
        typeCode: draft.typeCode,
        supplierId: supplier.id,
        buyerOrganisationId: buyer.id,
        orderId: order?.order.id ?? null,
        agreementId,
        creditedInvoiceId: credited?.id ?? null,
        // The document's row is written after this handler, in this transaction (the reference is checked at commit).
        receivedDocumentId,
        issueDate: draft.issueDate,
        dueDate: draft.dueDate,
        currency: draft.currency,
        buyerReference: draft.buyerReference,
        orderReference: orderNo ?? null,
        contractReference: draft.contractReference?.value.trim() ?? null,
        accountingCost: draft.accountingCost,
        paymentId: draft.paymentId,
        paymentAccount: draft.paymentAccount,
        ...draft.totals,
        receivedByUserId: caller.userId ?? null,
        receivedByClientId: caller.machineClientId ?? null,
      },
      draft.subtotals,
      order?.lines.map((l) => l.id) ?? [],
      draft.lines.length,
    );
    if (!inserted) throw again();
    const { invoice: stored, ...drawn } = inserted;
    await this.audit.record(tx, 'invoice.received', 'invoice', stored.id, {
      kind,
      invoiceNumber: draft.invoiceNumber,
      supplierId: supplier.id,
      buyerOrganisationId: buyer.id,
      orderId: order?.order.id ?? null,
      creditedInvoiceId: credited?.id ?? null,
      payableAmount: draft.totals.payableAmount,
      currency: draft.currency,
    });
    // The lines are stored by matching, with their outcome.
    const { invoice: decided } = await this.matching.matchAndDecideNew(
      tx,
      stored,
      draft.lines.map((l) => ({ ...l, orderLineId: null })),
      order,
      drawn,
    );
    return { id: String(decided.id), status: decided.status };
  }

  /** The seller must be the sender: EndpointID 0192 = its organisation number, and a VAT number, when given, NO<number>MVA. */
  private sellerProblem(draft: InvoiceDraft, orgNumber: string, root: string): Problem | null {
    const endpoint = draft.seller.endpoint;
    if (endpoint?.schemeId !== '0192' || endpoint.value.replace(/\s/g, '') !== orgNumber) {
      const named = endpoint ? `${endpoint.schemeId ?? '?'}:${endpoint.value}` : 'no EndpointID';
      return { path: endpoint?.path ?? `${root}/cac:AccountingSupplierParty/cac:Party/cbc:EndpointID`, message: `The seller (${named}) is not you: its EndpointID must be 0192:${orgNumber}` };
    }
    const vat = draft.seller.vatNumber;
    if (vat && vat.value.replace(/\s/g, '').toUpperCase() !== `NO${orgNumber}MVA`)
      return { path: vat.path, line: vat.line, message: `The seller's VAT number ${vat.value} is not yours: it must be NO${orgNumber}MVA` };
    return null;
  }

  /**
   * The agreement invoiced under: the one named by ContractDocumentReference (an agreement of the
   * supplier in force for the buyer), else the order's. Undefined: a reference that names none,
   * which refuses an invoice without order (its agreement is all it is matched against).
   */
  private async agreementOf(tx: RequestContext, draft: InvoiceDraft, buyerId: number, supplierId: number, order: OrderForInvoice | null): Promise<number | null | undefined> {
    const reference = draft.contractReference?.value.trim();
    if (reference) {
      const named = (await this.agreements.inForceFor(tx, buyerId)).find((a) => a.supplierId === supplierId && a.reference === reference);
      if (named) return named.id;
      if (!order) return undefined;
    }
    return order?.order.agreementId ?? null;
  }
}

const refused = (problem: Problem): DocumentHandlerResult => ({ problems: [problem] });
