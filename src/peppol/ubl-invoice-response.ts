import { UblSpecification } from './ubl-document-types';
import { UblCode, UblLocated, UblParty, UblText } from './ubl-values';

/**
 * A PEPPOL BIS Invoice Response 3 (ApplicationResponse) as read: every value with its path and
 * XML line. Values are as written; whether a code is known is the caller's check. (The shape to
 * write is UblInvoiceResponseOut in ubl-invoice.ts.)
 */

/** OpenPEPPOL status action codes (OPStatusAction): what the seller is asked to do. */
export const INVOICE_STATUS_ACTIONS = ['NOA', 'PIN', 'NIN', 'CNF', 'CNP', 'CNA', 'OTH'] as const;
export type InvoiceStatusAction = (typeof INVOICE_STATUS_ACTIONS)[number];

/** The code lists a cbc:StatusReasonCode names in its listID. */
export const STATUS_REASON_LIST = 'OPStatusReason';
export const STATUS_ACTION_LIST = 'OPStatusAction';

export interface UblInvoiceResponse {
  specification: UblSpecification;
  customizationId?: UblText;
  profileId?: UblText;
  id?: UblText;
  issueDate?: UblText;
  issueTime?: UblText;
  note?: UblText;
  /** cac:SenderParty: the buyer answering (its name is cac:PartyLegalEntity/cbc:RegistrationName). */
  sender?: UblParty;
  /** cac:ReceiverParty: the seller answered. */
  receiver?: UblParty;
  /** cac:DocumentResponse/cac:Response/cbc:ResponseCode: AB, IP, UQ, CA, RE, AP or PD. */
  responseCode?: UblCode;
  effectiveDate?: UblText;
  statuses: UblInvoiceResponseStatus[];
  /** cac:DocumentResponse/cac:DocumentReference: the invoice or credit note answered. */
  documentReference?: UblInvoiceResponseReference;
}

/** One cac:Status: a reason (listId OPStatusReason) or an action (OPStatusAction), with its text and conditions. */
export interface UblInvoiceResponseStatus extends UblLocated {
  reasonCode?: UblCode;
  reason?: UblText;
  conditions: { attributeId?: UblText; description?: UblText }[];
}

export interface UblInvoiceResponseReference extends UblLocated {
  id?: UblText;
  issueDate?: UblText;
  /** cbc:DocumentTypeCode: 380 invoice, 381 credit note… */
  typeCode?: UblCode;
}
