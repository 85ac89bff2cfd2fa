import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { ApprovalLimitEntity, ApproverRightEntity } from './approval-authority.entity';

/** The one home of the SQL on `approval_limit` and `approver_right`. */
@Injectable()
export class ApprovalAuthorityRepository {
  limit(ctx: RequestContext, organisationId: number, userId: number): Promise<ApprovalLimitEntity | null> {
    return ctx.manager.findOneBy(ApprovalLimitEntity, { organisationId, userId });
  }

  limits(ctx: RequestContext, organisationId: number, userIds: number[]): Promise<ApprovalLimitEntity[]> {
    return ctx.manager.findBy(ApprovalLimitEntity, { organisationId, userId: In(userIds) });
  }

  async setLimit(ctx: RequestContext, organisationId: number, userId: number, amount: string, currency: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO approval_limit (organisation_id, user_id, amount, currency) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, user_id) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_at = now()`,
      [organisationId, userId, amount, currency],
    );
  }

  async removeLimit(ctx: RequestContext, organisationId: number, userId: number): Promise<void> {
    await ctx.manager.delete(ApprovalLimitEntity, { organisationId, userId });
  }

  /** Every approver right of the organisation (or of these users), by user and cost centre ("all" first). */
  rights(ctx: RequestContext, organisationId: number, userIds?: number[]): Promise<ApproverRightEntity[]> {
    const qb = ctx.manager.createQueryBuilder(ApproverRightEntity, 'r').where('r.organisation_id = :organisationId', { organisationId });
    if (userIds) qb.andWhere('r.user_id = ANY(:userIds)', { userIds });
    return qb.orderBy('r.user_id').addOrderBy('r.cost_centre_id', 'ASC', 'NULLS FIRST').getMany();
  }

  right(ctx: RequestContext, organisationId: number, userId: number, costCentreId: number | null): Promise<ApproverRightEntity | null> {
    const qb = ctx.manager.createQueryBuilder(ApproverRightEntity, 'r').where('r.organisation_id = :organisationId AND r.user_id = :userId', { organisationId, userId });
    qb.andWhere(costCentreId === null ? 'r.cost_centre_id IS NULL' : 'r.cost_centre_id = :costCentreId', { costCentreId });
    return qb.getOne();
  }

  async setRight(ctx: RequestContext, organisationId: number, userId: number, costCentreId: number | null, maxAmount: string, currency: string): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO approver_right (organisation_id, user_id, cost_centre_id, max_amount, currency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, user_id, cost_centre_id) DO UPDATE SET max_amount = EXCLUDED.max_amount, currency = EXCLUDED.currency, updated_at = now()`,
      [organisationId, userId, costCentreId, maxAmount, currency],
    );
  }

  async removeRight(ctx: RequestContext, id: number): Promise<void> {
    await ctx.manager.delete(ApproverRightEntity, { id });
  }

  /** Users of the organisation with a personal limit or an approver right, by user id. */
  async page(ctx: RequestContext, organisationId: number, offset: number, limit: number): Promise<[number[], number]> {
    const holders = `SELECT user_id FROM approval_limit WHERE organisation_id = $1 UNION SELECT user_id FROM approver_right WHERE organisation_id = $1`;
    const rows: { user_id: number }[] = await ctx.manager.query(`${holders} ORDER BY user_id OFFSET $2 LIMIT $3`, [organisationId, offset, limit]);
    const [{ n }] = await ctx.manager.query(`SELECT count(*)::int AS n FROM (${holders}) h`, [organisationId]);
    return [rows.map((r) => r.user_id), n];
  }
}
