import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { LEDGER_CHARGE_SQL, type LedgerSource } from '../platform/money/capped-total';
import { preparedQueryIn } from '../platform/database/prepared-query';

/** A row of agreement_drawdown; amounts are numeric text in the agreement's currency. */
export interface DrawdownRow {
  id: number;
  agreementId: number;
  amount: string;
  invoiced: string;
}

/** Drawn (each drawdown's charge: the larger of its amount and what was invoiced of it) and invoiced per agreement. */
export interface DrawdownTotals {
  agreementId: number;
  committed: string;
  invoiced: string;
}

const COLUMNS = 'id, agreement_id AS "agreementId", amount, invoiced';

/** The one home of the SQL on `agreement_drawdown` (the drawdowns on agreements' value ceilings). */
@Injectable()
export class AgreementDrawdownRepository {
  /**
   * Serialises changes to one agreement's drawdowns and ceiling until the transaction ends, so
   * each draw sees the others' totals. An advisory lock rather than the agreement's row: a
   * catalogue upload holds that row for up to a minute, and orders must not wait for it.
   */
  async lockLedger(ctx: RequestContext, agreementId: number): Promise<void> {
    await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('agreement_drawdown'), $1)`, [agreementId]);
  }

  async bySource(ctx: RequestContext, source: LedgerSource, forUpdate = false): Promise<DrawdownRow | null> {
    const rows: DrawdownRow[] = await ctx.manager.query(`SELECT ${COLUMNS} FROM agreement_drawdown WHERE source_type = $1 AND source_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
      source.type,
      source.id,
    ]);
    return rows[0] ?? null;
  }

  /** Drawn on the agreement by every source but `except`: the sum of their charges (LEDGER_CHARGE_SQL). */
  async committedExcept(ctx: RequestContext, agreementId: number, except: LedgerSource): Promise<string> {
    const [row]: { total: string }[] = await ctx.manager.query(
      `SELECT coalesce(sum(${LEDGER_CHARGE_SQL}), 0)::text AS total FROM agreement_drawdown WHERE agreement_id = $1 AND NOT (source_type = $2 AND source_id = $3)`,
      [agreementId, except.type, except.id],
    );
    return row.total;
  }

  /** Records the source's drawdown, replacing what it had (its agreement and amount). */
  async upsert(ctx: RequestContext, d: { agreementId: number; source: LedgerSource; amount: string }): Promise<DrawdownRow> {
    const [row]: DrawdownRow[] = await ctx.manager.query(
      `INSERT INTO agreement_drawdown (agreement_id, source_type, source_id, amount) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_type, source_id) DO UPDATE SET agreement_id = EXCLUDED.agreement_id, amount = EXCLUDED.amount, updated_at = now()
       RETURNING ${COLUMNS}`,
      [d.agreementId, d.source.type, d.source.id, d.amount],
    );
    return row;
  }

  async setAmount(ctx: RequestContext, id: number, amount: string): Promise<void> {
    await ctx.manager.query('UPDATE agreement_drawdown SET amount = $2, updated_at = now() WHERE id = $1', [id, amount]);
  }

  /**
   * Adds `delta` (negative for a credit) to what the source's drawdown has invoiced, never below
   * 0, when its agreement is in `currency` (the row locked by the update); the entry after it, or
   * null when the source has none in that currency.
   */
  async addInvoicedBySource(ctx: RequestContext, source: LedgerSource, currency: string, delta: string): Promise<Pick<DrawdownRow, 'id' | 'agreementId' | 'amount' | 'invoiced'> | null> {
    const [rows]: [Pick<DrawdownRow, 'id' | 'agreementId' | 'amount' | 'invoiced'>[], number] = await preparedQueryIn(
      ctx.manager,
      `UPDATE agreement_drawdown d SET invoiced = greatest(d.invoiced + $4::numeric, 0), updated_at = now()
         FROM agreement a
        WHERE d.source_type = $1 AND d.source_id = $2 AND a.id = d.agreement_id AND a.currency = $3
       RETURNING d.id, d.agreement_id AS "agreementId", d.amount::text AS amount, d.invoiced::text AS invoiced`,
      [source.type, source.id, currency, delta],
    );
    return rows[0] ?? null;
  }

  /** Drawn (the drawdowns' charges) and invoiced per agreement (one grouped query). */
  totals(ctx: RequestContext, agreementIds: readonly number[]): Promise<DrawdownTotals[]> {
    return ctx.manager.query(
      `SELECT agreement_id AS "agreementId", sum(${LEDGER_CHARGE_SQL})::text AS committed, sum(invoiced)::text AS invoiced
         FROM agreement_drawdown WHERE agreement_id = ANY($1) GROUP BY agreement_id`,
      [[...agreementIds]],
    );
  }
}
