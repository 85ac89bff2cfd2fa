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
} as const;

export const REQUIRED_COLUMNS = ['sellerItemId', 'name', 'unspsc', 'price', 'vatRate', 'unitCode'] as const;

type TemplateField = keyof typeof TEMPLATE_COLUMNS;

export interface TemplateMapping {
  columns: Partial<Record<TemplateField, string>>;
  attributes: [header: string, attribute: string][];
}

/** Maps headers to template fields; returns the missing required columns when there are any. */
export function mapTemplateHeaders(headers: string[]): { mapping: TemplateMapping; missing: string[] } {
  const columns: TemplateMapping['columns'] = {};
  for (const [field, names] of Object.entries(TEMPLATE_COLUMNS) as [TemplateField, readonly string[]][]) {
    const found = names.find((n) => headers.includes(n));
    if (found) columns[field] = found;
  }
  const attributes = headers.filter((h) => h.startsWith('attr') && h.length > 4).map((h) => [h, h.slice(4)] as [string, string]);
  const missing = REQUIRED_COLUMNS.filter((f) => !columns[f]);
  return { mapping: { columns, attributes }, missing };
}

export function tabularRowToLine(row: TabularRow, mapping: TemplateMapping): RawCatalogueLine {
  const get = (field: TemplateField) => {
    const header = mapping.columns[field];
    return header ? row.cells[header] : undefined;
  };
  const attributes: Record<string, string> = {};
  for (const [header, attribute] of mapping.attributes) {
    const v = (row.cells[header] ?? '').trim();
    if (v) attributes[attribute] = v;
  }
  return {
    lineNo: row.line,
    location: `line ${row.line}`,
    action: get('action')?.trim() || 'Add',
    sellerItemId: get('sellerItemId'),
    name: get('name'),
    description: get('description'),
    unspsc: get('unspsc'),
    price: get('price'),
    currency: get('currency'),
    vatRate: get('vatRate'),
    unitCode: get('unitCode'),
    gtin: get('gtin'),
    manufacturer: get('manufacturer'),
    validFrom: get('validFrom'),
    validTo: get('validTo'),
    attributes,
  };
}
