import { catalogueLinePath, CatalogueLineField, UblCatalogueHeader, UblCatalogueLine, UblLocated } from '../../peppol';
import { CatalogueHeader, CatalogueHeaderAction, RawCatalogueLine } from '../catalogue-line';

const GTIN_SCHEMES = ['0160', '0088'];
const UNSPSC_LISTS = ['MP', 'TST'];

/** Maps one typed UBL CatalogueLine to the format-neutral line. */
export function ublLineToRaw(line: UblCatalogueLine): RawCatalogueLine {
  const { item } = line;
  const at = (value: UblLocated | undefined, field: CatalogueLineField) => value?.path ?? catalogueLinePath(line, field);
  const unspsc = item.commodityClassifications.find((c) => c.listId !== undefined && UNSPSC_LISTS.includes(c.listId)) ?? item.commodityClassifications[0];
  const gtin = item.standardItemIds.find((id) => !id.schemeId || GTIN_SCHEMES.includes(id.schemeId));
  const attributes: Record<string, string> = {};
  for (const prop of item.additionalProperties) {
    if (prop.name?.value && prop.value?.value) attributes[prop.name.value.toLowerCase().replace(/[^a-z0-9æøå]/g, '')] = prop.value.value;
  }
  for (const cert of item.certificates) {
    const type = (cert.type?.value ?? '').toLowerCase();
    if (cert.id?.value) attributes[type.includes('environment') ? 'ecolabel' : 'certificate'] = cert.id.value;
  }
  const keywords = item.keywords.map((k) => k.value).filter(Boolean);
  const description = [item.description?.value, keywords.length ? keywords.join(', ') : undefined].filter(Boolean).join(' — ');
  return {
    lineNo: line.ordinal,
    location: line.path,
    action: line.actionCode?.value || 'Add',
    sellerItemId: item.sellersItemId?.value,
    name: item.name?.value,
    description: description || undefined,
    unspsc: unspsc?.value,
    unspscListId: unspsc ? (unspsc.listId ?? '') : undefined,
    price: line.priceAmount?.value,
    baseQuantity: line.baseQuantity?.value,
    currency: line.priceAmount?.currency?.value,
    vatRate: item.taxCategory?.percent?.value,
    // Without an orderable unit, the price's base quantity says what one unit is (published examples rely on it).
    unitCode: line.orderableUnit?.value || line.baseQuantity?.unitCode,
    orderable: line.orderableIndicator?.value,
    gtin: gtin?.value,
    manufacturer: item.manufacturerName?.value,
    validFrom: line.validityPeriod?.startDate?.value,
    validTo: line.validityPeriod?.endDate?.value,
    attributes,
    // Where each field is written (or, when missing, where it belongs), for the report.
    paths: {
      action: at(line.actionCode, 'actionCode'),
      sellerItemId: at(item.sellersItemId, 'sellersItemId'),
      name: at(item.name, 'itemName'),
      unspsc: at(unspsc, 'commodityClassification'),
      price: at(line.priceAmount, 'priceAmount'),
      baseQuantity: at(line.baseQuantity, 'baseQuantity'),
      currency: at(line.priceAmount?.currency, 'currency'),
      vatRate: at(item.taxCategory?.percent, 'taxPercent'),
      unitCode: line.orderableUnit?.value || !line.baseQuantity?.unitCode ? at(line.orderableUnit, 'orderableUnit') : `${line.baseQuantity.path}/@unitCode`,
      orderable: at(line.orderableIndicator, 'orderableIndicator'),
      gtin: at(gtin, 'standardItemId'),
      validFrom: at(line.validityPeriod?.startDate, 'validFrom'),
      validTo: at(line.validityPeriod?.endDate, 'validTo'),
    },
  };
}

const HEADER_ACTIONS = new Map<string, CatalogueHeaderAction>([
  ['add', 'Add'],
  ['replace', 'Replace'],
  ['update', 'Update'],
  ['delete', 'Delete'],
]);

/** The header action (Add when absent), or null when the document names an unknown one. */
export function ublHeader(h: UblCatalogueHeader): CatalogueHeader | null {
  const action = h.actionCode?.value ? HEADER_ACTIONS.get(h.actionCode.value.toLowerCase()) : 'Add';
  if (!action) return null;
  const provider = h.providerParty?.endpointId;
  return {
    action,
    documentId: h.id?.value,
    name: h.name?.value,
    contractId: h.contractId?.value,
    providerEndpoint: provider?.value,
    providerEndpointScheme: provider?.schemeId,
    validFrom: h.validityPeriod?.startDate?.value,
    validTo: h.validityPeriod?.endDate?.value,
  };
}
