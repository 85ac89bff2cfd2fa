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

  it('leaves to the fact lines a commodity, a class per organisation, a part of a month', () => {
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.COMMODITY })).toBeNull();
    expect(rollupFor({ ...unit, unspscCode: '44121706' })).toBeNull();
    expect(rollupFor({ ...unit, unspscLevel: UnspscLevelName.CLASS, groupBy: [InsightDimension.ORGANISATION, InsightDimension.CATEGORY] })).toBeNull();
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
