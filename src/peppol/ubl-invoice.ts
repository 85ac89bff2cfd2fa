import { UblSpecification } from './ubl-document-types';
import { UblAmount, UblCode, UblIdentifier, UblLocated, UblParty, UblPeriod, UblQuantity, UblText } from './ubl-values';
import { DecimalValue } from './xml-writer';

/**
 * A PEPPOL BIS Billing 3.0 invoice or credit note (EHF invoices follow it) as read: every value
 * with its path and XML line, as written. Whether the arithmetic holds, the VAT is right or the
 * invoice matches an order is the invoicing domain's check, not peppol's. A credit note is read
 * into the same shape (CreditNote root, cac:CreditNoteLine, cbc:CreditedQuantity).
 */

/** UNCL 1001 subset: 380 commercial invoice, 381 credit note (and 384 corrected invoice, 389 self-billed, 393, 395, 575, 623, 780 are allowed by BIS 3). */
export type UblInvoiceKind = 'Invoice' | 'CreditNote';

export interface UblInvoice {
  kind: UblInvoiceKind;
  specification: UblSpecification;
  customizationId?: UblText;
  profileId?: UblText;
  /** cbc:ID: the invoice number, unique per seller. */
  id?: UblText;
  issueDate?: UblText;
  dueDate?: UblText;
  /** cbc:InvoiceTypeCode (Invoice) or cbc:CreditNoteTypeCode (CreditNote). */
  typeCode?: UblCode;
  notes: UblText[];
  taxPointDate?: UblText;
  currency?: UblText;
  /** cbc:TaxCurrencyCode, when VAT is accounted in another currency. */
  taxCurrency?: UblText;
  accountingCost?: UblText;
  /** cbc:BuyerReference: the buyer's reference (an order's CustomerReference). */
  buyerReference?: UblText;
  invoicePeriod?: UblPeriod;
  /** cac:OrderReference/cbc:ID: the order invoiced. */
  orderReference?: UblText;
  /** cac:OrderReference/cbc:SalesOrderID. */
  salesOrderReference?: UblText;
  /** cac:BillingReference/cac:InvoiceDocumentReference: the invoices a credit note (or corrective invoice) refers to. */
  billingReferences: UblBillingReference[];
  /** cac:DespatchDocumentReference/cbc:ID. */
  despatchReference?: UblText;
  /** cac:ContractDocumentReference/cbc:ID: the framework agreement. */
  contractReference?: UblText;
  /** cac:ProjectReference/cbc:ID. */
  projectReference?: UblText;
  seller?: UblInvoiceParty;
  buyer?: UblInvoiceParty;
  /** cac:PayeeParty, when payment goes to someone else. */
  payee?: UblParty;
  /** cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:CompanyID: the seller's tax representative's VAT number (BT-63). */
  taxRepresentativeVatNumber?: UblText;
  delivery?: UblInvoiceDelivery;
  paymentMeans: UblPaymentMeans[];
  /** cac:PaymentTerms/cbc:Note. */
  paymentTerms?: UblText;
  /** Document level cac:AllowanceCharge. */
  allowanceCharges: UblAllowanceCharge[];
  /** cac:TaxTotal: the one in the document currency (with subtotals), and one in the tax currency when it differs. */
  taxTotals: UblTaxTotal[];
  totals?: UblMonetaryTotal;
  lines: UblInvoiceLine[];
}

export interface UblBillingReference extends UblLocated {
  id?: UblText;
  issueDate?: UblText;
}

/** cac:AccountingSupplierParty/cac:Party or cac:AccountingCustomerParty/cac:Party. */
export interface UblInvoiceParty extends UblParty {
  /** cac:PartyTaxScheme/cbc:CompanyID where the TaxScheme is VAT (Norwegian: NO + 9 digits + MVA). */
  vatNumber?: UblText;
  /** cac:PartyTaxScheme/cbc:CompanyID of another TaxScheme: the seller's tax registration (BT-32; in Norway "Foretaksregisteret"). */
  taxRegistrationId?: UblText;
  /** cac:PartyLegalEntity/cbc:RegistrationName. */
  registrationName?: UblText;
  /** cac:PartyLegalEntity/cbc:CompanyID (scheme 0192: the organisation number). */
  legalCompanyId?: UblIdentifier;
}

export interface UblInvoiceDelivery extends UblLocated {
  actualDeliveryDate?: UblText;
  /** cac:DeliveryLocation/cbc:ID (GLN 0088). */
  locationId?: UblIdentifier;
}

export interface UblPaymentMeans extends UblLocated {
  /** UNCL 4461: 30 credit transfer, 58 SEPA, 31 debit transfer… */
  code?: UblCode;
  /** cbc:PaymentID: the KID or payment reference. */
  paymentId?: UblText;
  /** cac:PayeeFinancialAccount/cbc:ID (account number or IBAN). */
  account?: UblText;
}

/** A document or line allowance (ChargeIndicator false) or charge (true). */
export interface UblAllowanceCharge extends UblLocated {
  chargeIndicator?: UblText;
  reasonCode?: UblText;
  reason?: UblText;
  multiplierFactor?: UblText;
  amount?: UblAmount;
  baseAmount?: UblAmount;
  /** Document level only: cac:TaxCategory (ID and Percent). */
  taxCategory?: UblTaxCategory;
}

/** cac:TaxCategory or cac:ClassifiedTaxCategory: UNCL 5305 id (S, Z, E, AE, K, G, O, L, M) and rate. */
export interface UblTaxCategory extends UblLocated {
  id?: UblText;
  percent?: UblText;
  exemptionReasonCode?: UblText;
  exemptionReason?: UblText;
  /** cac:TaxScheme/cbc:ID: VAT. */
  taxScheme?: UblText;
}

export interface UblTaxTotal extends UblLocated {
  taxAmount?: UblAmount;
  subtotals: UblTaxSubtotal[];
}

export interface UblTaxSubtotal extends UblLocated {
  taxableAmount?: UblAmount;
  taxAmount?: UblAmount;
  category?: UblTaxCategory;
}

/** cac:LegalMonetaryTotal. */
export interface UblMonetaryTotal extends UblLocated {
  lineExtensionAmount?: UblAmount;
  taxExclusiveAmount?: UblAmount;
  taxInclusiveAmount?: UblAmount;
  allowanceTotalAmount?: UblAmount;
  chargeTotalAmount?: UblAmount;
  prepaidAmount?: UblAmount;
  payableRoundingAmount?: UblAmount;
  payableAmount?: UblAmount;
}

/** One cac:InvoiceLine or cac:CreditNoteLine; `path` is /Invoice/cac:InvoiceLine[ordinal]. */
export interface UblInvoiceLine extends UblLocated {
  ordinal: number;
  /** cbc:ID: the line's id in the invoice. */
  id?: UblText;
  note?: UblText;
  /** cbc:InvoicedQuantity or cbc:CreditedQuantity, with its unit. */
  quantity?: UblQuantity;
  lineExtensionAmount?: UblAmount;
  accountingCost?: UblText;
  invoicePeriod?: UblPeriod;
  /** cac:OrderLineReference/cbc:LineID: the order line invoiced. */
  orderLineId?: UblText;
  /** Line level cac:AllowanceCharge (no tax category). */
  allowanceCharges: UblAllowanceCharge[];
  item: UblInvoiceItem;
  /** cac:Price/cbc:PriceAmount: the net price per BaseQuantity (1 when absent). */
  priceAmount?: UblAmount;
  baseQuantity?: UblQuantity;
  /** cac:Price/cac:AllowanceCharge: the discount from gross price to net price (informative). */
  priceAllowance?: { amount?: UblAmount; baseAmount?: UblAmount };
}

export interface UblInvoiceItem extends UblLocated {
  name?: UblText;
  description?: UblText;
  /** cac:SellersItemIdentification/cbc:ID. */
  sellerItemId?: UblText;
  /** cac:BuyersItemIdentification/cbc:ID. */
  buyerItemId?: UblText;
  /** cac:StandardItemIdentification/cbc:ID (scheme 0160 GTIN; older documents say 0088). */
  standardItemId?: UblIdentifier;
  /** cac:CommodityClassification/cbc:ItemClassificationCode (listID MP or TST: UNSPSC). */
  classifications: UblCode[];
  /** cac:ClassifiedTaxCategory. */
  taxCategory?: UblTaxCategory;
}

/**
 * An invoice or credit note to write (the supplier's side: tests, benchmarks and the supplier
 * portal's "invoice from an order"). Plain data; amounts as strings or Decimal, already rounded
 * by the caller: the writer writes what it is given, so a test can write a wrong sum on purpose.
 */
export interface UblInvoiceOut {
  kind: UblInvoiceKind;
  id: string;
  issueDate: string;
  dueDate?: string;
  /** 380 for an invoice, 381 for a credit note, unless given. */
  typeCode?: string;
  note?: string;
  currency: string;
  accountingCost?: string;
  buyerReference?: string;
  orderReference?: string;
  billingReferences?: { id: string; issueDate?: string }[];
  contractReference?: string;
  seller: UblInvoicePartyOut;
  buyer: UblInvoicePartyOut;
  delivery?: { actualDeliveryDate?: string; locationGln?: string };
  paymentMeans?: { code: string; paymentId?: string; account?: string };
  paymentTerms?: string;
  allowanceCharges?: UblAllowanceChargeOut[];
  taxTotal: { taxAmount: DecimalValue; subtotals: { taxableAmount: DecimalValue; taxAmount: DecimalValue; category: UblTaxCategoryOut }[] };
  totals: {
    lineExtensionAmount: DecimalValue;
    taxExclusiveAmount: DecimalValue;
    taxInclusiveAmount: DecimalValue;
    allowanceTotalAmount?: DecimalValue;
    chargeTotalAmount?: DecimalValue;
    prepaidAmount?: DecimalValue;
    payableRoundingAmount?: DecimalValue;
    payableAmount: DecimalValue;
  };
  lines: UblInvoiceLineOut[];
}

export interface UblInvoicePartyOut {
  /** cbc:EndpointID with scheme 0192 (organisation number) unless `endpointScheme` says otherwise. */
  endpointId: string;
  endpointScheme?: string;
  name: string;
  /** NO…MVA. */
  vatNumber?: string;
  registrationName: string;
  /** The organisation number (PartyLegalEntity/CompanyID, scheme 0192). */
  orgNumber?: string;
  /** Seller only: registered in Foretaksregisteret, which a Norwegian seller must state (NO-R-002): PartyTaxScheme CompanyID "Foretaksregisteret", scheme TAX. */
  inBusinessRegister?: boolean;
  address: { street?: string; city?: string; postalZone?: string; country: string };
}

export interface UblTaxCategoryOut {
  id: string;
  percent?: DecimalValue;
  exemptionReason?: string;
}

export interface UblAllowanceChargeOut {
  chargeIndicator: boolean;
  reason?: string;
  reasonCode?: string;
  amount: DecimalValue;
  baseAmount?: DecimalValue;
  multiplierFactor?: DecimalValue;
  /** Document level only. */
  taxCategory?: UblTaxCategoryOut;
}

export interface UblInvoiceLineOut {
  id: string;
  note?: string;
  quantity: DecimalValue;
  unitCode: string;
  lineExtensionAmount: DecimalValue;
  accountingCost?: string;
  orderLineId?: string;
  allowanceCharges?: UblAllowanceChargeOut[];
  item: {
    name: string;
    description?: string;
    sellerItemId?: string;
    gtin?: string;
    unspsc?: string;
    taxCategory: UblTaxCategoryOut;
  };
  price: DecimalValue;
  baseQuantity?: { value: DecimalValue; unitCode: string };
}

/** PEPPOL BIS Invoice Response 3 (T111) response codes, UNCL 4343 subset. */
export const INVOICE_RESPONSE_CODES = ['AB', 'IP', 'UQ', 'CA', 'RE', 'AP', 'PD'] as const;
export type InvoiceResponseCode = (typeof INVOICE_RESPONSE_CODES)[number];

/** OpenPEPPOL status reason codes (OPStatusReason) for cac:Status/cbc:StatusReasonCode. */
export const INVOICE_STATUS_REASONS = ['NON', 'REF', 'LEG', 'REC', 'QUA', 'DEL', 'PRI', 'QTY', 'ITM', 'PAY', 'UNR', 'FIN', 'PPD', 'OTH'] as const;
export type InvoiceStatusReason = (typeof INVOICE_STATUS_REASONS)[number];

/**
 * An Invoice Response (ApplicationResponse) to write: the buyer's status of one received invoice
 * or credit note, sent back to its seller. Reasons are required by the specification for UQ, CA
 * and RE; `action` codes (OPStatusAction: NOA, PIN, NIN, CNF, CNP, CNA, OTH) say what the seller
 * should do.
 */
export interface UblInvoiceResponseOut {
  id: string;
  issueDate: string;
  issueTime?: string;
  note?: string;
  /** The buyer (sender of the response) and the seller (its receiver). */
  sender: { endpointId: string; endpointScheme?: string; name: string };
  receiver: { endpointId: string; endpointScheme?: string; name: string };
  /** The invoice answered: its cbc:ID, issue date and type code (380, 381…). */
  documentReference: { id: string; issueDate?: string; typeCode: string };
  responseCode: InvoiceResponseCode;
  /** When the status takes effect (cbc:EffectiveDate). */
  effectiveDate?: string;
  /**
   * Each is written as one cac:Status per code (UBL holds one StatusReasonCode per Status): the
   * reason (listID OPStatusReason) with `text` and `conditions`, then the action (OPStatusAction).
   */
  statuses?: {
    reasonCode?: InvoiceStatusReason;
    actionCode?: string;
    text?: string;
    /**
     * cac:Condition: a business term of the invoice (BT-9, the due date…) and the value the buyer
     * asks for instead, as in a CA with a new due date. Only corrections: a payment's amounts are
     * the PPD reason's text (see writeInvoiceResponse).
     */
    conditions?: { attributeId: string; description?: string }[];
  }[];
}
