import { readUblDocument, UBL_DOCUMENT_LIMITS, UblDocumentLimits, UblInput } from './ubl-document-input';
import { documentSpecification } from './ubl-document-identity';
import { ublDocumentKind } from './ubl-document-types';
import { UblDespatchAdvice, UblDespatchLine, UblShipment } from './ubl-despatch-advice';
import { itemReference } from './ubl-item';
import { address, identifier, party, period, quantity, textAt, UblNode } from './xml-element';

const KIND = ublDocumentKind('DespatchAdvice');

/**
 * Reads a PEPPOL BIS Despatch Advice 3 / EHF Despatch Advice 3.0 into typed values with their
 * locations. Throws UblError for a document refused as XML (DOCTYPE, size, depth, encoding) or
 * that is no Despatch Advice of a specification Torg reads.
 */
export async function readUblDespatchAdvice(input: UblInput, limits: UblDocumentLimits = UBL_DOCUMENT_LIMITS): Promise<UblDespatchAdvice> {
  const { header, records } = await readUblDocument(input, KIND, limits);
  const customer = header.at('cac:DeliveryCustomerParty');
  const contact = customer?.at('cac:DeliveryContact');
  return {
    ...documentSpecification(KIND, header),
    profileId: textAt(header, 'cbc:ProfileID'),
    id: textAt(header, 'cbc:ID'),
    issueDate: textAt(header, 'cbc:IssueDate'),
    issueTime: textAt(header, 'cbc:IssueTime'),
    note: textAt(header, 'cbc:Note'),
    orderReference: textAt(header, 'cac:OrderReference', 'cbc:ID'),
    despatchSupplier: party(header.at('cac:DespatchSupplierParty', 'cac:Party')),
    deliveryCustomer: party(customer?.at('cac:Party')),
    deliveryContact: contact && { name: textAt(contact, 'cbc:Name'), telephone: textAt(contact, 'cbc:Telephone'), email: textAt(contact, 'cbc:ElectronicMail') },
    buyer: party(header.at('cac:BuyerCustomerParty', 'cac:Party')),
    seller: party(header.at('cac:SellerSupplierParty', 'cac:Party')),
    shipment: shipment(header.at('cac:Shipment')),
    lines: records.map((r, i) => despatchLine(r, i + 1)),
  };
}

function shipment(node: UblNode | undefined): UblShipment | undefined {
  if (!node) return undefined;
  const delivery = node.at('cac:Delivery');
  return {
    path: node.path,
    line: node.line,
    id: textAt(node, 'cbc:ID'),
    information: textAt(node, 'cbc:Information'),
    grossWeight: quantity(node.at('cbc:GrossWeightMeasure')),
    carrierName: textAt(node, 'cac:Consignment', 'cac:CarrierParty', 'cac:PartyName', 'cbc:Name'),
    trackingId: textAt(delivery, 'cbc:TrackingID'),
    estimatedDeliveryPeriod: period(delivery?.at('cac:EstimatedDeliveryPeriod')),
    actualDespatchDate: textAt(delivery, 'cac:Despatch', 'cbc:ActualDespatchDate'),
    actualDespatchTime: textAt(delivery, 'cac:Despatch', 'cbc:ActualDespatchTime'),
    despatchAddress: address(delivery?.at('cac:Despatch', 'cac:DespatchAddress')),
  };
}

function despatchLine(line: UblNode, ordinal: number): UblDespatchLine {
  const instance = line.at('cac:Item', 'cac:ItemInstance');
  return {
    ordinal,
    path: line.path,
    line: line.line,
    id: textAt(line, 'cbc:ID'),
    note: textAt(line, 'cbc:Note'),
    deliveredQuantity: quantity(line.at('cbc:DeliveredQuantity')),
    outstandingQuantity: quantity(line.at('cbc:OutstandingQuantity')),
    outstandingReason: textAt(line, 'cbc:OutstandingReason'),
    orderLineId: textAt(line, 'cac:OrderLineReference', 'cbc:LineID'),
    lineOrderReference: textAt(line, 'cac:OrderLineReference', 'cac:OrderReference', 'cbc:ID'),
    item: itemReference(line.at('cac:Item')),
    serialId: textAt(instance, 'cbc:SerialID'),
    lotNumberId: textAt(instance, 'cac:LotIdentification', 'cbc:LotNumberID'),
    bestBeforeDate: textAt(instance, 'cbc:BestBeforeDate'),
    handlingUnitId: identifier(line.at('cac:Shipment', 'cac:TransportHandlingUnit', 'cbc:ID')),
  };
}
