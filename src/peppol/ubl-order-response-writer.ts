import { UblSpecification } from './ubl-document-types';
import { UblOrderResponseLineOut, UblOrderResponseOut } from './ubl-order-response';
import { itemReference, party, period } from './ubl-parts-writer';
import { UBL_SEQUENCES } from './ubl-sequences';
import { decimalText, leaf, node, writeXml, XmlOut, XmlWriteError } from './xml-writer';

export const ORDER_RESPONSE_NAMESPACES = {
  '': 'urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

const PEPPOL_ORDER_RESPONSE = 'urn:fdc:peppol.eu:poacc:trns:order_response:3';
export const ORDER_RESPONSE_PROFILES: Record<UblSpecification, { customizationId: string; profileId: string }> = {
  peppol: { customizationId: PEPPOL_ORDER_RESPONSE, profileId: 'urn:fdc:peppol.eu:poacc:bis:ordering:3' },
  ehf: { customizationId: `${PEPPOL_ORDER_RESPONSE}:extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0`, profileId: 'urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:02:1.0' },
};

/**
 * Writes a UBL 2.1 Order Response (PEPPOL BIS Ordering 3 / EHF Order Response 3.0) in the
 * schema's element order. Throws XmlWriteError for what no valid response holds: lines on an
 * AP, RE or AB answer or none on CA (PEPPOL-T76-R007..R010), a float, a character XML cannot carry.
 */
export function writeOrderResponse(response: UblOrderResponseOut): string {
  const profile = ORDER_RESPONSE_PROFILES[response.profile];
  if (!profile) throw new XmlWriteError(`Unknown order response profile "${response.profile}"`);
  const lines = response.lines ?? [];
  if (response.responseCode === 'CA' && !lines.length) throw new XmlWriteError('An order response with code CA (conditionally accepted) carries the changed lines');
  if (response.responseCode !== 'CA' && lines.length) throw new XmlWriteError(`An order response with code ${response.responseCode} carries no lines (only CA does)`);
  const root = node(
    'OrderResponse',
    leaf('cbc:CustomizationID', profile.customizationId),
    leaf('cbc:ProfileID', profile.profileId),
    leaf('cbc:ID', response.id),
    leaf('cbc:SalesOrderID', response.salesOrderId),
    leaf('cbc:IssueDate', response.issueDate),
    leaf('cbc:IssueTime', response.issueTime),
    leaf('cbc:OrderResponseCode', response.responseCode),
    leaf('cbc:Note', response.note),
    leaf('cbc:DocumentCurrencyCode', response.currency),
    leaf('cbc:CustomerReference', response.customerReference),
    node('cac:OrderReference', leaf('cbc:ID', response.orderReference)),
    node('cac:SellerSupplierParty', party('cac:Party', response.seller)),
    node('cac:BuyerCustomerParty', party('cac:Party', response.buyer)),
    node('cac:Delivery', period('cac:PromisedDeliveryPeriod', response.promisedDeliveryPeriod)),
    lines.map((l) => responseLine(l, response.currency)),
  )!;
  return writeXml(root, { namespaces: ORDER_RESPONSE_NAMESPACES, sequences: UBL_SEQUENCES });
}

function responseLine(line: UblOrderResponseLineOut, currency: string | undefined): XmlOut | undefined {
  const { price, quantity } = line;
  return node(
    'cac:OrderLine',
    node(
      'cac:LineItem',
      leaf('cbc:ID', line.id),
      leaf('cbc:Note', line.note),
      leaf('cbc:LineStatusCode', line.statusCode),
      quantity && leaf('cbc:Quantity', decimalText(quantity.value, `Line ${line.id} quantity`), { unitCode: quantity.unitCode }),
      node('cac:Delivery', period('cac:PromisedDeliveryPeriod', line.promisedDeliveryPeriod)),
      price &&
        node(
          'cac:Price',
          leaf('cbc:PriceAmount', decimalText(price.amount, `Line ${line.id} price`), { currencyID: currency }),
          price.baseQuantity && leaf('cbc:BaseQuantity', decimalText(price.baseQuantity.value, `Line ${line.id} base quantity`), { unitCode: price.baseQuantity.unitCode }),
        ),
      itemReference(line.item),
    ),
    line.substitute && node('cac:SellerSubstitutedLineItem', leaf('cbc:ID', line.substitute.id), itemReference(line.substitute.item)),
    node('cac:OrderLineReference', leaf('cbc:LineID', line.orderLineId)),
  );
}
