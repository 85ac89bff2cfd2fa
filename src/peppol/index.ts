/**
 * peppol/: UBL 2.1 documents (PEPPOL BIS 3, EHF 3.0) read into typed values and written from
 * them. Pure TypeScript: no Nest, no database. Domains import from here, not from the files.
 */
export * from './ubl-values';
export * from './ubl-catalogue';
export { readUblCatalogue, CATALOGUE_SHAPE } from './ubl-catalogue-reader';
export { UblError, UBL_LIMITS } from './ubl-xml-reader';
export type { MisdeclaredUtf8, UblLimits } from './ubl-xml-reader';
export { UBL_DOCUMENT_LIMITS, readUblDocument } from './ubl-document-input';
export type { UblDocumentLimits, UblDocumentNodes, UblInput } from './ubl-document-input';
export { UBL_DOCUMENT_KINDS, ublDocumentKind } from './ubl-document-types';
export type { UblDocumentKind, UblDocumentType, UblSpecification } from './ubl-document-types';
export { identifyUblDocument, readIdentifiedUblDocument } from './ubl-document-identity';
export type { UblDocumentIdentity } from './ubl-document-identity';
export type { UblItemReference, UblItemReferenceOut } from './ubl-item';
export * from './ubl-order';
export { writeOrder, ORDER_PROFILES, ORDER_NAMESPACES } from './ubl-order-writer';
export { readUblOrder } from './ubl-order-reader';
export * from './ubl-order-response';
export { readUblOrderResponse } from './ubl-order-response-reader';
export { writeOrderResponse, ORDER_RESPONSE_PROFILES, ORDER_RESPONSE_NAMESPACES } from './ubl-order-response-writer';
export * from './ubl-despatch-advice';
export { readUblDespatchAdvice } from './ubl-despatch-advice-reader';
export { writeDespatchAdvice, DESPATCH_ADVICE_PROFILES, DESPATCH_ADVICE_NAMESPACES } from './ubl-despatch-advice-writer';
// Two of the invoice's names are taken by the catalogue and the order: they are exported here as UblInvoice….
export { INVOICE_RESPONSE_CODES, INVOICE_STATUS_REASONS } from './ubl-invoice';
export type {
  UblInvoiceKind,
  UblInvoice,
  UblBillingReference,
  UblInvoiceParty,
  UblInvoiceDelivery,
  UblPaymentMeans,
  UblAllowanceCharge,
  UblTaxCategory as UblInvoiceTaxCategory,
  UblTaxTotal,
  UblTaxSubtotal,
  UblMonetaryTotal,
  UblInvoiceLine,
  UblInvoiceItem,
  UblInvoiceOut,
  UblInvoicePartyOut,
  UblTaxCategoryOut,
  UblAllowanceChargeOut as UblInvoiceAllowanceChargeOut,
  UblInvoiceLineOut,
  InvoiceResponseCode,
  InvoiceStatusReason,
  UblInvoiceResponseOut,
} from './ubl-invoice';
export { writeInvoice, BILLING_PROFILE, INVOICE_NAMESPACES } from './ubl-invoice-writer';
export * from './ubl-invoice-response';
export { readUblInvoiceResponse } from './ubl-invoice-response-reader';
export { writeInvoiceResponse, INVOICE_RESPONSE_PROFILE, INVOICE_RESPONSE_NAMESPACES } from './ubl-invoice-response-writer';
export { XmlWriteError } from './xml-writer';
export type { DecimalValue } from './xml-writer';
export { readUblInvoice, ublInvoiceOf } from './ubl-invoice-reader';
