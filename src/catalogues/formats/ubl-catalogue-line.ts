import { child, childrenNamed, childText, UblCatalogueHeader, XmlNode } from '../../peppol/ubl-catalogue-reader';
import { CatalogueHeader, CatalogueHeaderAction, RawCatalogueLine } from '../catalogue-line';

const GTIN_SCHEMES = ['0160', '0088'];
const UNSPSC_LISTS = ['MP', 'TST'];

/** Where each field sits in a UBL CatalogueLine, for the validation report. */
const PATHS: Record<string, string> = {
  action: 'cbc:ActionCode',
  sellerItemId: 'cac:Item/cac:SellersItemIdentification/cbc:ID',
  name: 'cac:Item/cbc:Name',
  unspsc: 'cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
  price: 'cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount',
  baseQuantity: 'cac:RequiredItemLocationQuantity/cac:Price/cbc:BaseQuantity',
  currency: 'cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount/@currencyID',
  vatRate: 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent',
  unitCode: 'cbc:OrderableUnit',
  gtin: 'cac:Item/cac:StandardItemIdentification/cbc:ID',
  validFrom: 'cac:LineValidityPeriod/cbc:StartDate',
  validTo: 'cac:LineValidityPeriod/cbc:EndDate',
};

/** Maps one UBL CatalogueLine element to the format-neutral line. */
export function ublLineToRaw(ordinal: number, node: XmlNode): RawCatalogueLine {
  const item = child(node, 'Item');
  const price = child(node, 'RequiredItemLocationQuantity', 'Price');
  const classifications = childrenNamed(item, 'CommodityClassification').map((c) => child(c, 'ItemClassificationCode')).filter((c): c is XmlNode => !!c);
  const unspsc = classifications.find((c) => UNSPSC_LISTS.includes(c.attrs.listID)) ?? classifications[0];
  const gtinNode = childrenNamed(item, 'StandardItemIdentification')
    .map((s) => child(s, 'ID'))
    .find((id) => id && (!id.attrs.schemeID || GTIN_SCHEMES.includes(id.attrs.schemeID)));
  const attributes: Record<string, string> = {};
  for (const prop of childrenNamed(item, 'AdditionalItemProperty')) {
    const name = childText(prop, 'Name');
    const value = childText(prop, 'Value');
    if (name && value) attributes[name.toLowerCase().replace(/[^a-z0-9æøå]/g, '')] = value;
  }
  for (const cert of childrenNamed(item, 'Certificate')) {
    const type = (childText(cert, 'CertificateType') ?? '').toLowerCase();
    const id = childText(cert, 'ID');
    if (id) attributes[type.includes('environment') ? 'ecolabel' : 'certificate'] = id;
  }
  const keywords = childrenNamed(item, 'Keyword').map((k) => k.text.trim()).filter(Boolean);
  const description = [childText(item, 'Description'), keywords.length ? keywords.join(', ') : undefined].filter(Boolean).join(' — ');
  const location = `/Catalogue/CatalogueLine[${ordinal}]`;
  return {
    lineNo: ordinal,
    location,
    action: childText(node, 'ActionCode') || 'Add',
    sellerItemId: childText(item, 'SellersItemIdentification', 'ID'),
    name: childText(item, 'Name'),
    description: description || undefined,
    unspsc: unspsc?.text.trim(),
    unspscListId: unspsc ? (unspsc.attrs.listID ?? '') : undefined,
    price: childText(price, 'PriceAmount'),
    baseQuantity: childText(price, 'BaseQuantity'),
    currency: child(price, 'PriceAmount')?.attrs.currencyID,
    vatRate: childText(item, 'ClassifiedTaxCategory', 'Percent'),
    unitCode: childText(node, 'OrderableUnit'),
    gtin: gtinNode?.text.trim(),
    manufacturer: childText(item, 'ManufacturerParty', 'PartyName', 'Name'),
    validFrom: childText(node, 'LineValidityPeriod', 'StartDate'),
    validTo: childText(node, 'LineValidityPeriod', 'EndDate'),
    attributes,
    paths: Object.fromEntries(Object.entries(PATHS).map(([k, v]) => [k, `${location}/${v}`])),
  };
}

const HEADER_ACTIONS: Record<string, CatalogueHeaderAction> = { add: 'Add', replace: 'Replace', update: 'Update', delete: 'Delete' };

/** The header action (Add when absent), or null when the document names an unknown one. */
export function ublHeader(h: UblCatalogueHeader): CatalogueHeader | null {
  const action = h.actionCode ? HEADER_ACTIONS[h.actionCode.toLowerCase()] : 'Add';
  if (!action) return null;
  return { action, documentId: h.id, name: h.name, contractId: h.contractId, providerEndpoint: h.providerEndpoint, providerEndpointScheme: h.providerEndpointScheme, validFrom: h.validFrom, validTo: h.validTo };
}
