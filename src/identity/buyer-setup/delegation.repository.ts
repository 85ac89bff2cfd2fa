import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { DelegationEntity } from './delegation.entity';

/** The one home of the SQL on `approval_delegation`. */
@Injectable()
export class DelegationRepository {
  find(ctx: RequestContext, id: number): Promise<DelegationEntity | null> {
    return ctx.manager.findOneBy(DelegationEntity, { id });
  }

  /** Delegations not cancelled whose period overlaps [from, to] and that involve one of these users (as principal or substitute). */
  overlapping(ctx: RequestContext, organisationId: number, from: string, to: string, userIds: number[]): Promise<DelegationEntity[]> {
    return ctx.manager
      .createQueryBuilder(DelegationEntity, 'd')
      .where('d.organisation_id = :organisationId AND d.cancelled_at IS NULL', { organisationId })
      .andWhere('d.valid_from <= :to AND d.valid_to >= :from', { from, to })
      .andWhere('(d.principal_user_id = ANY(:userIds) OR d.substitute_user_id = ANY(:userIds))', { userIds })
      .orderBy('d.valid_from')
      .addOrderBy('d.id')
      .getMany();
  }

  /** Delegations of the organisation in force on `date` (not cancelled, the date within the period). */
  inForce(ctx: RequestContext, organisationId: number, date: string): Promise<DelegationEntity[]> {
    return this.overlappingAll(ctx, organisationId, date, date);
  }

  /** Newest period first; without `includeEnded` only those not cancelled that have not ended before `today`. */
  page(ctx: RequestContext, organisationId: number, includeEnded: boolean, today: string, offset: number, limit: number): Promise<[DelegationEntity[], number]> {
    const qb = ctx.manager.createQueryBuilder(DelegationEntity, 'd').where('d.organisation_id = :organisationId', { organisationId });
    if (!includeEnded) qb.andWhere('d.cancelled_at IS NULL AND d.valid_to >= :today', { today });
    return qb.orderBy('d.valid_from', 'DESC').addOrderBy('d.id', 'DESC').offset(offset).limit(limit).getManyAndCount();
  }

  /**
   * Serialises changes to one organisation's delegations until the transaction ends: whether a
   * new delegation contradicts another depends on rows a concurrent request may be writing.
   */
  async lockOrganisation(ctx: RequestContext, organisationId: number): Promise<void> {
    await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('approval_delegation'), $1)`, [organisationId]);
  }

  create(ctx: RequestContext, fields: Pick<DelegationEntity, 'organisationId' | 'principalUserId' | 'substituteUserId' | 'validFrom' | 'validTo' | 'createdByUserId'>): Promise<DelegationEntity> {
    return ctx.manager.save(DelegationEntity, ctx.manager.create(DelegationEntity, { ...fields, cancelledAt: null, cancelledByUserId: null }));
  }

  /** Marks it cancelled now; returns it as stored. */
  async cancel(ctx: RequestContext, id: number, byUserId: number | null): Promise<DelegationEntity> {
    await ctx.manager.query('UPDATE approval_delegation SET cancelled_at = now(), cancelled_by_user_id = $2 WHERE id = $1', [id, byUserId]);
    return ctx.manager.findOneByOrFail(DelegationEntity, { id });
  }

  private overlappingAll(ctx: RequestContext, organisationId: number, from: string, to: string): Promise<DelegationEntity[]> {
    return ctx.manager
      .createQueryBuilder(DelegationEntity, 'd')
      .where('d.organisation_id = :organisationId AND d.cancelled_at IS NULL', { organisationId })
      .andWhere('d.valid_from <= :to AND d.valid_to >= :from', { from, to })
      .orderBy('d.id')
      .getMany();
  }
}
