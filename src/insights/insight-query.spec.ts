import { foreignCurrencyQuery, InsightQuery, rollupFor, rollupQuery } from './insight-query';
import { InsightDimension, PeriodGrouping, SpendBasis, UnspscLevelName } from './insights.types';

const unit: InsightQuery = {
  organisationIds: [1, 2, 3],
  subtreeTops: [1],
  period: PeriodGrouping.MONTH,
  unspscLevel: UnspscLevelName.SEGMENT,
  basis: SpendBasis.ORDERED,
  groupBy: [InsightDimension.CATEGORY],
};

describe('rollupFor: which rollup answers a loyalty or leakage query', () => {
  it('takes the class rollup for family and class, and for a code filter down to a class', () => {
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.CLASS, unspscCode: '44000000' })).toMatchObject({ table: 'insights_order_tree_class_month f', category: 'class' });
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.FAMILY, basis: SpendBasis.INVOICED })).toMatchObject({ table: 'insights_invoice_tree_class_month f' });
    expect(rollupFor({ ...unit, groupBy: [InsightDimension.PERIOD], unspscCode: '44121700' })).toMatchObject({ category: 'class' });
    // A segment (level and filter) stays with the segment rollups, a year of them by year.
    expect(rollupFor({ ...unit, unspscCode: '44000000' })).toMatchObject({ table: 'insights_order_tree_segment_year f', category: 'segment' });
    expect(rollupFor({ ...unit, groupBy: [InsightDimension.PERIOD] })).toMatchObject({ table: 'insights_order_tree_month f', category: 'none' });
  });

  it('takes the per-organisation class rollup (migration 192) for family and class grouped by organisation, and for a code filter down to a class', () => {
    const byOrganisation = { ...unit, groupBy: [InsightDimension.ORGANISATION, InsightDimension.CATEGORY] };
    expect(rollupFor({ ...byOrganisation, unspscLevel: UnspscLevelName.CLASS })).toEqual({
      table: 'insights_order_class_month f',
      organisation: 'buyer_organisation_id',
      period: 'month',
      category: 'class',
    });
    expect(rollupFor({ ...byOrganisation, unspscLevel: UnspscLevelName.FAMILY, basis: SpendBasis.INVOICED })).toMatchObject({ table: 'insights_invoice_class_month f' });
    expect(rollupFor({ ...unit, groupBy: [InsightDimension.ORGANISATION, InsightDimension.PERIOD], unspscCode: '44121700' })).toMatchObject({ table: 'insights_order_class_month f' });
    // A segment, or no category, by organisation stays with migration 91's rollups.
    expect(rollupFor({ ...byOrganisation, unspscCode: '44000000' })).toMatchObject({ table: 'insights_order_segment_month f', category: 'segment' });
    expect(rollupFor({ ...unit, groupBy: [InsightDimension.ORGANISATION] })).toMatchObject({ table: 'insights_order_month f', category: 'none' });
  });

  it('reads the per-organisation class rollup by the scope’s organisations, not its tops', () => {
    const q = { ...unit, groupBy: [InsightDimension.ORGANISATION, InsightDimension.CATEGORY], unspscLevel: UnspscLevelName.CLASS, unspscCode: '44120000' };
    const { sql, params } = rollupQuery(q, rollupFor(q)!, ['sum(f.lines) AS lines'], 'sum(f.lines) > 0');
    expect(sql).toBe(
      `SELECT f.buyer_organisation_id AS "organisationId", rpad(nullif(f.unspsc_class, ''), 8, '0') AS "category", sum(f.lines) AS lines FROM insights_order_class_month f ` +
        `WHERE f.buyer_organisation_id = ANY($1::int[]) AND f.unspsc_class LIKE $2 GROUP BY f.buyer_organisation_id, f.unspsc_class HAVING sum(f.lines) > 0 ORDER BY 1 NULLS LAST, 2 NULLS LAST`,
    );
    expect(params).toEqual([[1, 2, 3], '4412%']);
  });

  it('leaves to the fact lines a commodity, a commodity per organisation, a part of a month', () => {
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.COMMODITY })).toBeNull();
    expect(rollupFor({ ...unit, unspscCode: '44121706' })).toBeNull();
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.COMMODITY, groupBy: [InsightDimension.ORGANISATION, InsightDimension.CATEGORY] })).toBeNull();
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.CLASS, groupBy: [InsightDimension.ORGANISATION, InsightDimension.CATEGORY], from: '2026-06-02' })).toBeNull();
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.CLASS, from: '2026-06-02' })).toBeNull();
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.CLASS, factLinesOnly: true })).toBeNull();
  });

  it('reads the class rollup at the family level by its first four digits, filtered by the code prefix', () => {
    const q = { ...unit, unspscLevel: UnspscLevelName.FAMILY, unspscCode: '44000000', from: '2026-01-01', to: '2026-06-30' };
    const { sql, params } = rollupQuery(q, rollupFor(q)!, ['sum(f.lines) AS lines'], 'sum(f.lines) > 0');
    expect(sql).toContain(`rpad(nullif(left(f.unspsc_class, 4), ''), 8, '0') AS "category"`);
    expect(sql).toContain('f.unspsc_class LIKE $4');
    expect(params).toEqual([1, '2026-01-01', '2026-06-30', '44%']);
  });
});

describe('foreignCurrencyQuery: the NOK-only check', () => {
  it('asks within the report’s period only', () => {
    const { sql, params } = foreignCurrencyQuery({ ...unit, from: '2026-06-01', to: '2026-06-30' });
    expect(sql).toBe(
      `SELECT EXISTS (SELECT 1 FROM insights_order_line WHERE currency <> 'NOK' AND buyer_organisation_id = ANY($1::int[]) AND spend_date >= $2::date AND spend_date <= $3::date) AS "foreign"`,
    );
    expect(params).toEqual([[1, 2, 3], '2026-06-01', '2026-06-30']);
  });

  it('asks over all time for a report without a period, on the invoice lines for the invoiced basis', () => {
    const { sql, params } = foreignCurrencyQuery({ ...unit, basis: SpendBasis.INVOICED, from: '2026-06-01' });
    expect(sql).toContain('FROM insights_invoice_line WHERE');
    expect(sql).not.toContain('spend_date <=');
    expect(params).toEqual([[1, 2, 3], '2026-06-01']);
  });
});
