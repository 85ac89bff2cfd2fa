import { UblAllowanceChargeOut, UblInvoiceKind, UblInvoiceLineOut, UblInvoiceOut, UblInvoicePartyOut, UblTaxCategoryOut } from './ubl-invoice';
import { country } from './ubl-parts-writer';
import { UBL_SEQUENCES } from './ubl-sequences';
import { DecimalValue, decimalText, leaf, node, writeXml, XmlOut, XmlWriteError } from './xml-writer';

const UBL = 'urn:oasis:names:specification:ubl:schema:xsd';
const COMMON = { cac: `${UBL}:CommonAggregateComponents-2`, cbc: `${UBL}:CommonBasicComponents-2` };
export const INVOICE_NAMESPACES: Record<UblInvoiceKind, Record<string, string>> = {
  Invoice: { '': `${UBL}:Invoice-2`, ...COMMON },
  CreditNote: { '': `${UBL}:CreditNote-2`, ...COMMON },
};

/** PEPPOL BIS Billing 3.0, which EHF invoices follow (EHF has no billing extension of its own). */
export const BILLING_PROFILE = {
  customizationId: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
  profileId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
} as const;

/** What differs between the two roots: the type code's name and default, the line's and its quantity's names. */
const SHAPES: Record<UblInvoiceKind, { typeCode: string; defaultType: string; line: string; quantity: string }> = {
  Invoice: { typeCode: 'cbc:InvoiceTypeCode', defaultType: '380', line: 'cac:InvoiceLine', quantity: 'cbc:InvoicedQuantity' },
  CreditNote: { typeCode: 'cbc:CreditNoteTypeCode', defaultType: '381', line: 'cac:CreditNoteLine', quantity: 'cbc:CreditedQuantity' },
};

/** UNSPSC in UNTDID 7143, as Torg's orders write it (the billing rules, BR-CL-13, accept MP and TST alike). */
const UNSPSC_LIST = 'MP';
/** GS1 GTIN in the ICD list (older documents say 0088, a GLN's scheme). */
const GTIN_SCHEME = '0160';
/** The Norwegian organisation number in the ICD list. */
const ORG_NUMBER_SCHEME = '0192';

/**
 * Writes a PEPPOL BIS Billing 3.0 Invoice or CreditNote in the UBL 2.1 schema's element order.
 * It writes what it is given, arithmetic included (a test may write a wrong sum on purpose);
 * it throws XmlWriteError only for what no schema-valid document can hold: no lines, a float or
 * more than two decimals on an amount, a character XML cannot carry, a credit note's due date
 * without payment means (UBL 2.1 gives a credit note no cbc:DueDate: it is
 * cac:PaymentMeans/cbc:PaymentDueDate there).
 */
export function writeInvoice(doc: UblInvoiceOut): string {
  const shape = SHAPES[doc.kind];
  if (!shape) throw new XmlWriteError(`Unknown invoice kind "${doc.kind}": Invoice or CreditNote`);
  if (!doc.lines.length) throw new XmlWriteError(`An ${doc.kind} has at least one line`);
  const creditNote = doc.kind === 'CreditNote';
  if (creditNote && doc.dueDate !== undefined && !doc.paymentMeans) throw new XmlWriteError('A credit note carries its due date in cac:PaymentMeans: give paymentMeans too');
  const money = amounts(doc.currency);
  const { totals, taxTotal } = doc;
  const root = node(
    doc.kind,
    leaf('cbc:CustomizationID', BILLING_PROFILE.customizationId),
    leaf('cbc:ProfileID', BILLING_PROFILE.profileId),
    leaf('cbc:ID', doc.id),
    leaf('cbc:IssueDate', doc.issueDate),
    !creditNote && leaf('cbc:DueDate', doc.dueDate),
    leaf(shape.typeCode, doc.typeCode ?? shape.defaultType),
    leaf('cbc:Note', doc.note),
    leaf('cbc:DocumentCurrencyCode', doc.currency),
    leaf('cbc:AccountingCost', doc.accountingCost),
    leaf('cbc:BuyerReference', doc.buyerReference),
    node('cac:OrderReference', leaf('cbc:ID', doc.orderReference)),
    (doc.billingReferences ?? []).map((r) => node('cac:BillingReference', node('cac:InvoiceDocumentReference', leaf('cbc:ID', r.id), leaf('cbc:IssueDate', r.issueDate)))),
    node('cac:ContractDocumentReference', leaf('cbc:ID', doc.contractReference)),
    node('cac:AccountingSupplierParty', invoiceParty(doc.seller, true)),
    node('cac:AccountingCustomerParty', invoiceParty(doc.buyer, false)),
    doc.delivery &&
      node(
        'cac:Delivery',
        leaf('cbc:ActualDeliveryDate', doc.delivery.actualDeliveryDate),
        node('cac:DeliveryLocation', leaf('cbc:ID', doc.delivery.locationGln, { schemeID: doc.delivery.locationGln === undefined ? undefined : '0088' })),
      ),
    doc.paymentMeans &&
      node(
        'cac:PaymentMeans',
        leaf('cbc:PaymentMeansCode', doc.paymentMeans.code),
        creditNote && leaf('cbc:PaymentDueDate', doc.dueDate),
        leaf('cbc:PaymentID', doc.paymentMeans.paymentId),
        node('cac:PayeeFinancialAccount', leaf('cbc:ID', doc.paymentMeans.account)),
      ),
    node('cac:PaymentTerms', leaf('cbc:Note', doc.paymentTerms)),
    (doc.allowanceCharges ?? []).map((ac) => allowanceCharge(ac, money, 'Document', true)),
    node(
      'cac:TaxTotal',
      money('cbc:TaxAmount', taxTotal.taxAmount, 'Tax amount'),
      taxTotal.subtotals.map((s) =>
        node(
          'cac:TaxSubtotal',
          money('cbc:TaxableAmount', s.taxableAmount, `Taxable amount (${s.category.id})`),
          money('cbc:TaxAmount', s.taxAmount, `Tax amount (${s.category.id})`),
          taxCategory('cac:TaxCategory', s.category),
        ),
      ),
    ),
    node(
      'cac:LegalMonetaryTotal',
      money('cbc:LineExtensionAmount', totals.lineExtensionAmount, 'Sum of line amounts'),
      money('cbc:TaxExclusiveAmount', totals.taxExclusiveAmount, 'Total without VAT'),
      money('cbc:TaxInclusiveAmount', totals.taxInclusiveAmount, 'Total with VAT'),
      money('cbc:AllowanceTotalAmount', totals.allowanceTotalAmount, 'Sum of allowances'),
      money('cbc:ChargeTotalAmount', totals.chargeTotalAmount, 'Sum of charges'),
      money('cbc:PrepaidAmount', totals.prepaidAmount, 'Paid amount'),
      money('cbc:PayableRoundingAmount', totals.payableRoundingAmount, 'Rounding amount'),
      money('cbc:PayableAmount', totals.payableAmount, 'Amount due'),
    ),
    doc.lines.map((l) => invoiceLine(l, shape, money)),
  )!;
  return writeXml(root, { namespaces: INVOICE_NAMESPACES[doc.kind], sequences: UBL_SEQUENCES });
}

type Money = (name: string, value: DecimalValue | undefined, what: string, maxScale?: number) => XmlOut | undefined;

/** An amount in the document currency: two decimals at most (BR-DEC), unless a price (no cap). */
function amounts(currency: string): Money {
  return (name, value, what, maxScale = 2) => (value === undefined ? undefined : leaf(name, decimalText(value, what, maxScale), { currencyID: currency }));
}

function invoiceLine(line: UblInvoiceLineOut, shape: (typeof SHAPES)[UblInvoiceKind], money: Money): XmlOut | undefined {
  const what = `Line ${line.id}`;
  const { item } = line;
  return node(
    shape.line,
    leaf('cbc:ID', line.id),
    leaf('cbc:Note', line.note),
    leaf(shape.quantity, decimalText(line.quantity, `${what} quantity`), { unitCode: line.unitCode }),
    money('cbc:LineExtensionAmount', line.lineExtensionAmount, `${what} amount`),
    leaf('cbc:AccountingCost', line.accountingCost),
    node('cac:OrderLineReference', leaf('cbc:LineID', line.orderLineId)),
    (line.allowanceCharges ?? []).map((ac) => allowanceCharge(ac, money, what, false)),
    node(
      'cac:Item',
      leaf('cbc:Description', item.description),
      leaf('cbc:Name', item.name),
      node('cac:SellersItemIdentification', leaf('cbc:ID', item.sellerItemId)),
      node('cac:StandardItemIdentification', leaf('cbc:ID', item.gtin, { schemeID: item.gtin === undefined ? undefined : GTIN_SCHEME })),
      node('cac:CommodityClassification', leaf('cbc:ItemClassificationCode', item.unspsc, { listID: item.unspsc === undefined ? undefined : UNSPSC_LIST })),
      taxCategory('cac:ClassifiedTaxCategory', item.taxCategory),
    ),
    node(
      'cac:Price',
      money('cbc:PriceAmount', line.price, `${what} price`, Infinity),
      line.baseQuantity && leaf('cbc:BaseQuantity', decimalText(line.baseQuantity.value, `${what} base quantity`), { unitCode: line.baseQuantity.unitCode }),
    ),
  );
}

/** Document level allowances and charges carry their VAT category; line level ones none (the line's item category applies). */
function allowanceCharge(ac: UblAllowanceChargeOut, money: Money, where: string, documentLevel: boolean): XmlOut | undefined {
  const what = `${where} ${ac.chargeIndicator ? 'charge' : 'allowance'}`;
  return node(
    'cac:AllowanceCharge',
    leaf('cbc:ChargeIndicator', String(ac.chargeIndicator)),
    leaf('cbc:AllowanceChargeReasonCode', ac.reasonCode),
    leaf('cbc:AllowanceChargeReason', ac.reason),
    leaf('cbc:MultiplierFactorNumeric', ac.multiplierFactor === undefined ? undefined : decimalText(ac.multiplierFactor, `${what} percentage`)),
    money('cbc:Amount', ac.amount, `${what} amount`),
    money('cbc:BaseAmount', ac.baseAmount, `${what} base amount`),
    documentLevel && ac.taxCategory && taxCategory('cac:TaxCategory', ac.taxCategory),
  );
}

function taxCategory(name: string, t: UblTaxCategoryOut): XmlOut | undefined {
  return node(
    name,
    leaf('cbc:ID', t.id),
    leaf('cbc:Percent', t.percent === undefined ? undefined : decimalText(t.percent, `VAT percent (${t.id})`)),
    leaf('cbc:TaxExemptionReason', t.exemptionReason),
    node('cac:TaxScheme', leaf('cbc:ID', 'VAT')),
  );
}

/**
 * A party as BIS Billing 3 wants it: electronic address, name, postal address, VAT number,
 * legal entity. A Norwegian seller registered in Foretaksregisteret says so (NO-R-002) in a
 * second PartyTaxScheme with the TAX scheme.
 */
function invoiceParty(p: UblInvoicePartyOut, seller: boolean): XmlOut | undefined {
  return node(
    'cac:Party',
    leaf('cbc:EndpointID', p.endpointId, { schemeID: p.endpointScheme ?? ORG_NUMBER_SCHEME }),
    node('cac:PartyName', leaf('cbc:Name', p.name)),
    node('cac:PostalAddress', leaf('cbc:StreetName', p.address.street), leaf('cbc:CityName', p.address.city), leaf('cbc:PostalZone', p.address.postalZone), country(p.address.country)),
    node('cac:PartyTaxScheme', leaf('cbc:CompanyID', p.vatNumber), p.vatNumber !== undefined && node('cac:TaxScheme', leaf('cbc:ID', 'VAT'))),
    seller && p.inBusinessRegister && node('cac:PartyTaxScheme', leaf('cbc:CompanyID', 'Foretaksregisteret'), node('cac:TaxScheme', leaf('cbc:ID', 'TAX'))),
    node('cac:PartyLegalEntity', leaf('cbc:RegistrationName', p.registrationName), leaf('cbc:CompanyID', p.orgNumber, { schemeID: p.orgNumber === undefined ? undefined : ORG_NUMBER_SCHEME })),
  );
}
