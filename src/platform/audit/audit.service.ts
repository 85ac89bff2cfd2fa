import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { AuditEventEntity } from './audit-event.entity';

/** Writes who did what (a user, or a machine client), in the caller's transaction, beside the state change it describes. */
@Injectable()
export class AuditService {
  async record(ctx: RequestContext, action: string, entityType: string, entityId: string | number, data: Record<string, unknown> = {}): Promise<void> {
    await ctx.manager.insert(AuditEventEntity, {
      actorUserId: ctx.caller?.userId ?? null,
      actorClientId: ctx.caller?.machineClientId ?? null,
      actorOrgId: ctx.caller?.organisationId ?? null,
      requestId: ctx.requestId ?? null,
      action,
      entityType,
      entityId: String(entityId),
      data: data as object,
    });
  }
}
