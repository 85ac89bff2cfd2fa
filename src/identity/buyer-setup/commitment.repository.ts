import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { LEDGER_CHARGE_SQL, type LedgerSource } from '../../platform/money/capped-total';
import { preparedQueryIn } from '../../platform/database/prepared-query';

/** A row of cost_centre_commitment; amounts are numeric text. */
export interface CommitmentRow {
  id: number;
  costCentreId: number;
  year: number;
  amount: string;
  invoiced: string;
  currency: string;
}

/** Committed (each entry's charge: the larger of its amount and what was invoiced of it) and invoiced per (cost centre, year). */
export interface CommitmentTotals {
  costCentreId: number;
  year: number;
  committed: string;
  invoiced: string;
}

const COLUMNS = 'id, cost_centre_id AS "costCentreId", year, amount, invoiced, currency';

/** The one home of the SQL on `cost_centre_commitment` (the commitment ledger). */
@Injectable()
export class CommitmentRepository {
  async bySource(ctx: RequestContext, source: LedgerSource, forUpdate = false): Promise<CommitmentRow | null> {
    const rows: CommitmentRow[] = await ctx.manager.query(`SELECT ${COLUMNS} FROM cost_centre_commitment WHERE source_type = $1 AND source_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
      source.type,
      source.id,
    ]);
    return rows[0] ?? null;
  }

  /** Committed on (cost centre, year) by every source but `except`: the sum of their charges (LEDGER_CHARGE_SQL). */
  async committedExcept(ctx: RequestContext, costCentreId: number, year: number, except: LedgerSource): Promise<string> {
    const [row]: { total: string }[] = await ctx.manager.query(
      `SELECT coalesce(sum(${LEDGER_CHARGE_SQL}), 0)::text AS total FROM cost_centre_commitment
        WHERE cost_centre_id = $1 AND year = $2 AND NOT (source_type = $3 AND source_id = $4)`,
      [costCentreId, year, except.type, except.id],
    );
    return row.total;
  }

  /** Records the source's commitment, replacing what it had (its cost centre, year, amount and override). */
  async upsert(
    ctx: RequestContext,
    c: { costCentreId: number; year: number; source: LedgerSource; amount: string; currency: string; overrideReason: string | null; overriddenBy: number | null },
  ): Promise<CommitmentRow> {
    const [row]: CommitmentRow[] = await ctx.manager.query(
      `INSERT INTO cost_centre_commitment (cost_centre_id, year, source_type, source_id, amount, currency, override_reason, overridden_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (source_type, source_id) DO UPDATE SET cost_centre_id = EXCLUDED.cost_centre_id, year = EXCLUDED.year, amount = EXCLUDED.amount,
         currency = EXCLUDED.currency, override_reason = EXCLUDED.override_reason, overridden_by = EXCLUDED.overridden_by, updated_at = now()
       RETURNING ${COLUMNS}`,
      [c.costCentreId, c.year, c.source.type, c.source.id, c.amount, c.currency, c.overrideReason, c.overriddenBy],
    );
    return row;
  }

  async setAmount(ctx: RequestContext, id: number, amount: string): Promise<void> {
    await ctx.manager.query('UPDATE cost_centre_commitment SET amount = $2, updated_at = now() WHERE id = $1', [id, amount]);
  }

  /** Adds `delta` (negative for a credit) to what the source's entry has invoiced, never below 0 (the row locked by the update); the entry after it, or null when the source has none. */
  async addInvoicedBySource(ctx: RequestContext, source: LedgerSource, delta: string): Promise<Pick<CommitmentRow, 'id' | 'costCentreId' | 'year' | 'amount' | 'invoiced'> | null> {
    const [rows]: [Pick<CommitmentRow, 'id' | 'costCentreId' | 'year' | 'amount' | 'invoiced'>[], number] = await preparedQueryIn(
      ctx.manager,
      `UPDATE cost_centre_commitment SET invoiced = greatest(invoiced + $3::numeric, 0), updated_at = now() WHERE source_type = $1 AND source_id = $2
       RETURNING id, cost_centre_id AS "costCentreId", year, amount::text AS amount, invoiced::text AS invoiced`,
      [source.type, source.id, delta],
    );
    return rows[0] ?? null;
  }

  /** Committed (the entries' charges) and invoiced per year of these cost centres (one grouped query). */
  totals(ctx: RequestContext, costCentreIds: readonly number[]): Promise<CommitmentTotals[]> {
    return ctx.manager.query(
      `SELECT cost_centre_id AS "costCentreId", year, sum(${LEDGER_CHARGE_SQL})::text AS committed, sum(invoiced)::text AS invoiced
         FROM cost_centre_commitment WHERE cost_centre_id = ANY($1) GROUP BY cost_centre_id, year`,
      [[...costCentreIds]],
    );
  }
}
