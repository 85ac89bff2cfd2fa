import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import type { IndexValue, PriceClauseTerms } from './price-limit';

/** A stored clause: its terms, numbers as decimal text without padding, dates as YYYY-MM-DD. */
export type PriceClauseRow = PriceClauseTerms & { agreementId: number; updatedAt: Date };

export interface IndexValueRow extends IndexValue {
  agreementId: number;
  recordedAt: Date;
}

// numeric arrives padded to its scale ("3.0000"); trim_scale keeps what the purchaser wrote.
const CLAUSE_COLUMNS = `agreement_id AS "agreementId", kind, trim_scale(max_increase_percent)::text AS "maxIncreasePercent", period_months AS "periodMonths",
  reference, index_name AS "indexName", trim_scale(base_index_value)::text AS "baseIndexValue", base_index_date::text AS "baseIndexDate",
  trim_scale(index_share_percent)::text AS "indexSharePercent", updated_at AS "updatedAt"`;
const VALUE_COLUMNS = `agreement_id AS "agreementId", value_date::text AS date, trim_scale(value)::text AS value, recorded_at AS "recordedAt"`;

/** The one home of the SQL on `agreement_price_clause` and `agreement_price_index_value`. */
@Injectable()
export class PriceClauseRepository {
  async byAgreements(ctx: RequestContext, agreementIds: readonly number[]): Promise<PriceClauseRow[]> {
    const rows: Record<string, unknown>[] = await ctx.manager.query(`SELECT ${CLAUSE_COLUMNS} FROM agreement_price_clause WHERE agreement_id = ANY($1)`, [agreementIds]);
    return rows.map(clauseOf);
  }

  async find(ctx: RequestContext, agreementId: number): Promise<PriceClauseRow | null> {
    return (await this.byAgreements(ctx, [agreementId]))[0] ?? null;
  }

  /** Stores the clause in place of any earlier one. */
  async upsert(tx: RequestContext, agreementId: number, c: PriceClauseTerms): Promise<void> {
    const max = c.kind === 'MAX_INCREASE' ? c : null;
    const index = c.kind === 'INDEX' ? c : null;
    await tx.manager.query(
      `INSERT INTO agreement_price_clause (agreement_id, kind, max_increase_percent, period_months, reference, index_name, base_index_value, base_index_date, index_share_percent, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (agreement_id) DO UPDATE SET kind = $2, max_increase_percent = $3, period_months = $4, reference = $5, index_name = $6,
         base_index_value = $7, base_index_date = $8, index_share_percent = $9, updated_at = now()`,
      [
        agreementId,
        c.kind,
        max?.maxIncreasePercent ?? null,
        max?.periodMonths ?? null,
        max?.reference ?? null,
        index?.indexName ?? null,
        index?.baseIndexValue ?? null,
        index?.baseIndexDate ?? null,
        index?.indexSharePercent ?? null,
      ],
    );
  }

  /** Removes the clause and its index values. */
  async remove(tx: RequestContext, agreementId: number): Promise<void> {
    await tx.manager.query('DELETE FROM agreement_price_clause WHERE agreement_id = $1', [agreementId]);
  }

  /** Index values of these agreements, oldest first. */
  indexValues(ctx: RequestContext, agreementIds: readonly number[]): Promise<IndexValueRow[]> {
    return ctx.manager.query(`SELECT ${VALUE_COLUMNS} FROM agreement_price_index_value WHERE agreement_id = ANY($1) ORDER BY agreement_id, value_date`, [agreementIds]);
  }

  /** Records the value for the date; the value it replaces, if any. */
  async recordIndexValue(tx: RequestContext, agreementId: number, date: string, value: string): Promise<string | null> {
    const [before]: { value: string }[] = await tx.manager.query('SELECT trim_scale(value)::text AS value FROM agreement_price_index_value WHERE agreement_id = $1 AND value_date = $2 FOR UPDATE', [
      agreementId,
      date,
    ]);
    await tx.manager.query(
      `INSERT INTO agreement_price_index_value (agreement_id, value_date, value) VALUES ($1, $2, $3)
       ON CONFLICT (agreement_id, value_date) DO UPDATE SET value = $3, recorded_at = now()`,
      [agreementId, date, value],
    );
    return before?.value ?? null;
  }

  /** Forgets the agreement's index values (the clause no longer names their index); how many there were. */
  async clearIndexValues(tx: RequestContext, agreementId: number): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.manager.query('WITH d AS (DELETE FROM agreement_price_index_value WHERE agreement_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d', [agreementId]);
    return n;
  }
}

function clauseOf(r: Record<string, unknown>): PriceClauseRow {
  const common = { agreementId: r.agreementId as number, updatedAt: r.updatedAt as Date };
  if (r.kind === 'MAX_INCREASE') {
    return {
      ...common,
      kind: 'MAX_INCREASE',
      maxIncreasePercent: r.maxIncreasePercent as string,
      periodMonths: r.periodMonths as number,
      reference: r.reference as 'AGREEMENT_START' | 'LAST_PUBLISH',
    };
  }
  return {
    ...common,
    kind: 'INDEX',
    indexName: r.indexName as string,
    baseIndexValue: r.baseIndexValue as string,
    baseIndexDate: r.baseIndexDate as string,
    indexSharePercent: r.indexSharePercent as string,
  };
}
