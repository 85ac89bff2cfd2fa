import { DecimalValue } from './xml-writer';

/**
 * A PEPPOL BIS Ordering 3 / EHF Order 3.0 order, as Torg writes it. Plain data: amounts are
 * decimal strings or decimal.js values (never floats) and are written as given, so totals and
 * rounding are decided by the caller; the writer refuses more than 2 decimals on amounts.
 */

/** PEPPOL: CustomizationID urn:fdc:peppol.eu:poacc:trns:order:3, ProfileID …:bis:ordering:3 (or order_only). EHF: the EHF 3.0 extension of both. */
export type UblOrderProfile = 'peppol-ordering' | 'peppol-order-only' | 'ehf';

export interface UblId {
  value: string;
  /** ISO 6523 ICD: 0192 Norwegian organisation number, 0088 GLN, 0160 GTIN. */
  schemeId?: string;
}

export interface UblOrderAddress {
  streetName?: string;
  additionalStreetName?: string;
  cityName?: string;
  postalZone?: string;
  countrySubentity?: string;
  addressLine?: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

export interface UblOrderContact {
  name?: string;
  telephone?: string;
  email?: string;
}

export interface UblOrderParty {
  endpointId?: UblId;
  identifiers?: UblId[];
  name?: string;
  postalAddress?: UblOrderAddress;
  /** VAT number (cac:PartyTaxScheme with TaxScheme VAT). */
  vatNumber?: string;
  legalEntity?: { registrationName: string; companyId?: UblId; city?: string; countryCode?: string };
  contact?: UblOrderContact;
}

/** Buyer and seller: the PEPPOL rules require an endpoint (where documents go); the seller also needs an address. */
export type UblOrderTradeParty = UblOrderParty & { endpointId: UblId };

export interface UblPeriodOut {
  startDate?: string;
  endDate?: string;
}

export interface UblAllowanceChargeOut {
  chargeIndicator: boolean;
  reasonCode?: string;
  reason?: string;
  multiplierPercent?: DecimalValue;
  amount: DecimalValue;
  baseAmount?: DecimalValue;
  /** Document level only: the VAT category the allowance or charge falls under. */
  taxCategory?: { id: string; percent?: DecimalValue };
}

export interface UblDocumentReferenceOut {
  id: string;
  documentType?: string;
  uri?: string;
  /** Base64 content, written as given. */
  embedded?: { base64: string; mimeCode: string; filename: string };
}

export interface UblOrderItem {
  description?: string;
  name: string;
  buyersItemId?: string;
  sellersItemId?: string;
  /** GTIN: scheme 0160. */
  standardItemId?: UblId;
  specificationDocumentIds?: string[];
  /** UNSPSC: listID MP (or TST), CPV: STI. */
  classifications?: { code: string; listId: string; listVersionId?: string }[];
  /** UNCL 5305 category (S, Z, E…) and rate. */
  taxCategory?: { id: string; percent?: DecimalValue };
  properties?: { name: string; value: string; valueQuantity?: { value: DecimalValue; unitCode: string }; qualifier?: string }[];
  instance?: { serialId?: string; lotNumberId?: string };
}

export interface UblOrderLine {
  note?: string;
  id: string;
  quantity: { value: DecimalValue; unitCode: string };
  lineExtensionAmount?: DecimalValue;
  partialDeliveryAllowed?: boolean;
  accountingCost?: string;
  requestedDeliveryPeriod?: UblPeriodOut;
  originator?: { identifier?: UblId; name?: string };
  allowanceCharges?: UblAllowanceChargeOut[];
  price?: {
    /** Net unit price; may carry more than 2 decimals. */
    amount: DecimalValue;
    baseQuantity?: { value: DecimalValue; unitCode: string };
    /** The discount from the gross price (BaseAmount) to this price. */
    discount?: { amount: DecimalValue; baseAmount?: DecimalValue };
  };
  item: UblOrderItem;
}

export interface UblOrder {
  profile: UblOrderProfile;
  id: string;
  salesOrderId?: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  /** hh:mm:ss. */
  issueTime?: string;
  /** UNCL 1001 subset: 220 (order), 227 (consignment order)… */
  orderTypeCode?: string;
  note?: string;
  currency: string;
  /** The buyer's reference, returned as the invoice's BuyerReference. */
  customerReference?: string;
  accountingCost?: string;
  validityEndDate?: string;
  quotationReference?: string;
  orderDocumentReference?: string;
  originatorDocumentReference?: string;
  additionalDocuments?: UblDocumentReferenceOut[];
  /** The framework agreement (cac:Contract/cbc:ID). */
  contractId?: string;
  buyer: UblOrderTradeParty;
  seller: UblOrderTradeParty & { postalAddress: UblOrderAddress };
  originator?: UblOrderParty;
  accountingCustomer?: UblOrderParty;
  delivery?: {
    locationId?: UblId;
    address?: UblOrderAddress;
    requestedPeriod?: UblPeriodOut;
    party?: { identifier?: UblId; name?: string; contact?: UblOrderContact };
  };
  deliveryTerms?: { id?: string; specialTerms?: string; locationId?: string };
  paymentTermsNote?: string;
  allowanceCharges?: UblAllowanceChargeOut[];
  taxAmount?: DecimalValue;
  totals: {
    lineExtension: DecimalValue;
    taxExclusive?: DecimalValue;
    taxInclusive?: DecimalValue;
    allowanceTotal?: DecimalValue;
    chargeTotal?: DecimalValue;
    prepaid?: DecimalValue;
    payableRounding?: DecimalValue;
    payable: DecimalValue;
  };
  lines: UblOrderLine[];
}
