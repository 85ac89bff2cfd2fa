import type { CopyValue } from '../platform/database/copy-rows';
import { textArrayLiteral } from '../platform/database/array-literal';
import { attributeFacets } from '../search/attribute-facets';
import type { CatalogueItemInput } from './catalogue-line';

/**
 * One stored field of a catalogue item (a column of `catalogue_item` besides `id` and
 * `version_id`). Every writer, reader and the review derive their SQL from this list, so a new
 * field is added here (and in a migration), not in fifteen places.
 */
export interface CatalogueItemField {
  column: string;
  /** Element type of the array it travels in to the upsert's unnest. */
  arrayOf: string;
  /** Cast applied to the unnested value (facets travel as array literals: unnest would flatten a two-dimensional array). */
  castTo?: string;
  /** The stored value of a validated line, as a COPY field or query parameter. */
  value: (item: CatalogueItemInput) => CopyValue;
  /** Its name in the API's CatalogueItem and the SQL that reads it there; absent when the API does not show it. */
  output?: { name: string; sql?: string };
  /** Named among an item's changed fields in the review. */
  compared?: boolean;
}

export const CATALOGUE_ITEM_FIELDS: readonly CatalogueItemField[] = [
  { column: 'line_no', arrayOf: 'int', value: (i) => i.lineNo, output: { name: 'lineNo' } },
  { column: 'seller_item_id', arrayOf: 'text', value: (i) => i.sellerItemId, output: { name: 'sellerItemId' } },
  { column: 'name', arrayOf: 'text', value: (i) => i.name, output: { name: 'name' }, compared: true },
  { column: 'description', arrayOf: 'text', value: (i) => i.description, output: { name: 'description' }, compared: true },
  { column: 'unspsc_code', arrayOf: 'char(8)', value: (i) => i.unspsc, output: { name: 'unspscCode' }, compared: true },
  { column: 'price', arrayOf: 'numeric', value: (i) => i.price, output: { name: 'price', sql: 'price::text' }, compared: true },
  { column: 'currency', arrayOf: 'char(3)', value: (i) => i.currency, output: { name: 'currency' } },
  { column: 'vat_rate', arrayOf: 'numeric', value: (i) => i.vatRate, output: { name: 'vatRate', sql: 'vat_rate::text' }, compared: true },
  { column: 'unit_code', arrayOf: 'text', value: (i) => i.unitCode, output: { name: 'unitCode' }, compared: true },
  { column: 'gtin', arrayOf: 'text', value: (i) => i.gtin, output: { name: 'gtin' }, compared: true },
  { column: 'manufacturer', arrayOf: 'text', value: (i) => i.manufacturer, output: { name: 'manufacturer' } },
  { column: 'attributes', arrayOf: 'jsonb', value: (i) => JSON.stringify(i.attributes), output: { name: 'attributes' }, compared: true },
  { column: 'valid_from', arrayOf: 'date', value: (i) => i.validFrom, output: { name: 'validFrom', sql: `to_char(valid_from, 'YYYY-MM-DD')` } },
  { column: 'valid_to', arrayOf: 'date', value: (i) => i.validTo, output: { name: 'validTo', sql: `to_char(valid_to, 'YYYY-MM-DD')` } },
  // 't'/'f': COPY's text format and a boolean[] parameter both read them.
  { column: 'orderable', arrayOf: 'boolean', value: (i) => (i.orderable ? 't' : 'f'), output: { name: 'orderable' } },
  // Stored for the search's attribute filters and facets; derived from the attributes.
  { column: 'attr_facets', arrayOf: 'text', castTo: 'text[]', value: (i) => textArrayLiteral(attributeFacets(i.attributes)) },
];

/** The item's columns besides version_id, in the descriptor's order. */
export const ITEM_COLUMNS = CATALOGUE_ITEM_FIELDS.map((f) => f.column);

/** A stored row (version first) for COPY. */
export function itemRow(versionId: number, item: CatalogueItemInput): CopyValue[] {
  const row = new Array<CopyValue>(CATALOGUE_ITEM_FIELDS.length + 1);
  row[0] = versionId;
  for (let k = 0; k < CATALOGUE_ITEM_FIELDS.length; k++) row[k + 1] = CATALOGUE_ITEM_FIELDS[k].value(item);
  return row;
}

/** Copies every item of version $2 into version $1. */
export const COPY_ITEMS_SQL = `INSERT INTO catalogue_item (version_id, ${ITEM_COLUMNS.join(', ')})
  SELECT $1, ${ITEM_COLUMNS.join(', ')} FROM catalogue_item WHERE version_id = $2`;

/**
 * Inserts or replaces (by seller item id) the items given as one array per field: $1 is the
 * version, $2… the fields in the descriptor's order (see `upsertParams`).
 */
export const UPSERT_ITEMS_SQL = `INSERT INTO catalogue_item (version_id, ${ITEM_COLUMNS.join(', ')})
  SELECT $1, ${CATALOGUE_ITEM_FIELDS.map((f) => `u.${f.column}${f.castTo ? `::${f.castTo}` : ''}`).join(', ')}
    FROM unnest(${CATALOGUE_ITEM_FIELDS.map((f, k) => `$${k + 2}::${f.arrayOf}[]`).join(', ')}) AS u(${ITEM_COLUMNS.join(', ')})
  ON CONFLICT (version_id, seller_item_id) DO UPDATE SET ${ITEM_COLUMNS.filter((c) => c !== 'seller_item_id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

export const upsertParams = (versionId: number, items: CatalogueItemInput[]): unknown[] => [versionId, ...CATALOGUE_ITEM_FIELDS.map((f) => items.map(f.value))];

/** The API's CatalogueItem fields as a select list (id first). */
export const ITEM_OUTPUT_SQL = ['id::text', ...CATALOGUE_ITEM_FIELDS.filter((f) => f.output).map((f) => `${f.output!.sql ?? f.column} AS "${f.output!.name}"`)].join(', ');

/** An array of the API names of the compared fields that differ between items `n` and `o` (NULLs left in). */
export const CHANGED_FIELDS_SQL = `ARRAY[${CATALOGUE_ITEM_FIELDS.filter((f) => f.compared)
  .map((f) => `CASE WHEN n.${f.column} IS DISTINCT FROM o.${f.column} THEN '${f.output!.name}' END`)
  .join(', ')}]`;
