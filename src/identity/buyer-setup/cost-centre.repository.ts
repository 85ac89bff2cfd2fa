import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { CostCentreBudgetEntity, CostCentreEntity } from './cost-centre.entity';

/** The one home of the SQL on `cost_centre` and `cost_centre_budget`. */
@Injectable()
export class CostCentreRepository {
  find(ctx: RequestContext, id: number): Promise<CostCentreEntity | null> {
    return ctx.manager.findOneBy(CostCentreEntity, { id });
  }

  byIds(ctx: RequestContext, ids: number[]): Promise<CostCentreEntity[]> {
    return ctx.manager.findBy(CostCentreEntity, { id: In(ids) });
  }

  /** The organisation's cost centre with this code, letter case ignored. */
  byCode(ctx: RequestContext, organisationId: number, code: string): Promise<CostCentreEntity | null> {
    return ctx.manager.createQueryBuilder(CostCentreEntity, 'c').where('c.organisation_id = :organisationId AND upper(c.code) = upper(:code)', { organisationId, code }).getOne();
  }

  page(ctx: RequestContext, organisationId: number, includeInactive: boolean, offset: number, limit: number): Promise<[CostCentreEntity[], number]> {
    const qb = ctx.manager.createQueryBuilder(CostCentreEntity, 'c').where('c.organisation_id = :organisationId', { organisationId });
    if (!includeInactive) qb.andWhere('c.active');
    return qb.orderBy('upper(c.code)').addOrderBy('c.id').offset(offset).limit(limit).getManyAndCount();
  }

  /**
   * Serialises changes to one organisation's cost centres until the transaction ends, so two
   * requests cannot both find a code free and both take it (the unique index would refuse the
   * second with an error instead of an answer).
   */
  async lockOrganisation(ctx: RequestContext, organisationId: number): Promise<void> {
    await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('cost_centre'), $1)`, [organisationId]);
  }

  create(ctx: RequestContext, fields: Pick<CostCentreEntity, 'organisationId' | 'code' | 'name' | 'ownerUserId'>): Promise<CostCentreEntity> {
    return ctx.manager.save(CostCentreEntity, ctx.manager.create(CostCentreEntity, { ...fields, active: true }));
  }

  save(ctx: RequestContext, costCentre: CostCentreEntity): Promise<CostCentreEntity> {
    return ctx.manager.save(CostCentreEntity, costCentre);
  }

  /** The budgets of these cost centres, by year. */
  budgets(ctx: RequestContext, costCentreIds: number[]): Promise<CostCentreBudgetEntity[]> {
    return ctx.manager.find(CostCentreBudgetEntity, { where: { costCentreId: In(costCentreIds) }, order: { year: 'ASC' } });
  }

  budget(ctx: RequestContext, costCentreId: number, year: number): Promise<CostCentreBudgetEntity | null> {
    return ctx.manager.findOneBy(CostCentreBudgetEntity, { costCentreId, year });
  }

  /**
   * The budget of (cost centre, year), its row locked until the transaction ends, so commitments
   * against it take turns (each sees the others' totals); null when no budget is set.
   */
  async lockBudget(ctx: RequestContext, costCentreId: number, year: number): Promise<{ amount: string; currency: string } | null> {
    const rows: { amount: string; currency: string }[] = await ctx.manager.query('SELECT amount, currency FROM cost_centre_budget WHERE cost_centre_id = $1 AND year = $2 FOR UPDATE', [
      costCentreId,
      year,
    ]);
    return rows[0] ?? null;
  }

  async setBudget(ctx: RequestContext, costCentreId: number, year: number, amount: string, currency: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO cost_centre_budget (cost_centre_id, year, amount, currency) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cost_centre_id, year) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_at = now()`,
      [costCentreId, year, amount, currency],
    );
  }
}
