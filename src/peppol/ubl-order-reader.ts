import { readUblDocument, UBL_DOCUMENT_LIMITS, UblDocumentLimits, UblInput } from './ubl-document-input';
import { documentSpecification } from './ubl-document-identity';
import { ublDocumentKind } from './ubl-document-types';
import { UblAllowanceChargeOut, UblId, UblOrder, UblOrderAddress, UblOrderContact, UblOrderLine, UblOrderParty, UblOrderProfile, UblPeriodOut } from './ubl-order';
import { ORDER_PROFILES } from './ubl-order-writer';
import { UblError } from './ubl-xml-reader';
import { UblNode } from './xml-element';

const KIND = ublDocumentKind('Order');

/**
 * Reads a PEPPOL BIS Ordering 3 / EHF Order 3.0 into the plain `UblOrder` that `writeOrder`
 * takes, so a written order reads back as the same value (the fields Torg writes; others are
 * left out). Throws UblError for a document refused as XML, of another specification, or
 * without what every order has (id, date, currency, buyer and seller endpoints, the seller's
 * address, line ids, quantities with units, item names, line and payable totals), naming where.
 */
export async function readUblOrder(input: UblInput, limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS): Promise<UblOrder> {
  const { header: o, records } = await readUblDocument(input, KIND, limits);
  const totals = o.at('cac:AnticipatedMonetaryTotal');
  const delivery = o.at('cac:Delivery');
  const terms = o.at('cac:DeliveryTerms');
  const sellerParty = need(o, 'cac:SellerSupplierParty', 'cac:Party');
  const originator = o.at('cac:OriginatorCustomerParty', 'cac:Party');
  const accountingCustomer = o.at('cac:AccountingCustomerParty', 'cac:Party');
  return {
    profile: orderProfile(o),
    id: needText(o, 'cbc:ID'),
    salesOrderId: text(o, 'cbc:SalesOrderID'),
    issueDate: needText(o, 'cbc:IssueDate'),
    issueTime: text(o, 'cbc:IssueTime'),
    orderTypeCode: text(o, 'cbc:OrderTypeCode'),
    note: text(o, 'cbc:Note'),
    currency: needText(o, 'cbc:DocumentCurrencyCode'),
    customerReference: text(o, 'cbc:CustomerReference'),
    accountingCost: text(o, 'cbc:AccountingCost'),
    validityEndDate: text(o, 'cac:ValidityPeriod', 'cbc:EndDate'),
    quotationReference: text(o, 'cac:QuotationDocumentReference', 'cbc:ID'),
    orderDocumentReference: text(o, 'cac:OrderDocumentReference', 'cbc:ID'),
    originatorDocumentReference: text(o, 'cac:OriginatorDocumentReference', 'cbc:ID'),
    additionalDocuments: nonEmpty(
      o.all('cac:AdditionalDocumentReference').map((d) => {
        const embedded = d.at('cac:Attachment', 'cbc:EmbeddedDocumentBinaryObject');
        return {
          id: needText(d, 'cbc:ID'),
          documentType: text(d, 'cbc:DocumentType'),
          uri: text(d, 'cac:Attachment', 'cac:ExternalReference', 'cbc:URI'),
          embedded: embedded && { base64: embedded.text().value, mimeCode: needAttr(embedded, 'mimeCode'), filename: needAttr(embedded, 'filename') },
        };
      }),
    ),
    contractId: text(o, 'cac:Contract', 'cbc:ID'),
    buyer: { ...party(need(o, 'cac:BuyerCustomerParty', 'cac:Party')), endpointId: needId(o, 'cac:BuyerCustomerParty', 'cac:Party', 'cbc:EndpointID') },
    seller: {
      ...party(sellerParty),
      endpointId: needId(sellerParty, 'cbc:EndpointID'),
      postalAddress: address(need(sellerParty, 'cac:PostalAddress'))!,
    },
    originator: originator && party(originator),
    accountingCustomer: accountingCustomer && party(accountingCustomer),
    delivery: delivery && {
      locationId: id(delivery, 'cac:DeliveryLocation', 'cbc:ID'),
      address: address(delivery.at('cac:DeliveryLocation', 'cac:Address')),
      requestedPeriod: period(delivery.at('cac:RequestedDeliveryPeriod')),
      party: deliveryParty(delivery.at('cac:DeliveryParty')),
    },
    deliveryTerms: terms && { id: text(terms, 'cbc:ID'), specialTerms: text(terms, 'cbc:SpecialTerms'), locationId: text(terms, 'cac:DeliveryLocation', 'cbc:ID') },
    paymentTermsNote: text(o, 'cac:PaymentTerms', 'cbc:Note'),
    allowanceCharges: nonEmpty(o.all('cac:AllowanceCharge').map((ac) => allowanceCharge(ac))),
    taxAmount: text(o, 'cac:TaxTotal', 'cbc:TaxAmount'),
    totals: {
      lineExtension: needText(o, 'cac:AnticipatedMonetaryTotal', 'cbc:LineExtensionAmount'),
      taxExclusive: text(totals, 'cbc:TaxExclusiveAmount'),
      taxInclusive: text(totals, 'cbc:TaxInclusiveAmount'),
      allowanceTotal: text(totals, 'cbc:AllowanceTotalAmount'),
      chargeTotal: text(totals, 'cbc:ChargeTotalAmount'),
      prepaid: text(totals, 'cbc:PrepaidAmount'),
      payableRounding: text(totals, 'cbc:PayableRoundingAmount'),
      payable: needText(o, 'cac:AnticipatedMonetaryTotal', 'cbc:PayableAmount'),
    },
    lines: records.map(orderLine),
  };
}

function orderProfile(o: UblNode): UblOrderProfile {
  const { specification } = documentSpecification(KIND, o);
  if (specification === 'ehf') return 'ehf';
  const profileId = o.at('cbc:ProfileID')?.text();
  const found = (Object.keys(ORDER_PROFILES) as UblOrderProfile[]).find((p) => p !== 'ehf' && ORDER_PROFILES[p].profileId === profileId?.value);
  if (!found) throw new UblError(`The Order's cbc:ProfileID "${profileId?.value ?? ''}" is neither PEPPOL BIS Ordering 3 nor Order only 3`, profileId?.line ?? o.line);
  return found;
}

function orderLine(line: UblNode): UblOrderLine {
  const li = need(line, 'cac:LineItem');
  const quantity = need(li, 'cbc:Quantity');
  const price = li.at('cac:Price');
  const discount = price?.at('cac:AllowanceCharge');
  const item = need(li, 'cac:Item');
  const originator = li.at('cac:OriginatorParty');
  const instance = item.at('cac:ItemInstance');
  const partial = text(li, 'cbc:PartialDeliveryIndicator');
  return {
    note: text(line, 'cbc:Note'),
    id: needText(li, 'cbc:ID'),
    quantity: { value: quantity.text().value, unitCode: needAttr(quantity, 'unitCode') },
    lineExtensionAmount: text(li, 'cbc:LineExtensionAmount'),
    partialDeliveryAllowed: partial === undefined ? undefined : partial === 'true',
    accountingCost: text(li, 'cbc:AccountingCost'),
    requestedDeliveryPeriod: period(li.at('cac:Delivery', 'cac:RequestedDeliveryPeriod')),
    originator: originator && { identifier: id(originator, 'cac:PartyIdentification', 'cbc:ID'), name: text(originator, 'cac:PartyName', 'cbc:Name') },
    allowanceCharges: nonEmpty(li.all('cac:AllowanceCharge').map((ac) => allowanceCharge(ac))),
    price: price && {
      amount: needText(price, 'cbc:PriceAmount'),
      baseQuantity: measure(price.at('cbc:BaseQuantity')),
      discount: discount && { amount: needText(discount, 'cbc:Amount'), baseAmount: text(discount, 'cbc:BaseAmount') },
    },
    item: {
      description: text(item, 'cbc:Description'),
      name: needText(item, 'cbc:Name'),
      buyersItemId: text(item, 'cac:BuyersItemIdentification', 'cbc:ID'),
      sellersItemId: text(item, 'cac:SellersItemIdentification', 'cbc:ID'),
      standardItemId: id(item, 'cac:StandardItemIdentification', 'cbc:ID'),
      specificationDocumentIds: nonEmpty(item.all('cac:ItemSpecificationDocumentReference').map((d) => needText(d, 'cbc:ID'))),
      classifications: nonEmpty(
        item.all('cac:CommodityClassification').flatMap((c) => {
          const code = c.at('cbc:ItemClassificationCode');
          return code ? [{ code: code.text().value, listId: needAttr(code, 'listID'), listVersionId: code.attr('listVersionID')?.value }] : [];
        }),
      ),
      taxCategory: taxCategory(item.at('cac:ClassifiedTaxCategory')),
      properties: nonEmpty(
        item.all('cac:AdditionalItemProperty').map((p) => ({
          name: needText(p, 'cbc:Name'),
          value: needText(p, 'cbc:Value'),
          valueQuantity: measure(p.at('cbc:ValueQuantity')),
          qualifier: text(p, 'cbc:ValueQualifier'),
        })),
      ),
      instance: instance && { serialId: text(instance, 'cbc:SerialID'), lotNumberId: text(instance, 'cac:LotIdentification', 'cbc:LotNumberID') },
    },
  };
}

function allowanceCharge(ac: UblNode): UblAllowanceChargeOut {
  return {
    chargeIndicator: needText(ac, 'cbc:ChargeIndicator') === 'true',
    reasonCode: text(ac, 'cbc:AllowanceChargeReasonCode'),
    reason: text(ac, 'cbc:AllowanceChargeReason'),
    multiplierPercent: text(ac, 'cbc:MultiplierFactorNumeric'),
    amount: needText(ac, 'cbc:Amount'),
    baseAmount: text(ac, 'cbc:BaseAmount'),
    taxCategory: taxCategory(ac.at('cac:TaxCategory')),
  };
}

function party(p: UblNode): UblOrderParty {
  const legal = p.at('cac:PartyLegalEntity');
  return {
    endpointId: id(p, 'cbc:EndpointID'),
    identifiers: nonEmpty(p.all('cac:PartyIdentification').flatMap((i) => (i.at('cbc:ID') ? [id(i, 'cbc:ID')!] : []))),
    name: text(p, 'cac:PartyName', 'cbc:Name'),
    postalAddress: address(p.at('cac:PostalAddress')),
    vatNumber: text(p, 'cac:PartyTaxScheme', 'cbc:CompanyID'),
    legalEntity: legal && {
      registrationName: needText(legal, 'cbc:RegistrationName'),
      companyId: id(legal, 'cbc:CompanyID'),
      city: text(legal, 'cac:RegistrationAddress', 'cbc:CityName'),
      countryCode: text(legal, 'cac:RegistrationAddress', 'cac:Country', 'cbc:IdentificationCode'),
    },
    contact: contact(p.at('cac:Contact')),
  };
}

function deliveryParty(p: UblNode | undefined) {
  return p && { identifier: id(p, 'cac:PartyIdentification', 'cbc:ID'), name: text(p, 'cac:PartyName', 'cbc:Name'), contact: contact(p.at('cac:Contact')) };
}

function address(a: UblNode | undefined): UblOrderAddress | undefined {
  return (
    a && {
      streetName: text(a, 'cbc:StreetName'),
      additionalStreetName: text(a, 'cbc:AdditionalStreetName'),
      cityName: text(a, 'cbc:CityName'),
      postalZone: text(a, 'cbc:PostalZone'),
      countrySubentity: text(a, 'cbc:CountrySubentity'),
      addressLine: text(a, 'cac:AddressLine', 'cbc:Line'),
      countryCode: needText(a, 'cac:Country', 'cbc:IdentificationCode'),
    }
  );
}

const contact = (c: UblNode | undefined): UblOrderContact | undefined => c && { name: text(c, 'cbc:Name'), telephone: text(c, 'cbc:Telephone'), email: text(c, 'cbc:ElectronicMail') };
const period = (p: UblNode | undefined): UblPeriodOut | undefined => p && { startDate: text(p, 'cbc:StartDate'), endDate: text(p, 'cbc:EndDate') };
const taxCategory = (t: UblNode | undefined) => t && { id: needText(t, 'cbc:ID'), percent: text(t, 'cbc:Percent') };

function measure(q: UblNode | undefined): { value: string; unitCode: string } | undefined {
  return q && { value: q.text().value, unitCode: needAttr(q, 'unitCode') };
}

function text(node: UblNode | undefined, ...names: string[]): string | undefined {
  return node?.at(...names)?.text().value;
}

function id(node: UblNode, ...names: string[]): UblId | undefined {
  const found = node.at(...names);
  return found && { value: found.text().value, schemeId: found.attr('schemeID')?.value };
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

/** The element along the names; a UblError naming its path when it is missing. */
function need(node: UblNode, ...names: string[]): UblNode {
  const found = node.at(...names);
  if (!found) throw new UblError(`The Order has no ${node.path}/${names.join('/')}, which every order needs`, node.line);
  return found;
}

function needText(node: UblNode, ...names: string[]): string {
  const value = need(node, ...names).text();
  if (!value.value) throw new UblError(`${value.path} is empty`, value.line);
  return value.value;
}

const needId = (node: UblNode, ...names: string[]): UblId => ({ value: needText(node, ...names), schemeId: need(node, ...names).attr('schemeID')?.value });

function needAttr(node: UblNode, name: string): string {
  const value = node.attr(name)?.value;
  if (!value) throw new UblError(`${node.path} has no ${name}`, node.line);
  return value;
}
