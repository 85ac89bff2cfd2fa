import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { DeliveryAddressEntity } from './delivery-address.entity';

/** The one home of the SQL on `delivery_address`. */
@Injectable()
export class DeliveryAddressRepository {
  find(ctx: RequestContext, id: number): Promise<DeliveryAddressEntity | null> {
    return ctx.manager.findOneBy(DeliveryAddressEntity, { id });
  }

  /** The organisation's address with this label, letter case ignored. */
  byLabel(ctx: RequestContext, organisationId: number, label: string): Promise<DeliveryAddressEntity | null> {
    return ctx.manager.createQueryBuilder(DeliveryAddressEntity, 'a').where('a.organisation_id = :organisationId AND lower(a.label) = lower(:label)', { organisationId, label }).getOne();
  }

  page(ctx: RequestContext, organisationId: number, includeInactive: boolean, offset: number, limit: number): Promise<[DeliveryAddressEntity[], number]> {
    const qb = ctx.manager.createQueryBuilder(DeliveryAddressEntity, 'a').where('a.organisation_id = :organisationId', { organisationId });
    if (!includeInactive) qb.andWhere('a.active');
    return qb.orderBy('lower(a.label)').addOrderBy('a.id').offset(offset).limit(limit).getManyAndCount();
  }

  /** Serialises label changes of one organisation's addresses until the transaction ends (see CostCentreRepository.lockOrganisation). */
  async lockOrganisation(ctx: RequestContext, organisationId: number): Promise<void> {
    await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('delivery_address'), $1)`, [organisationId]);
  }

  create(ctx: RequestContext, fields: Omit<DeliveryAddressEntity, 'id' | 'active' | 'createdAt' | 'updatedAt'>): Promise<DeliveryAddressEntity> {
    return ctx.manager.save(DeliveryAddressEntity, ctx.manager.create(DeliveryAddressEntity, { ...fields, active: true }));
  }

  save(ctx: RequestContext, address: DeliveryAddressEntity): Promise<DeliveryAddressEntity> {
    return ctx.manager.save(DeliveryAddressEntity, address);
  }
}
