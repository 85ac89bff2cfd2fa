import { TabularRow } from '../../platform/files/tabular-reader';
import { RawCatalogueLine } from '../catalogue-line';

/**
 * The CSV/XLSX catalogue template. Headers are matched case- and punctuation-insensitively, and
 * Norwegian names are accepted too. Columns starting with "attr" become search attributes
 * ("attr_eco_label" → attribute "ecolabel").
 */
export const TEMPLATE_COLUMNS = {
  sellerItemId: ['selleritemid', 'itemid', 'varenummer', 'artikkelnummer'],
  name: ['name', 'navn', 'varenavn'],
  description: ['description', 'beskrivelse'],
  unspsc: ['unspsc', 'unspsccode'],
  price: ['price', 'pris', 'unitprice'],
  currency: ['currency', 'valuta'],
  vatRate: ['vatrate', 'vat', 'mva', 'mvasats'],
  unitCode: ['unit', 'unitcode', 'enhet'],
  gtin: ['gtin', 'ean'],
  manufacturer: ['manufacturer', 'produsent'],
  validFrom: ['validfrom', 'gyldigfra'],
  validTo: ['validto', 'gyldigtil'],
  action: ['action', 'handling'],
  orderable: ['orderable', 'bestillbar'],
} as const;

export const REQUIRED_COLUMNS = ['sellerItemId', 'name', 'unspsc', 'price', 'vatRate', 'unitCode'] as const;

type TemplateField = keyof typeof TEMPLATE_COLUMNS;

export interface TemplateMapping {
  /** Field → the column's index in the row. */
  columns: Partial<Record<TemplateField, number>>;
  /** Attribute columns: index and attribute name. */
  attributes: [index: number, attribute: string][];
}

/** Maps headers to template fields; returns the missing required columns when there are any. */
export function mapTemplateHeaders(headers: string[]): { mapping: TemplateMapping; missing: string[] } {
  const columns: TemplateMapping['columns'] = {};
  for (const [field, names] of Object.entries(TEMPLATE_COLUMNS) as [TemplateField, readonly string[]][]) {
    const found = names.find((n) => headers.includes(n));
    if (found) columns[field] = headers.indexOf(found);
  }
  const attributes = headers.flatMap((h, i): [number, string][] => (h.startsWith('attr') && h.length > 4 ? [[i, h.slice(4)]] : []));
  const missing = REQUIRED_COLUMNS.filter((f) => columns[f] === undefined);
  return { mapping: { columns, attributes }, missing };
}

export function tabularRowToLine(row: TabularRow, mapping: TemplateMapping): RawCatalogueLine {
  const { columns } = mapping;
  const get = (index: number | undefined) => (index === undefined ? undefined : row.values[index]);
  const attributes: Record<string, string> = {};
  for (const [index, attribute] of mapping.attributes) {
    const v = (row.values[index] ?? '').trim();
    if (v) attributes[attribute] = v;
  }
  return {
    lineNo: row.line,
    location: `line ${row.line}`,
    action: get(columns.action)?.trim() || 'Add',
    sellerItemId: get(columns.sellerItemId),
    name: get(columns.name),
    description: get(columns.description),
    unspsc: get(columns.unspsc),
    price: get(columns.price),
    currency: get(columns.currency),
    vatRate: get(columns.vatRate),
    unitCode: get(columns.unitCode),
    gtin: get(columns.gtin),
    manufacturer: get(columns.manufacturer),
    validFrom: get(columns.validFrom),
    validTo: get(columns.validTo),
    orderable: get(columns.orderable),
    attributes,
  };
}
