import { UblDocumentShape } from './ubl-xml-reader';

/**
 * The UBL 2.1 documents Torg knows, by root element and namespace, with the CustomizationIDs
 * that say which specification a document follows (PEPPOL BIS 3, or its EHF 3.0 extension:
 * the same structure) and where its sending and receiving parties are.
 */

export type UblDocumentType = 'Order' | 'OrderResponse' | 'DespatchAdvice' | 'Catalogue' | 'Invoice' | 'CreditNote' | 'ApplicationResponse';

/** PEPPOL BIS 3, or DFØ's EHF 3.0 extension of it. */
export type UblSpecification = 'peppol' | 'ehf';

export interface UblDocumentKind extends UblDocumentShape {
  type: UblDocumentType;
  /** CustomizationID → specification. */
  customizationIds: Record<string, UblSpecification>;
  /** The party that sends the document and the one it goes to, as paths of names below the root. */
  sender: string[];
  receiver: string[];
}

const UBL = 'urn:oasis:names:specification:ubl:schema:xsd';
const EHF_EXTENSION = ':extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0';
const postAward = (transaction: string): Record<string, UblSpecification> => {
  const peppol = `urn:fdc:peppol.eu:poacc:trns:${transaction}:3`;
  return { [peppol]: 'peppol', [peppol + EHF_EXTENSION]: 'ehf' };
};
// EHF has no billing extension of its own: Norwegian invoices follow PEPPOL BIS Billing 3.
const BILLING = { 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0': 'peppol' } as const;
const buyer = ['cac:BuyerCustomerParty', 'cac:Party'];
const seller = ['cac:SellerSupplierParty', 'cac:Party'];

export const UBL_DOCUMENT_KINDS: readonly UblDocumentKind[] = [
  { type: 'Order', root: 'Order', namespace: `${UBL}:Order-2`, record: 'OrderLine', customizationIds: postAward('order'), sender: buyer, receiver: seller },
  { type: 'OrderResponse', root: 'OrderResponse', namespace: `${UBL}:OrderResponse-2`, record: 'OrderLine', customizationIds: postAward('order_response'), sender: seller, receiver: buyer },
  {
    type: 'DespatchAdvice',
    root: 'DespatchAdvice',
    namespace: `${UBL}:DespatchAdvice-2`,
    record: 'DespatchLine',
    customizationIds: postAward('despatch_advice'),
    sender: ['cac:DespatchSupplierParty', 'cac:Party'],
    receiver: ['cac:DeliveryCustomerParty', 'cac:Party'],
  },
  {
    type: 'Catalogue',
    root: 'Catalogue',
    namespace: `${UBL}:Catalogue-2`,
    record: 'CatalogueLine',
    customizationIds: postAward('catalogue'),
    sender: ['cac:ProviderParty'],
    receiver: ['cac:ReceiverParty'],
  },
  {
    type: 'Invoice',
    root: 'Invoice',
    namespace: `${UBL}:Invoice-2`,
    record: 'InvoiceLine',
    customizationIds: BILLING,
    sender: ['cac:AccountingSupplierParty', 'cac:Party'],
    receiver: ['cac:AccountingCustomerParty', 'cac:Party'],
  },
  {
    type: 'CreditNote',
    root: 'CreditNote',
    namespace: `${UBL}:CreditNote-2`,
    record: 'CreditNoteLine',
    customizationIds: BILLING,
    sender: ['cac:AccountingSupplierParty', 'cac:Party'],
    receiver: ['cac:AccountingCustomerParty', 'cac:Party'],
  },
  {
    type: 'ApplicationResponse',
    root: 'ApplicationResponse',
    namespace: `${UBL}:ApplicationResponse-2`,
    record: 'DocumentResponse',
    customizationIds: postAward('invoice_response'),
    sender: ['cac:SenderParty'],
    receiver: ['cac:ReceiverParty'],
  },
];

export const ublDocumentKind = (type: UblDocumentType): UblDocumentKind => UBL_DOCUMENT_KINDS.find((k) => k.type === type)!;
