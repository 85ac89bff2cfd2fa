import { readUblDocument, UBL_DOCUMENT_LIMITS, UblDocumentLimits, UblDocumentNodes, UblInput } from './ubl-document-input';
import { documentSpecification } from './ubl-document-identity';
import { UblDocumentKind, ublDocumentKind } from './ubl-document-types';
import {
  UblAllowanceCharge,
  UblBillingReference,
  UblInvoice,
  UblInvoiceDelivery,
  UblInvoiceItem,
  UblInvoiceKind,
  UblInvoiceLine,
  UblInvoiceParty,
  UblMonetaryTotal,
  UblPaymentMeans,
  UblTaxCategory,
  UblTaxTotal,
} from './ubl-invoice';
import { UblError } from './ubl-xml-reader';
import { amount, code, identifier, party, period, quantity, textAt, UblNode } from './xml-element';

/** The element names that differ between the two roots; everything else is shared. */
const NAMES: Record<UblInvoiceKind, { typeCode: string; quantity: string }> = {
  Invoice: { typeCode: 'cbc:InvoiceTypeCode', quantity: 'cbc:InvoicedQuantity' },
  CreditNote: { typeCode: 'cbc:CreditNoteTypeCode', quantity: 'cbc:CreditedQuantity' },
};

const KINDS = [ublDocumentKind('Invoice'), ublDocumentKind('CreditNote')];

/**
 * Reads a PEPPOL BIS Billing 3.0 invoice or credit note (EHF invoices follow it) into typed
 * values with their locations; the root element decides which (`kind`). Throws UblError for a
 * document refused as XML (DOCTYPE, size, depth, encoding), for another root or namespace, or
 * for a CustomizationID that is not BIS Billing 3.0. Whether the amounts add up is the
 * invoicing domain's check: this reads what is written, even a wrong sum.
 */
export async function readUblInvoice(input: UblInput, limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS): Promise<UblInvoice> {
  return ublInvoiceOf(await readUblDocument(input, KINDS, limits));
}

/**
 * The typed invoice or credit note of a document already read whole (readUblDocument, as the
 * document exchange does before any domain sees it): the same values as readUblInvoice, without
 * reading the XML again. UblError when the document is neither.
 */
export function ublInvoiceOf({ header, records, shape }: UblDocumentNodes<UblDocumentKind>): UblInvoice {
  if (shape.type !== 'Invoice' && shape.type !== 'CreditNote') throw new UblError(`The document's root is ${shape.root}, not Invoice or CreditNote`, header.line);
  const kind: UblInvoiceKind = shape.type;
  const names = NAMES[kind];
  return {
    kind,
    ...documentSpecification(shape, header),
    profileId: textAt(header, 'cbc:ProfileID'),
    id: textAt(header, 'cbc:ID'),
    issueDate: textAt(header, 'cbc:IssueDate'),
    dueDate: textAt(header, 'cbc:DueDate'),
    typeCode: code(header.at(names.typeCode)),
    notes: header.all('cbc:Note').map((n) => n.text()),
    taxPointDate: textAt(header, 'cbc:TaxPointDate'),
    currency: textAt(header, 'cbc:DocumentCurrencyCode'),
    taxCurrency: textAt(header, 'cbc:TaxCurrencyCode'),
    accountingCost: textAt(header, 'cbc:AccountingCost'),
    buyerReference: textAt(header, 'cbc:BuyerReference'),
    invoicePeriod: period(header.at('cac:InvoicePeriod')),
    orderReference: textAt(header, 'cac:OrderReference', 'cbc:ID'),
    salesOrderReference: textAt(header, 'cac:OrderReference', 'cbc:SalesOrderID'),
    billingReferences: header.all('cac:BillingReference').flatMap(billingReference),
    despatchReference: textAt(header, 'cac:DespatchDocumentReference', 'cbc:ID'),
    contractReference: textAt(header, 'cac:ContractDocumentReference', 'cbc:ID'),
    projectReference: textAt(header, 'cac:ProjectReference', 'cbc:ID'),
    seller: invoiceParty(header.at('cac:AccountingSupplierParty', 'cac:Party')),
    buyer: invoiceParty(header.at('cac:AccountingCustomerParty', 'cac:Party')),
    payee: party(header.at('cac:PayeeParty')),
    taxRepresentativeVatNumber: textAt(header, 'cac:TaxRepresentativeParty', 'cac:PartyTaxScheme', 'cbc:CompanyID'),
    delivery: delivery(header.at('cac:Delivery')),
    paymentMeans: header.all('cac:PaymentMeans').map(paymentMeans),
    paymentTerms: textAt(header, 'cac:PaymentTerms', 'cbc:Note'),
    allowanceCharges: header.all('cac:AllowanceCharge').map((a) => allowanceCharge(a, true)),
    taxTotals: header.all('cac:TaxTotal').map(taxTotal),
    totals: monetaryTotal(header.at('cac:LegalMonetaryTotal')),
    lines: records.map((r, i) => invoiceLine(r, i + 1, names.quantity)),
  };
}

function billingReference(node: UblNode): UblBillingReference[] {
  const invoice = node.at('cac:InvoiceDocumentReference');
  return invoice ? [{ path: invoice.path, line: invoice.line, id: textAt(invoice, 'cbc:ID'), issueDate: textAt(invoice, 'cbc:IssueDate') }] : [];
}

function invoiceParty(node: UblNode | undefined): UblInvoiceParty | undefined {
  const base = party(node);
  if (!node || !base) return undefined;
  // A seller may carry several tax schemes (VAT, and TAX for "Foretaksregisteret" in Norway); the VAT number is the VAT one's.
  const schemes = node.all('cac:PartyTaxScheme');
  const isVat = (s: UblNode) => textAt(s, 'cac:TaxScheme', 'cbc:ID')?.value === 'VAT';
  return {
    ...base,
    vatNumber: textAt(schemes.find(isVat), 'cbc:CompanyID'),
    taxRegistrationId: textAt(
      schemes.find((s) => !isVat(s)),
      'cbc:CompanyID',
    ),
    legalCompanyId: base.companyId,
  };
}

function delivery(node: UblNode | undefined): UblInvoiceDelivery | undefined {
  return node && { path: node.path, line: node.line, actualDeliveryDate: textAt(node, 'cbc:ActualDeliveryDate'), locationId: identifier(node.at('cac:DeliveryLocation', 'cbc:ID')) };
}

function paymentMeans(node: UblNode): UblPaymentMeans {
  return {
    path: node.path,
    line: node.line,
    code: code(node.at('cbc:PaymentMeansCode')),
    paymentId: textAt(node, 'cbc:PaymentID'),
    account: textAt(node, 'cac:PayeeFinancialAccount', 'cbc:ID'),
  };
}

function taxCategory(node: UblNode | undefined): UblTaxCategory | undefined {
  return (
    node && {
      path: node.path,
      line: node.line,
      id: textAt(node, 'cbc:ID'),
      percent: textAt(node, 'cbc:Percent'),
      exemptionReasonCode: textAt(node, 'cbc:TaxExemptionReasonCode'),
      exemptionReason: textAt(node, 'cbc:TaxExemptionReason'),
      taxScheme: textAt(node, 'cac:TaxScheme', 'cbc:ID'),
    }
  );
}

function allowanceCharge(node: UblNode, documentLevel: boolean): UblAllowanceCharge {
  return {
    path: node.path,
    line: node.line,
    chargeIndicator: textAt(node, 'cbc:ChargeIndicator'),
    reasonCode: textAt(node, 'cbc:AllowanceChargeReasonCode'),
    reason: textAt(node, 'cbc:AllowanceChargeReason'),
    multiplierFactor: textAt(node, 'cbc:MultiplierFactorNumeric'),
    amount: amount(node.at('cbc:Amount')),
    baseAmount: amount(node.at('cbc:BaseAmount')),
    taxCategory: documentLevel ? taxCategory(node.at('cac:TaxCategory')) : undefined,
  };
}

function taxTotal(node: UblNode): UblTaxTotal {
  return {
    path: node.path,
    line: node.line,
    taxAmount: amount(node.at('cbc:TaxAmount')),
    subtotals: node.all('cac:TaxSubtotal').map((s) => ({
      path: s.path,
      line: s.line,
      taxableAmount: amount(s.at('cbc:TaxableAmount')),
      taxAmount: amount(s.at('cbc:TaxAmount')),
      category: taxCategory(s.at('cac:TaxCategory')),
    })),
  };
}

function monetaryTotal(node: UblNode | undefined): UblMonetaryTotal | undefined {
  if (!node) return undefined;
  const at = (name: string) => amount(node.at(`cbc:${name}`));
  return {
    path: node.path,
    line: node.line,
    lineExtensionAmount: at('LineExtensionAmount'),
    taxExclusiveAmount: at('TaxExclusiveAmount'),
    taxInclusiveAmount: at('TaxInclusiveAmount'),
    allowanceTotalAmount: at('AllowanceTotalAmount'),
    chargeTotalAmount: at('ChargeTotalAmount'),
    prepaidAmount: at('PrepaidAmount'),
    payableRoundingAmount: at('PayableRoundingAmount'),
    payableAmount: at('PayableAmount'),
  };
}

function invoiceLine(node: UblNode, ordinal: number, quantityName: string): UblInvoiceLine {
  const price = node.at('cac:Price');
  const priceAllowance = price?.at('cac:AllowanceCharge');
  return {
    ordinal,
    path: node.path,
    line: node.line,
    id: textAt(node, 'cbc:ID'),
    note: textAt(node, 'cbc:Note'),
    quantity: quantity(node.at(quantityName)),
    lineExtensionAmount: amount(node.at('cbc:LineExtensionAmount')),
    accountingCost: textAt(node, 'cbc:AccountingCost'),
    invoicePeriod: period(node.at('cac:InvoicePeriod')),
    orderLineId: textAt(node, 'cac:OrderLineReference', 'cbc:LineID'),
    allowanceCharges: node.all('cac:AllowanceCharge').map((a) => allowanceCharge(a, false)),
    item: item(node.at('cac:Item'), node),
    priceAmount: amount(price?.at('cbc:PriceAmount')),
    baseQuantity: quantity(price?.at('cbc:BaseQuantity')),
    priceAllowance: priceAllowance && { amount: amount(priceAllowance.at('cbc:Amount')), baseAmount: amount(priceAllowance.at('cbc:BaseAmount')) },
  };
}

/** The line's cac:Item; a line without one still gets an item (located at the line) so callers need not ask. */
function item(node: UblNode | undefined, line: UblNode): UblInvoiceItem {
  const at = node ?? line;
  return {
    path: node?.path ?? `${line.path}/cac:Item`,
    line: at.line,
    name: textAt(node, 'cbc:Name'),
    description: textAt(node, 'cbc:Description'),
    sellerItemId: textAt(node, 'cac:SellersItemIdentification', 'cbc:ID'),
    buyerItemId: textAt(node, 'cac:BuyersItemIdentification', 'cbc:ID'),
    standardItemId: identifier(node?.at('cac:StandardItemIdentification', 'cbc:ID')),
    classifications: (node?.all('cac:CommodityClassification') ?? []).flatMap((c) => {
      const classification = code(c.at('cbc:ItemClassificationCode'));
      return classification ? [classification] : [];
    }),
    taxCategory: taxCategory(node?.at('cac:ClassifiedTaxCategory')),
  };
}
