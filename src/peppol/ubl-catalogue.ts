import type { MisdeclaredUtf8 } from './ubl-xml-reader';
import { UblAmount, UblCode, UblIdentifier, UblLocated, UblParty, UblPeriod, UblQuantity, UblText } from './ubl-values';

/** A UBL 2.1 Catalogue (PEPPOL BIS Catalogue 3, EHF Catalogue 3.0): everything before the lines. */
export interface UblCatalogueHeader {
  customizationId?: UblText;
  profileId?: UblText;
  id?: UblText;
  /** Add, Replace, Update or Delete as written (the document decides the case). */
  actionCode?: UblText;
  name?: UblText;
  issueDate?: UblText;
  versionId?: UblText;
  validityPeriod?: UblPeriod;
  /** cac:ReferencedContract/cbc:ID: the framework agreement the catalogue belongs to. */
  contractId?: UblIdentifier;
  sourceCatalogueId?: UblText;
  providerParty?: UblParty;
  receiverParty?: UblParty;
  sellerSupplierParty?: UblParty;
}

export interface UblItemProperty {
  name?: UblText;
  value?: UblText;
}

export interface UblCertificate {
  id?: UblText;
  typeCode?: UblText;
  /** Free text; "Environmental" marks an eco-label. */
  type?: UblText;
}

export interface UblTaxCategory extends UblLocated {
  /** UNCL 5305: S standard, Z zero, E exempt… */
  id?: UblText;
  percent?: UblText;
}

export interface UblCatalogueItem {
  name?: UblText;
  description?: UblText;
  keywords: UblText[];
  sellersItemId?: UblIdentifier;
  manufacturersItemId?: UblIdentifier;
  /** cac:StandardItemIdentification/cbc:ID, GTIN when the scheme is 0160 (0088 in older files). */
  standardItemIds: UblIdentifier[];
  commodityClassifications: UblCode[];
  taxCategory?: UblTaxCategory;
  additionalProperties: UblItemProperty[];
  manufacturerName?: UblText;
  certificates: UblCertificate[];
}

/** One cac:CatalogueLine; `path` is /Catalogue/CatalogueLine[ordinal] and `line` its XML line. */
export interface UblCatalogueLine extends UblLocated {
  /** 1-based position among the document's lines. */
  ordinal: number;
  id?: UblText;
  actionCode?: UblText;
  /** cbc:OrderableIndicator: "false" marks a line that cannot be ordered by itself (a deposit, a service that comes with an item). */
  orderableIndicator?: UblText;
  orderableUnit?: UblText;
  validityPeriod?: UblPeriod;
  /** The first cac:RequiredItemLocationQuantity/cac:Price: the price is for `baseQuantity` units (1 when absent). */
  priceAmount?: UblAmount;
  baseQuantity?: UblQuantity;
  item: UblCatalogueItem;
}

export type UblCatalogueEvent =
  | { type: 'header'; header: UblCatalogueHeader }
  | { type: 'line'; line: UblCatalogueLine }
  /** The document declares a single-byte encoding but is UTF-8; it is read as UTF-8. */
  | { type: 'encoding'; misdeclared: MisdeclaredUtf8 };

/**
 * Where each field of a line is written, below the line's own path: a report about a value
 * that is missing points here (a value that is present carries its own path).
 */
export const CATALOGUE_LINE_PATHS = {
  actionCode: 'cbc:ActionCode',
  orderableIndicator: 'cbc:OrderableIndicator',
  orderableUnit: 'cbc:OrderableUnit',
  validFrom: 'cac:LineValidityPeriod/cbc:StartDate',
  validTo: 'cac:LineValidityPeriod/cbc:EndDate',
  priceAmount: 'cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount',
  currency: 'cac:RequiredItemLocationQuantity/cac:Price/cbc:PriceAmount/@currencyID',
  baseQuantity: 'cac:RequiredItemLocationQuantity/cac:Price/cbc:BaseQuantity',
  itemName: 'cac:Item/cbc:Name',
  sellersItemId: 'cac:Item/cac:SellersItemIdentification/cbc:ID',
  standardItemId: 'cac:Item/cac:StandardItemIdentification/cbc:ID',
  commodityClassification: 'cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
  taxPercent: 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent',
} as const;

export type CatalogueLineField = keyof typeof CATALOGUE_LINE_PATHS;

export const catalogueLinePath = (line: UblCatalogueLine, field: CatalogueLineField): string => `${line.path}/${CATALOGUE_LINE_PATHS[field]}`;
