import { UblDocumentLimits, UBL_DOCUMENT_LIMITS, readUblDocument, UblInput } from './ubl-document-input';
import { documentSpecification } from './ubl-document-identity';
import { ublDocumentKind } from './ubl-document-types';
import { itemReference } from './ubl-item';
import { UblOrderResponse, UblOrderResponseLine } from './ubl-order-response';
import { amount, code, party, period, quantity, textAt, UblNode } from './xml-element';

const KIND = ublDocumentKind('OrderResponse');

/**
 * Reads a PEPPOL BIS Ordering 3 / EHF Order Response 3.0 into typed values with their
 * locations. Throws UblError for a document refused as XML (DOCTYPE, size, depth, encoding) or
 * that is no Order Response of a specification Torg reads.
 */
export async function readUblOrderResponse(input: UblInput, limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS): Promise<UblOrderResponse> {
  const { header, records } = await readUblDocument(input, KIND, limits);
  return {
    ...documentSpecification(KIND, header),
    profileId: textAt(header, 'cbc:ProfileID'),
    id: textAt(header, 'cbc:ID'),
    salesOrderId: textAt(header, 'cbc:SalesOrderID'),
    issueDate: textAt(header, 'cbc:IssueDate'),
    issueTime: textAt(header, 'cbc:IssueTime'),
    responseCode: code(header.at('cbc:OrderResponseCode')),
    note: textAt(header, 'cbc:Note'),
    currency: textAt(header, 'cbc:DocumentCurrencyCode'),
    customerReference: textAt(header, 'cbc:CustomerReference'),
    orderReference: textAt(header, 'cac:OrderReference', 'cbc:ID'),
    seller: party(header.at('cac:SellerSupplierParty', 'cac:Party')),
    buyer: party(header.at('cac:BuyerCustomerParty', 'cac:Party')),
    promisedDeliveryPeriod: period(header.at('cac:Delivery', 'cac:PromisedDeliveryPeriod')),
    lines: records.map((r, i) => orderResponseLine(r, i + 1)),
  };
}

function orderResponseLine(line: UblNode, ordinal: number): UblOrderResponseLine {
  const item = line.at('cac:LineItem');
  const price = item?.at('cac:Price');
  const substitute = line.at('cac:SellerSubstitutedLineItem');
  return {
    ordinal,
    path: line.path,
    line: line.line,
    id: textAt(item, 'cbc:ID'),
    note: textAt(item, 'cbc:Note'),
    statusCode: code(item?.at('cbc:LineStatusCode')),
    orderLineId: textAt(line, 'cac:OrderLineReference', 'cbc:LineID'),
    quantity: quantity(item?.at('cbc:Quantity')),
    priceAmount: amount(price?.at('cbc:PriceAmount')),
    baseQuantity: quantity(price?.at('cbc:BaseQuantity')),
    promisedDeliveryPeriod: period(item?.at('cac:Delivery', 'cac:PromisedDeliveryPeriod')),
    item: itemReference(item?.at('cac:Item')),
    substitutedItem: substitute && { path: substitute.path, line: substitute.line, id: textAt(substitute, 'cbc:ID'), item: itemReference(substitute.at('cac:Item')) },
  };
}
