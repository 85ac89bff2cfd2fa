import { isXsdDecimal, valuedDecimalText } from '../platform/money/decimal-text';
import type { Problem } from '../exchange/document-handlers';
import type { UblAmount, UblIdentifier, UblText } from '../peppol';
import type { UblInvoice, UblInvoiceLine } from '../peppol/ubl-invoice';
import { MoneyDecimal } from '../platform/money/money';
import type { InvoiceKind } from './invoicing.entities';

/** An invoice line as Torg stores it (amounts positive for both kinds; decimal text). */
export interface InvoiceLineDraft {
  lineId: string;
  quantity: string;
  unitCode: string;
  netUnitPrice: string;
  baseQuantity: string;
  lineAmount: string;
  vatCategory: string;
  vatRate: string;
  itemName: string;
  sellerItemId: string | null;
  gtin: string | null;
  unspscCode: string | null;
  accountingCost: string | null;
  orderLineRef: string | null;
}

/** An invoice or credit note as read, in Torg's terms, with the located values intake reports on. */
export interface InvoiceDraft {
  kind: InvoiceKind;
  invoiceNumber: string;
  typeCode: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  buyerReference: string | null;
  orderReference: UblText | null;
  contractReference: UblText | null;
  /** The invoice a credit note (or negative invoice) corrects: the first BillingReference. */
  billingReference: UblText | null;
  accountingCost: string | null;
  paymentId: string | null;
  paymentAccount: string | null;
  seller: { endpoint: UblIdentifier | null; vatNumber: UblText | null; path: string };
  buyer: { endpoint: UblIdentifier | null; path: string };
  totals: {
    lineExtensionAmount: string;
    allowanceTotalAmount: string;
    chargeTotalAmount: string;
    taxExclusiveAmount: string;
    taxAmount: string;
    taxInclusiveAmount: string;
    prepaidAmount: string;
    payableRoundingAmount: string;
    payableAmount: string;
  };
  subtotals: { category: string; rate: string; taxableAmount: string; taxAmount: string; exemptionReason: string | null }[];
  lines: InvoiceLineDraft[];
}

const UNSPSC_LISTS = new Set(['MP', 'TST']);
const GTIN_SCHEMES = new Set(['0160', '0088']);

/**
 * The stored shape of a read invoice or credit note, or what is missing to store it. The
 * arithmetic and VAT are checked before (invoice-checks); this says only what Torg itself needs.
 * A negative invoice that names the invoice it corrects (BillingReference) is a credit note:
 * its amounts and quantities are turned positive, as a CreditNote's are written; one that names
 * none is refused (a CreditNote without one is taken: its type says it credits).
 */
export function invoiceDraft(doc: UblInvoice): { draft: InvoiceDraft } | { problems: Problem[] } {
  const root = `/${doc.kind}`;
  const problems: Problem[] = [];
  const required = (value: UblText | undefined, path: string, what: string): string => {
    const v = value?.value.trim();
    if (!v) problems.push({ path: value?.path ?? `${root}/${path}`, message: `The ${doc.kind} has no ${what} (${path})` });
    return v ?? '';
  };
  const invoiceNumber = required(doc.id, 'cbc:ID', 'invoice number');
  const issueDate = required(doc.issueDate, 'cbc:IssueDate', 'issue date');
  const currency = required(doc.currency, 'cbc:DocumentCurrencyCode', 'currency');
  const totals = doc.totals;
  const payable = required(totals?.payableAmount, 'cac:LegalMonetaryTotal/cbc:PayableAmount', 'payable amount');
  required(totals?.taxExclusiveAmount, 'cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount', 'tax exclusive amount');
  if (!doc.lines.length) problems.push({ path: root, message: `The ${doc.kind} has no lines` });
  const billingReference = doc.billingReferences.find((r) => r.id?.value.trim())?.id ?? null;
  const net = totals?.taxExclusiveAmount;
  const credits = doc.kind === 'Invoice' && !!net && decimal(net).isNegative();
  // Only the reference makes a negative Invoice a credit; without it, it could as well be an
  // invoice with its signs wrong, and a credit against nothing cannot be matched or reversed.
  if (credits && net && !billingReference)
    problems.push({
      path: `${root}/cac:BillingReference`,
      rule: 'TORG-BILLING-REFERENCE',
      message: `The Invoice credits ${decimal(net).abs().toFixed()} ${currency} excluding VAT (negative amounts) but names no invoice it corrects (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID): Torg takes a negative invoice only as a credit against an invoice it received`,
    });
  const negative = credits && !!billingReference;
  const kind: InvoiceKind = doc.kind === 'CreditNote' || negative ? 'CREDIT_NOTE' : 'INVOICE';
  const sign = negative ? -1 : 1;
  const lines = doc.lines.map((l) => lineDraft(l, sign, problems));
  if (problems.length) return { problems };

  const amount = (a: UblAmount | undefined) => (a ? decimal(a).times(sign).toFixed() : '0');
  const taxTotal = doc.taxTotals.find((t) => !t.taxAmount?.currency || t.taxAmount.currency.value === currency) ?? doc.taxTotals[0];
  return {
    draft: {
      kind,
      invoiceNumber,
      typeCode: doc.typeCode?.value.trim() || (doc.kind === 'CreditNote' ? '381' : '380'),
      issueDate,
      dueDate: doc.dueDate?.value.trim() || null,
      currency,
      buyerReference: text(doc.buyerReference),
      orderReference: doc.orderReference?.value.trim() ? doc.orderReference : null,
      contractReference: doc.contractReference?.value.trim() ? doc.contractReference : null,
      billingReference,
      accountingCost: text(doc.accountingCost),
      paymentId: text(doc.paymentMeans[0]?.paymentId),
      paymentAccount: text(doc.paymentMeans[0]?.account),
      seller: { endpoint: doc.seller?.endpointId ?? null, vatNumber: doc.seller?.vatNumber ?? null, path: doc.seller?.path ?? `${root}/cac:AccountingSupplierParty/cac:Party` },
      buyer: { endpoint: doc.buyer?.endpointId ?? null, path: doc.buyer?.path ?? `${root}/cac:AccountingCustomerParty/cac:Party` },
      totals: {
        lineExtensionAmount: amount(totals?.lineExtensionAmount),
        allowanceTotalAmount: amount(totals?.allowanceTotalAmount),
        chargeTotalAmount: amount(totals?.chargeTotalAmount),
        taxExclusiveAmount: amount(totals?.taxExclusiveAmount),
        taxAmount: amount(taxTotal?.taxAmount),
        taxInclusiveAmount: amount(totals?.taxInclusiveAmount),
        prepaidAmount: amount(totals?.prepaidAmount),
        payableRoundingAmount: amount(totals?.payableRoundingAmount),
        payableAmount: decimal({ value: payable }).times(sign).toFixed(),
      },
      subtotals: (taxTotal?.subtotals ?? []).map((s) => ({
        category: text(s.category?.id) ?? 'S',
        rate: s.category?.percent && isDecimal(s.category.percent.value) ? valuedDecimalText(s.category.percent.value.trim()) : '0',
        taxableAmount: amount(s.taxableAmount),
        taxAmount: amount(s.taxAmount),
        exemptionReason: text(s.category?.exemptionReason),
      })),
      lines,
    },
  };
}

function lineDraft(l: UblInvoiceLine, sign: number, problems: Problem[]): InvoiceLineDraft {
  const missing = (what: string, path: string) => problems.push({ path: `${l.path}/${path}`, line: l.line, message: `Line ${l.ordinal} has no ${what} (${path})` });
  if (!l.id?.value.trim()) missing('id', 'cbc:ID');
  if (!l.quantity?.value.trim() || !isDecimal(l.quantity.value)) missing('quantity', 'cbc:InvoicedQuantity');
  if (!l.lineExtensionAmount?.value.trim() || !isDecimal(l.lineExtensionAmount.value)) missing('line amount', 'cbc:LineExtensionAmount');
  if (!l.priceAmount?.value.trim() || !isDecimal(l.priceAmount.value)) missing('price', 'cac:Price/cbc:PriceAmount');
  if (!l.item.name?.value.trim()) missing('item name', 'cac:Item/cbc:Name');
  if (!l.item.taxCategory?.id?.value.trim()) missing('VAT category', 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID');
  const ok = (v: UblText | undefined) => (v && isDecimal(v.value) ? v.value.trim() : '0');
  const gtin = l.item.standardItemId && (!l.item.standardItemId.schemeId || GTIN_SCHEMES.has(l.item.standardItemId.schemeId)) ? text(l.item.standardItemId) : null;
  const unspsc = l.item.classifications.find((c) => c.listId && UNSPSC_LISTS.has(c.listId)) ?? null;
  return {
    lineId: text(l.id) ?? String(l.ordinal),
    quantity: new MoneyDecimal(ok(l.quantity)).times(sign).toFixed(),
    unitCode: l.quantity?.unitCode?.trim() || 'EA',
    netUnitPrice: valuedDecimalText(ok(l.priceAmount)),
    baseQuantity: l.baseQuantity && isDecimal(l.baseQuantity.value) && new MoneyDecimal(l.baseQuantity.value).gt(0) ? valuedDecimalText(l.baseQuantity.value.trim()) : '1',
    lineAmount: new MoneyDecimal(ok(l.lineExtensionAmount)).times(sign).toFixed(),
    vatCategory: text(l.item.taxCategory?.id) ?? '',
    vatRate: l.item.taxCategory?.percent && isDecimal(l.item.taxCategory.percent.value) ? valuedDecimalText(l.item.taxCategory.percent.value.trim()) : '0',
    itemName: text(l.item.name) ?? '',
    sellerItemId: text(l.item.sellerItemId),
    gtin,
    unspscCode: unspsc ? text(unspsc) : null,
    accountingCost: text(l.accountingCost),
    orderLineRef: text(l.orderLineId),
  };
}

const isDecimal = (v: string) => isXsdDecimal(v.trim());
const decimal = (v: { value: string }) => new MoneyDecimal(isDecimal(v.value) ? v.value.trim() : '0');
const text = (v: UblText | undefined | null): string | null => v?.value.trim() || null;
