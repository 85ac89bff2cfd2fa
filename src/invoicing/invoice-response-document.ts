import type { InvoiceResponseCode, UblInvoiceResponseOut } from '../peppol';
import type { InvoiceResponseAction, InvoiceResponseReason } from './invoice-response-for';

/** Parties are addressed by organisation number (ISO 6523 ICD 0192), as Torg's orders are. */
export const ORGANISATION_NUMBER = '0192';

export interface InvoiceResponseFacts {
  /** The response's cbc:ID. */
  id: string;
  issueDate: string;
  buyer: { orgNumber: string; name: string };
  supplier: { orgNumber: string; name: string };
  /** The invoice answered: its cbc:ID, issue date and type code (380, 381…), as received. */
  invoice: { number: string; issueDate: string; typeCode: string };
  code: InvoiceResponseCode;
  reasons: readonly InvoiceResponseReason[];
  /** What the supplier is asked to do (OPStatusAction), each its own cac:Status after the reasons. */
  actions?: readonly InvoiceResponseAction[];
  note?: string;
  /** When the status took effect (the payment date of PD). */
  effectiveDate?: string;
}

/** The Invoice Response as a UBL document to write: sent by the buyer, received by the supplier. Pure. */
export function invoiceResponseDocument(f: InvoiceResponseFacts): UblInvoiceResponseOut {
  return {
    id: f.id,
    issueDate: f.issueDate,
    note: f.note?.trim() || undefined,
    sender: { endpointId: f.buyer.orgNumber, endpointScheme: ORGANISATION_NUMBER, name: f.buyer.name },
    receiver: { endpointId: f.supplier.orgNumber, endpointScheme: ORGANISATION_NUMBER, name: f.supplier.name },
    documentReference: { id: f.invoice.number, issueDate: f.invoice.issueDate, typeCode: f.invoice.typeCode },
    responseCode: f.code,
    effectiveDate: f.effectiveDate,
    statuses: [...f.reasons.map((r) => ({ reasonCode: r.code, text: r.text })), ...(f.actions ?? []).map((a) => ({ actionCode: a.code, text: a.text }))],
  };
}
