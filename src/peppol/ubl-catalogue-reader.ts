import { Readable } from 'node:stream';
import { UblCatalogueEvent, UblCatalogueHeader, UblCatalogueLine } from './ubl-catalogue';
import { readUblRecords, UBL_LIMITS, UblDocumentShape, UblLimits } from './ubl-xml-reader';
import { amount, code, identifier, party, period, quantity, textAt, UblNode, XmlElement } from './xml-element';

/**
 * Streaming reader for UBL 2.1 Catalogue documents (PEPPOL BIS Catalogue 3, EHF Catalogue 3.0),
 * giving typed values with their locations. Pure: no Nest, no database. The XML layer below
 * (ubl-xml-reader) refuses DOCTYPEs and bounds depth, line and header size; lines come one at a
 * time, so memory does not grow with the document.
 */

export const CATALOGUE_SHAPE: UblDocumentShape = {
  root: 'Catalogue',
  namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2',
  record: 'CatalogueLine',
};

/**
 * Reads the header and yields it once the first line starts (or at the end), then every line.
 * A catalogue declared ISO-8859-1 (or another single-byte encoding) whose text is UTF-8 is read
 * as UTF-8, and an `encoding` event says so before the text it concerns.
 */
export async function* readUblCatalogue(input: Readable, limits: UblLimits = UBL_LIMITS): AsyncGenerator<UblCatalogueEvent> {
  for await (const event of readUblRecords(input, CATALOGUE_SHAPE, limits, { misdeclaredUtf8: 'readAsUtf8' })) {
    if (event.type === 'header') yield { type: 'header', header: catalogueHeader(event.elements) };
    else if (event.type === 'encoding') yield event;
    else yield { type: 'line', line: catalogueLine(event.ordinal, event.element) };
  }
}

export function catalogueHeader(elements: XmlElement[]): UblCatalogueHeader {
  // The header's elements under a stand-in root, so paths read /Catalogue/cbc:ID.
  const root = new UblNode({ name: 'Catalogue', attrs: {}, text: '', children: elements, line: elements[0]?.line ?? 1 }, '/Catalogue');
  return {
    customizationId: textAt(root, 'cbc:CustomizationID'),
    profileId: textAt(root, 'cbc:ProfileID'),
    id: textAt(root, 'cbc:ID'),
    actionCode: textAt(root, 'cbc:ActionCode'),
    name: textAt(root, 'cbc:Name'),
    issueDate: textAt(root, 'cbc:IssueDate'),
    versionId: textAt(root, 'cbc:VersionID'),
    validityPeriod: period(root.at('cac:ValidityPeriod')),
    contractId: identifier(root.at('cac:ReferencedContract', 'cbc:ID')),
    sourceCatalogueId: textAt(root, 'cac:SourceCatalogueReference', 'cbc:ID'),
    providerParty: party(root.at('cac:ProviderParty')),
    receiverParty: party(root.at('cac:ReceiverParty')),
    sellerSupplierParty: party(root.at('cac:SellerSupplierParty', 'cac:Party')),
  };
}

export function catalogueLine(ordinal: number, element: XmlElement): UblCatalogueLine {
  const node = new UblNode(element, `/Catalogue/CatalogueLine[${ordinal}]`);
  const item = node.at('cac:Item');
  const price = node.at('cac:RequiredItemLocationQuantity', 'cac:Price');
  const tax = item?.at('cac:ClassifiedTaxCategory');
  return {
    ordinal,
    path: node.path,
    line: node.line,
    id: textAt(node, 'cbc:ID'),
    actionCode: textAt(node, 'cbc:ActionCode'),
    orderableIndicator: textAt(node, 'cbc:OrderableIndicator'),
    orderableUnit: textAt(node, 'cbc:OrderableUnit'),
    validityPeriod: period(node.at('cac:LineValidityPeriod')),
    priceAmount: amount(price?.at('cbc:PriceAmount')),
    baseQuantity: quantity(price?.at('cbc:BaseQuantity')),
    item: {
      name: textAt(item, 'cbc:Name'),
      description: textAt(item, 'cbc:Description'),
      keywords: item?.all('cbc:Keyword').map((k) => k.text()) ?? [],
      sellersItemId: identifier(item?.at('cac:SellersItemIdentification', 'cbc:ID')),
      manufacturersItemId: identifier(item?.at('cac:ManufacturersItemIdentification', 'cbc:ID')),
      standardItemIds: (item?.all('cac:StandardItemIdentification') ?? []).flatMap((s) =>
        s
          .all('cbc:ID')
          .slice(0, 1)
          .map((id) => identifier(id)!),
      ),
      commodityClassifications: (item?.all('cac:CommodityClassification') ?? []).flatMap((c) =>
        c
          .all('cbc:ItemClassificationCode')
          .slice(0, 1)
          .map((cc) => code(cc)!),
      ),
      taxCategory: tax && { path: tax.path, line: tax.line, id: textAt(tax, 'cbc:ID'), percent: textAt(tax, 'cbc:Percent') },
      additionalProperties: (item?.all('cac:AdditionalItemProperty') ?? []).map((p) => ({ name: textAt(p, 'cbc:Name'), value: textAt(p, 'cbc:Value') })),
      manufacturerName: textAt(item, 'cac:ManufacturerParty', 'cac:PartyName', 'cbc:Name'),
      certificates: (item?.all('cac:Certificate') ?? []).map((c) => ({ id: textAt(c, 'cbc:ID'), typeCode: textAt(c, 'cbc:CertificateTypeCode'), type: textAt(c, 'cbc:CertificateType') })),
    },
  };
}
