import { Injectable } from '@nestjs/common';
import { OutboundDocuments } from '../exchange/outbound/outbound-documents.service';
import type { OutboundRef } from '../exchange/outbound/outbound-documents.service';
import { IdentityService } from '../identity/identity.service';
import { writeInvoiceResponse } from '../peppol';
import type { InvoiceResponseCode } from '../peppol';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { osloToday } from '../platform/time/oslo-date';
import { invoiceResponseDocument, ORGANISATION_NUMBER } from './invoice-response-document';
import { InvoiceDecision, InvoiceResponseAction, invoiceResponseFor, InvoiceResponseReason } from './invoice-response-for';
import { DrawnResponseIds, InvoiceResponseRepository, InvoiceResponseRow } from './invoice-response.repository';
import type { InvoiceEntity } from './invoicing.entities';

/** The UBL document type of an Invoice Response, as exchange knows it. */
export const INVOICE_RESPONSE_DOCUMENT = 'ApplicationResponse';

/** How an invoice response's outbound document names it. */
export const invoiceResponseRef = (responseId: number): OutboundRef => ({ kind: 'invoice-response', id: String(responseId) });

export interface InvoiceResponseInput {
  invoiceId: number;
  /** The invoice's cbc:ID, issue date and type code (380 invoice, 381 credit note), as received. */
  invoiceNumber: string;
  issueDate: string;
  typeCode: string;
  supplierOrganisationId: number;
  buyerOrganisationId: number;
  code: InvoiceResponseCode;
  reasons: InvoiceResponseReason[];
  /** What the supplier is asked to do (OPStatusAction). */
  actions?: InvoiceResponseAction[];
  /** A note to the supplier (cbc:Note). */
  note?: string;
  /** When the status took effect (cbc:EffectiveDate): a payment's date for PD. */
  effectiveDate?: string;
  /** The response's and its outbound document's ids, when drawn already (the intake draws them with the invoice's INSERT); else drawn here. */
  ids?: DrawnResponseIds;
}

/**
 * PEPPOL Invoice Responses (BIS Invoice Response 3, an ApplicationResponse) from the buyer to the
 * supplier about one of its invoices or credit notes. `send` writes the document, queues it
 * through the outbound transport and records it, all in the caller's transaction: the supplier
 * hears of a decision if and only if it commits. The response's and its document's rows are written
 * with the transaction's deferred rows (their ids drawn first), so a transaction answers an invoice once.
 */
@Injectable()
export class InvoiceResponses {
  constructor(
    private readonly rows: InvoiceResponseRepository,
    private readonly outbound: OutboundDocuments,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Answers the supplier about `invoice` after a decision, and notes on the invoice which response
   * it got and when (the caller saves the invoice). A re-match that changes nothing the supplier
   * was told (same code, same reasons) sends nothing again: null. `ids`: the ids, drawn already.
   */
  async answer(tx: RequestContext, invoice: InvoiceEntity, decision: InvoiceDecision, note?: string, effectiveDate?: string, ids?: DrawnResponseIds): Promise<InvoiceResponseRow | null> {
    const plan = invoiceResponseFor(decision);
    // The invoice carries the last code sent: only the same code again needs a look at its reasons.
    if (invoice.responseCode === plan.code) {
      const last = await this.rows.latest(tx, invoice.id);
      if (last && last.code === plan.code && sameReasons(last.reasons, plan.reasons) && sameActions(last.actions, plan.actions ?? [])) return null;
    }
    const sent = await this.send(tx, {
      invoiceId: invoice.id,
      invoiceNumber: invoice.invoiceNumber,
      issueDate: invoice.issueDate,
      typeCode: invoice.typeCode,
      supplierOrganisationId: invoice.supplierId,
      buyerOrganisationId: invoice.buyerOrganisationId,
      code: plan.code,
      reasons: plan.reasons,
      actions: plan.actions,
      note,
      effectiveDate,
      ids,
    });
    invoice.responseCode = sent.code;
    invoice.responseSentAt = sent.createdAt;
    return sent;
  }

  async send(tx: RequestContext, input: InvoiceResponseInput): Promise<InvoiceResponseRow> {
    // Both in one batch (the organisation loader).
    const [buyer, supplier] = await Promise.all([this.identity.organisation(tx, input.buyerOrganisationId), this.identity.organisation(tx, input.supplierOrganisationId)]);
    const { responseId: id, outboundDocumentId: drawnDocumentId } = input.ids ?? (await this.rows.nextIds(tx));
    const document = invoiceResponseDocument({
      id: `IR-${id}`,
      issueDate: osloToday(tx.now()),
      buyer,
      supplier,
      invoice: { number: input.invoiceNumber, issueDate: input.issueDate, typeCode: input.typeCode },
      code: input.code,
      reasons: input.reasons,
      actions: input.actions,
      note: input.note,
      effectiveDate: input.effectiveDate,
    });
    const { id: outboundDocumentId } = await this.outbound.send(
      tx,
      {
        documentType: INVOICE_RESPONSE_DOCUMENT,
        documentId: document.id,
        senderEndpoint: { schemeId: ORGANISATION_NUMBER, value: buyer.orgNumber },
        receiverEndpoint: { schemeId: ORGANISATION_NUMBER, value: supplier.orgNumber },
        xml: writeInvoiceResponse(document),
        ref: invoiceResponseRef(id),
      },
      drawnDocumentId,
    );
    const row = await this.rows.insert(tx, {
      id,
      invoiceId: input.invoiceId,
      documentId: document.id,
      code: input.code,
      reasons: input.reasons,
      actions: input.actions ?? [],
      note: document.note ?? null,
      outboundDocumentId,
      createdAt: tx.now(),
    });
    await this.audit.record(tx, 'invoice-response.sent', 'invoice_response', id, {
      invoiceId: input.invoiceId,
      code: input.code,
      reasons: input.reasons.map((r) => r.code),
      actions: (input.actions ?? []).map((a) => a.code),
      outboundDocumentId,
    });
    return row;
  }
}

const sameReasons = (a: readonly InvoiceResponseReason[], b: readonly InvoiceResponseReason[]) => a.length === b.length && a.every((r, i) => r.code === b[i].code && r.text === b[i].text);

const sameActions = (a: readonly InvoiceResponseAction[], b: readonly InvoiceResponseAction[]) =>
  a.length === b.length && a.every((x, i) => x.code === b[i].code && (x.text ?? null) === (b[i].text ?? null));
