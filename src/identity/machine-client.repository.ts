import { Injectable } from '@nestjs/common';
import type { MachineClientRecord } from '../platform/auth/machine-client-directory';
import { RequestContext } from '../platform/context/request-context';
import { MachineClientEntity } from './machine-client.entity';
import { Role } from './role';
import { preparedQueryIn } from '../platform/database/prepared-query';

/** The one home of the SQL on `machine_client`. */
@Injectable()
export class MachineClientRepository {
  /** The client, locked for the rest of the transaction when `lock` is set (revoking). */
  byId(ctx: RequestContext, id: number, lock = false): Promise<MachineClientEntity | null> {
    return ctx.manager.findOne(MachineClientEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Registrations of one client id take turns until the transaction ends, so two at once cannot both pass the check for an active one. */
  async lockClientId(ctx: RequestContext, clientId: string): Promise<void> {
    await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('machine_client:' || $1))`, [clientId]);
  }

  activeByClientId(ctx: RequestContext, clientId: string): Promise<MachineClientEntity | null> {
    return ctx.manager.createQueryBuilder(MachineClientEntity, 'c').where('c.client_id = :clientId AND c.revoked_at IS NULL', { clientId }).getOne();
  }

  /** The organisation's active clients, oldest first. */
  activeOf(ctx: RequestContext, organisationId: number): Promise<MachineClientEntity[]> {
    return ctx.manager.createQueryBuilder(MachineClientEntity, 'c').where('c.organisation_id = :organisationId AND c.revoked_at IS NULL', { organisationId }).orderBy('c.id').getMany();
  }

  /** The organisation's clients, revoked ones too, oldest first. */
  page(ctx: RequestContext, organisationId: number, offset: number, limit: number): Promise<[MachineClientEntity[], number]> {
    return ctx.manager.findAndCount(MachineClientEntity, { where: { organisationId }, order: { id: 'ASC' }, skip: offset, take: limit });
  }

  create(ctx: RequestContext, fields: { clientId: string; organisationId: number; name: string; roles: Role[]; createdBy: number | null }): Promise<MachineClientEntity> {
    return ctx.manager.save(MachineClientEntity, ctx.manager.create(MachineClientEntity, { ...fields, revokedAt: null, revokedBy: null }));
  }

  save(ctx: RequestContext, client: MachineClientEntity): Promise<MachineClientEntity> {
    return ctx.manager.save(MachineClientEntity, client);
  }

  /** What authentication needs, by client id: the active registration, else the latest revoked one. */
  async recordByClientId(ctx: RequestContext, clientId: string): Promise<MachineClientRecord | undefined> {
    return this.record(ctx, 'c.client_id = $1 ORDER BY c.revoked_at DESC NULLS FIRST LIMIT 1', clientId);
  }

  async recordById(ctx: RequestContext, id: number): Promise<MachineClientRecord | undefined> {
    return this.record(ctx, 'c.id = $1', id);
  }

  private async record(ctx: RequestContext, where: string, value: unknown): Promise<MachineClientRecord | undefined> {
    const [row]: { id: number; client_id: string; organisation_id: number; org_number: string; roles: string[]; revoked_at: Date | null }[] = await preparedQueryIn(
      ctx.manager,
      `SELECT c.id, c.client_id, c.organisation_id, o.org_number, c.roles, c.revoked_at FROM machine_client c JOIN organisation o ON o.id = c.organisation_id WHERE ${where}`,
      [value],
    );
    return row && { id: row.id, clientId: row.client_id, organisationId: row.organisation_id, orgNumber: row.org_number, roles: row.roles, revokedAt: row.revoked_at };
  }
}
