import { UblId } from './ubl-order';
import { UblCode, UblIdentifier, UblLocated, UblText } from './ubl-values';
import { DecimalValue } from './xml-writer';
import { code, identifier, textAt, UblNode } from './xml-element';

/** A cac:Item as post-award documents name it: enough to match it against the order line. */
export interface UblItemReference extends UblLocated {
  name?: UblText;
  description?: UblText;
  buyersItemId?: UblIdentifier;
  sellersItemId?: UblIdentifier;
  /** cac:StandardItemIdentification/cbc:ID: a GTIN when the scheme is 0160 (0088 in older files). */
  standardItemId?: UblIdentifier;
  commodityClassifications: UblCode[];
  /** cac:ClassifiedTaxCategory: UNCL 5305 category and rate. */
  taxCategory?: { id?: UblText; percent?: UblText };
}

/** An item to write in a response or despatch line. */
export interface UblItemReferenceOut {
  name: string;
  buyersItemId?: string;
  sellersItemId?: string;
  standardItemId?: UblId;
  classifications?: { code: string; listId: string; listVersionId?: string }[];
  taxCategory?: { id: string; percent?: DecimalValue };
}

export function itemReference(item: UblNode | undefined): UblItemReference | undefined {
  if (!item) return undefined;
  const tax = item.at('cac:ClassifiedTaxCategory');
  return {
    path: item.path,
    line: item.line,
    name: textAt(item, 'cbc:Name'),
    description: textAt(item, 'cbc:Description'),
    buyersItemId: identifier(item.at('cac:BuyersItemIdentification', 'cbc:ID')),
    sellersItemId: identifier(item.at('cac:SellersItemIdentification', 'cbc:ID')),
    standardItemId: identifier(item.at('cac:StandardItemIdentification', 'cbc:ID')),
    commodityClassifications: item.all('cac:CommodityClassification').flatMap((c) => (c.at('cbc:ItemClassificationCode') ? [code(c.at('cbc:ItemClassificationCode'))!] : [])),
    taxCategory: tax && { id: textAt(tax, 'cbc:ID'), percent: textAt(tax, 'cbc:Percent') },
  };
}
