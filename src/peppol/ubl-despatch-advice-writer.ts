import { UblDespatchAdviceOut, UblDespatchLineOut } from './ubl-despatch-advice';
import { UblSpecification } from './ubl-document-types';
import { itemReference, party, period } from './ubl-parts-writer';
import { UBL_SEQUENCES } from './ubl-sequences';
import { decimalText, leaf, node, writeXml, XmlOut, XmlWriteError } from './xml-writer';

export const DESPATCH_ADVICE_NAMESPACES = {
  '': 'urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

const PEPPOL_DESPATCH_ADVICE = 'urn:fdc:peppol.eu:poacc:trns:despatch_advice:3';
export const DESPATCH_ADVICE_PROFILES: Record<UblSpecification, { customizationId: string; profileId: string }> = {
  peppol: { customizationId: PEPPOL_DESPATCH_ADVICE, profileId: 'urn:fdc:peppol.eu:poacc:bis:despatch_advice:3' },
  ehf: { customizationId: `${PEPPOL_DESPATCH_ADVICE}:extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0`, profileId: 'urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:05:1.0' },
};

/**
 * Writes a UBL 2.1 Despatch Advice (PEPPOL BIS Despatch Advice 3 / EHF Despatch Advice 3.0) in
 * the schema's element order. Throws XmlWriteError for a float, a negative delivered quantity
 * (PEPPOL-T16-R006), or a character XML cannot carry.
 */
export function writeDespatchAdvice(advice: UblDespatchAdviceOut): string {
  const profile = DESPATCH_ADVICE_PROFILES[advice.profile];
  if (!profile) throw new XmlWriteError(`Unknown despatch advice profile "${advice.profile}"`);
  const { shipment } = advice;
  const root = node(
    'DespatchAdvice',
    leaf('cbc:CustomizationID', profile.customizationId),
    leaf('cbc:ProfileID', profile.profileId),
    leaf('cbc:ID', advice.id),
    leaf('cbc:IssueDate', advice.issueDate),
    leaf('cbc:IssueTime', advice.issueTime),
    leaf('cbc:Note', advice.note),
    node('cac:OrderReference', leaf('cbc:ID', advice.orderReference)),
    node('cac:DespatchSupplierParty', party('cac:Party', advice.despatchSupplier)),
    node('cac:DeliveryCustomerParty', party('cac:Party', advice.deliveryCustomer)),
    node(
      'cac:Shipment',
      leaf('cbc:ID', shipment.id),
      node(
        'cac:Delivery',
        leaf('cbc:TrackingID', shipment.trackingId),
        period('cac:EstimatedDeliveryPeriod', shipment.estimatedDeliveryPeriod),
        node('cac:Despatch', leaf('cbc:ActualDespatchDate', shipment.actualDespatchDate)),
      ),
    ),
    advice.lines.map((l) => despatchLine(l, advice.orderReference)),
  )!;
  return writeXml(root, { namespaces: DESPATCH_ADVICE_NAMESPACES, sequences: UBL_SEQUENCES });
}

function despatchLine(line: UblDespatchLineOut, orderReference: string): XmlOut | undefined {
  const delivered = decimalText(line.deliveredQuantity.value, `Line ${line.id} delivered quantity`);
  if (delivered.startsWith('-')) throw new XmlWriteError(`Line ${line.id} delivered quantity ${delivered} is negative`);
  const outstanding = line.outstandingQuantity;
  return node(
    'cac:DespatchLine',
    leaf('cbc:ID', line.id),
    leaf('cbc:Note', line.note),
    leaf('cbc:DeliveredQuantity', delivered, { unitCode: line.deliveredQuantity.unitCode }),
    outstanding && leaf('cbc:OutstandingQuantity', decimalText(outstanding.value, `Line ${line.id} outstanding quantity`), { unitCode: outstanding.unitCode }),
    leaf('cbc:OutstandingReason', line.outstandingReason),
    // EHF requires each line to name its order too (EHF-T16-B15402), as the published examples do.
    node('cac:OrderLineReference', leaf('cbc:LineID', line.orderLineId), node('cac:OrderReference', leaf('cbc:ID', orderReference))),
    itemReference(line.item),
  );
}
