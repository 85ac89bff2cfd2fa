import { UblAllowanceChargeOut, UblOrder, UblOrderLine, UblOrderProfile } from './ubl-order';
import { address, contact, id, party, partyIdentification, partyName, period, taxCategory } from './ubl-parts-writer';
import { UBL_SEQUENCES } from './ubl-sequences';
import { DecimalValue, decimalText, leaf, node, writeXml, XmlOut, XmlWriteError } from './xml-writer';

export const ORDER_NAMESPACES = {
  '': 'urn:oasis:names:specification:ubl:schema:xsd:Order-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

const PEPPOL_ORDER = 'urn:fdc:peppol.eu:poacc:trns:order:3';
export const ORDER_PROFILES: Record<UblOrderProfile, { customizationId: string; profileId: string }> = {
  'peppol-ordering': { customizationId: PEPPOL_ORDER, profileId: 'urn:fdc:peppol.eu:poacc:bis:ordering:3' },
  'peppol-order-only': { customizationId: PEPPOL_ORDER, profileId: 'urn:fdc:peppol.eu:poacc:bis:order_only:3' },
  ehf: { customizationId: `${PEPPOL_ORDER}:extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0`, profileId: 'urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:02:1.0' },
};

/**
 * Writes a UBL 2.1 Order (PEPPOL BIS Ordering 3 / EHF Order 3.0) in the schema's element order.
 * Throws XmlWriteError for what no valid order can hold (a float amount, more than 2 decimals on
 * an amount, a character XML cannot carry); business rules are the caller's and the official
 * Schematron's.
 */
export function writeOrder(order: UblOrder): string {
  const profile = ORDER_PROFILES[order.profile];
  if (!profile) throw new XmlWriteError(`Unknown order profile "${order.profile}"`);
  const cur = order.currency;
  const money = (name: string, value: DecimalValue | undefined) => (value === undefined ? undefined : leaf(name, decimalText(value, name, 2), { currencyID: cur }));
  const root = node(
    'Order',
    leaf('cbc:CustomizationID', profile.customizationId),
    leaf('cbc:ProfileID', profile.profileId),
    leaf('cbc:ID', order.id),
    leaf('cbc:SalesOrderID', order.salesOrderId),
    leaf('cbc:IssueDate', order.issueDate),
    leaf('cbc:IssueTime', order.issueTime),
    leaf('cbc:OrderTypeCode', order.orderTypeCode),
    leaf('cbc:Note', order.note),
    leaf('cbc:DocumentCurrencyCode', cur),
    leaf('cbc:CustomerReference', order.customerReference),
    leaf('cbc:AccountingCost', order.accountingCost),
    node('cac:ValidityPeriod', leaf('cbc:EndDate', order.validityEndDate)),
    node('cac:QuotationDocumentReference', leaf('cbc:ID', order.quotationReference)),
    node('cac:OrderDocumentReference', leaf('cbc:ID', order.orderDocumentReference)),
    node('cac:OriginatorDocumentReference', leaf('cbc:ID', order.originatorDocumentReference)),
    (order.additionalDocuments ?? []).map((d) =>
      node(
        'cac:AdditionalDocumentReference',
        leaf('cbc:ID', d.id),
        leaf('cbc:DocumentType', d.documentType),
        node(
          'cac:Attachment',
          d.embedded && leaf('cbc:EmbeddedDocumentBinaryObject', d.embedded.base64, { mimeCode: d.embedded.mimeCode, filename: d.embedded.filename }),
          node('cac:ExternalReference', leaf('cbc:URI', d.uri)),
        ),
      ),
    ),
    node('cac:Contract', leaf('cbc:ID', order.contractId)),
    node('cac:BuyerCustomerParty', party('cac:Party', order.buyer)),
    node('cac:SellerSupplierParty', party('cac:Party', order.seller)),
    order.originator && node('cac:OriginatorCustomerParty', party('cac:Party', order.originator)),
    order.accountingCustomer && node('cac:AccountingCustomerParty', party('cac:Party', order.accountingCustomer)),
    order.delivery &&
      node(
        'cac:Delivery',
        node('cac:DeliveryLocation', id('cbc:ID', order.delivery.locationId), address('cac:Address', order.delivery.address)),
        period('cac:RequestedDeliveryPeriod', order.delivery.requestedPeriod),
        order.delivery.party && node('cac:DeliveryParty', partyIdentification(order.delivery.party.identifier), partyName(order.delivery.party.name), contact(order.delivery.party.contact)),
      ),
    order.deliveryTerms &&
      node(
        'cac:DeliveryTerms',
        leaf('cbc:ID', order.deliveryTerms.id),
        leaf('cbc:SpecialTerms', order.deliveryTerms.specialTerms),
        node('cac:DeliveryLocation', leaf('cbc:ID', order.deliveryTerms.locationId)),
      ),
    node('cac:PaymentTerms', leaf('cbc:Note', order.paymentTermsNote)),
    (order.allowanceCharges ?? []).map((ac) => allowanceCharge(ac, cur, true)),
    node('cac:TaxTotal', money('cbc:TaxAmount', order.taxAmount)),
    node(
      'cac:AnticipatedMonetaryTotal',
      money('cbc:LineExtensionAmount', order.totals.lineExtension),
      money('cbc:TaxExclusiveAmount', order.totals.taxExclusive),
      money('cbc:TaxInclusiveAmount', order.totals.taxInclusive),
      money('cbc:AllowanceTotalAmount', order.totals.allowanceTotal),
      money('cbc:ChargeTotalAmount', order.totals.chargeTotal),
      money('cbc:PrepaidAmount', order.totals.prepaid),
      money('cbc:PayableRoundingAmount', order.totals.payableRounding),
      money('cbc:PayableAmount', order.totals.payable),
    ),
    order.lines.map((l) => orderLine(l, cur)),
  )!;
  return writeXml(root, { namespaces: ORDER_NAMESPACES, sequences: UBL_SEQUENCES });
}

function orderLine(line: UblOrderLine, cur: string): XmlOut | undefined {
  const money = (name: string, value: DecimalValue | undefined, maxScale = 2) =>
    value === undefined ? undefined : leaf(name, decimalText(value, `Line ${line.id} ${name}`, maxScale), { currencyID: cur });
  const { item, price } = line;
  return node(
    'cac:OrderLine',
    leaf('cbc:Note', line.note),
    node(
      'cac:LineItem',
      leaf('cbc:ID', line.id),
      leaf('cbc:Quantity', decimalText(line.quantity.value, `Line ${line.id} quantity`), { unitCode: line.quantity.unitCode }),
      money('cbc:LineExtensionAmount', line.lineExtensionAmount),
      leaf('cbc:PartialDeliveryIndicator', line.partialDeliveryAllowed === undefined ? undefined : String(line.partialDeliveryAllowed)),
      leaf('cbc:AccountingCost', line.accountingCost),
      node('cac:Delivery', period('cac:RequestedDeliveryPeriod', line.requestedDeliveryPeriod)),
      line.originator && node('cac:OriginatorParty', partyIdentification(line.originator.identifier), partyName(line.originator.name)),
      (line.allowanceCharges ?? []).map((ac) => allowanceCharge(ac, cur, false)),
      price &&
        node(
          'cac:Price',
          money('cbc:PriceAmount', price.amount, Infinity),
          price.baseQuantity && leaf('cbc:BaseQuantity', decimalText(price.baseQuantity.value, `Line ${line.id} base quantity`), { unitCode: price.baseQuantity.unitCode }),
          price.discount &&
            node('cac:AllowanceCharge', leaf('cbc:ChargeIndicator', 'false'), money('cbc:Amount', price.discount.amount, Infinity), money('cbc:BaseAmount', price.discount.baseAmount, Infinity)),
        ),
      node(
        'cac:Item',
        leaf('cbc:Description', item.description),
        leaf('cbc:Name', item.name),
        node('cac:BuyersItemIdentification', leaf('cbc:ID', item.buyersItemId)),
        node('cac:SellersItemIdentification', leaf('cbc:ID', item.sellersItemId)),
        node('cac:StandardItemIdentification', id('cbc:ID', item.standardItemId)),
        (item.specificationDocumentIds ?? []).map((d) => node('cac:ItemSpecificationDocumentReference', leaf('cbc:ID', d))),
        (item.classifications ?? []).map((c) => node('cac:CommodityClassification', leaf('cbc:ItemClassificationCode', c.code, { listID: c.listId, listVersionID: c.listVersionId }))),
        item.taxCategory && taxCategory('cac:ClassifiedTaxCategory', item.taxCategory),
        (item.properties ?? []).map((p) =>
          node(
            'cac:AdditionalItemProperty',
            leaf('cbc:Name', p.name),
            leaf('cbc:Value', p.value),
            p.valueQuantity && leaf('cbc:ValueQuantity', decimalText(p.valueQuantity.value, `Line ${line.id} property ${p.name}`), { unitCode: p.valueQuantity.unitCode }),
            leaf('cbc:ValueQualifier', p.qualifier),
          ),
        ),
        item.instance && node('cac:ItemInstance', leaf('cbc:SerialID', item.instance.serialId), node('cac:LotIdentification', leaf('cbc:LotNumberID', item.instance.lotNumberId))),
      ),
    ),
  );
}

function allowanceCharge(ac: UblAllowanceChargeOut, cur: string, documentLevel: boolean): XmlOut | undefined {
  const what = ac.chargeIndicator ? 'Charge' : 'Allowance';
  return node(
    'cac:AllowanceCharge',
    leaf('cbc:ChargeIndicator', String(ac.chargeIndicator)),
    leaf('cbc:AllowanceChargeReasonCode', ac.reasonCode),
    leaf('cbc:AllowanceChargeReason', ac.reason),
    leaf('cbc:MultiplierFactorNumeric', ac.multiplierPercent === undefined ? undefined : decimalText(ac.multiplierPercent, `${what} percentage`)),
    leaf('cbc:Amount', decimalText(ac.amount, `${what} amount`, 2), { currencyID: cur }),
    ac.baseAmount === undefined ? undefined : leaf('cbc:BaseAmount', decimalText(ac.baseAmount, `${what} base amount`, 2), { currencyID: cur }),
    documentLevel && ac.taxCategory && taxCategory('cac:TaxCategory', ac.taxCategory),
  );
}
