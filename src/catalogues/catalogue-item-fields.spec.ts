import { CATALOGUE_ITEM_FIELDS, CHANGED_FIELDS_SQL, ITEM_COLUMNS, itemRow, UPSERT_ITEMS_SQL, upsertParams } from './catalogue-item-fields';
import type { CatalogueItemInput } from './catalogue-line';

const item: CatalogueItemInput = {
  lineNo: 7,
  action: 'Add',
  sellerItemId: 'P-1',
  name: 'Kopipapir A4',
  description: 'Hvitt',
  unspsc: '14111507',
  price: '50.00',
  currency: 'NOK',
  vatRate: '25',
  unitCode: 'PK',
  gtin: '7311250004247',
  manufacturer: 'Papirfabrikken',
  validFrom: '2025-01-01',
  validTo: null,
  orderable: false,
  attributes: { Miljømerke: 'Svanemerket' },
};

describe('the catalogue item descriptor', () => {
  it('gives each column its own value in a stored row, version first', () => {
    const row = itemRow(42, item);
    const at = (column: string) => row[1 + ITEM_COLUMNS.indexOf(column)];
    expect(row).toHaveLength(ITEM_COLUMNS.length + 1);
    expect(row[0]).toBe(42);
    expect([at('line_no'), at('seller_item_id'), at('unspsc_code'), at('price'), at('vat_rate'), at('valid_from'), at('valid_to')]).toEqual([7, 'P-1', '14111507', '50.00', '25', '2025-01-01', null]);
    expect(at('attributes')).toBe('{"Miljømerke":"Svanemerket"}');
    expect(at('orderable')).toBe('f');
    expect(at('attr_facets')).toBe('{"miljømerke=svanemerket"}');
  });

  it('numbers the upsert’s parameters to match its arrays, one per field, and never overwrites the conflict key', () => {
    const params = upsertParams(42, [item, { ...item, sellerItemId: 'P-2' }]);
    expect(params).toHaveLength(CATALOGUE_ITEM_FIELDS.length + 1);
    expect(params[1 + ITEM_COLUMNS.indexOf('seller_item_id')]).toEqual(['P-1', 'P-2']);
    expect(UPSERT_ITEMS_SQL).toContain(`$${CATALOGUE_ITEM_FIELDS.length + 1}::`);
    expect(UPSERT_ITEMS_SQL).not.toContain(`$${CATALOGUE_ITEM_FIELDS.length + 2}`);
    expect(UPSERT_ITEMS_SQL).not.toMatch(/seller_item_id = EXCLUDED/);
    expect(UPSERT_ITEMS_SQL).toContain('u.attr_facets::text[]');
  });

  it('compares in the review the fields it always named', () => {
    const named = [...CHANGED_FIELDS_SQL.matchAll(/THEN '(\w+)'/g)].map((m) => m[1]);
    expect(named.sort()).toEqual(['attributes', 'description', 'gtin', 'name', 'price', 'unitCode', 'unspscCode', 'vatRate']);
  });
});
