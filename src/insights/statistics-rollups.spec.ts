import { InsightQuery } from './insight-query';
import { InsightDimension, PeriodGrouping, SpendBasis, UnspscLevelName } from './insights.types';
import { documentRollupFor, documentRollupQuery } from './statistics-rollups';

const query = (over: Partial<InsightQuery> = {}): InsightQuery => ({
  organisationIds: [1, 2, 3],
  subtreeTops: [1, 3],
  period: PeriodGrouping.MONTH,
  unspscLevel: UnspscLevelName.SEGMENT,
  basis: SpendBasis.ORDERED,
  groupBy: [InsightDimension.SUPPLIER],
  ...over,
});

describe('documentRollupFor: the finest grain that answers exactly', () => {
  it('reads per supplier over all time when the query has no period range and no period grouping (migration 176)', () => {
    expect(documentRollupFor(query())).toEqual({ table: 'insights_order_tree_supplier_all f', period: 'all', bySupplier: true });
    expect(documentRollupFor(query({ basis: SpendBasis.INVOICED, groupBy: [], supplierId: 7 }))?.table).toBe('insights_invoice_tree_supplier_all f');
  });

  it('reads by year or month once a period range or a period grouping is asked for', () => {
    expect(documentRollupFor(query({ from: '2025-01-01' }))?.table).toBe('insights_order_tree_supplier_year f');
    expect(documentRollupFor(query({ to: '2025-06-30' }))?.table).toBe('insights_order_tree_supplier_month f');
    expect(documentRollupFor(query({ groupBy: [InsightDimension.SUPPLIER, InsightDimension.PERIOD], period: PeriodGrouping.YEAR }))?.table).toBe('insights_order_tree_supplier_year f');
    expect(documentRollupFor(query({ groupBy: [InsightDimension.PERIOD] }))?.table).toBe('insights_order_tree_document_month f');
  });

  it('leaves to the fact lines what no rollup keeps', () => {
    expect(documentRollupFor(query({ unspscCode: '44' }))).toBeNull();
    expect(documentRollupFor(query({ groupBy: [InsightDimension.ORGANISATION] }))).toBeNull();
    expect(documentRollupFor(query({ factLinesOnly: true }))).toBeNull();
  });

  it('builds the all-time statement with no period condition, grouped by supplier, for the scope’s tops', () => {
    const q = query({ supplierId: 7 });
    const s = documentRollupQuery(q, documentRollupFor(q)!, ['sum(f.amount) AS amount']);
    expect(s.sql).toMatch(/FROM insights_order_tree_supplier_all f WHERE f\.organisation_id = ANY\(\$1::int\[\]\) AND f\.supplier_id = \$2::int GROUP BY f\.supplier_id, f\.free_text_supplier/);
    expect(s.params).toEqual([[1, 3], 7]);
  });
});
