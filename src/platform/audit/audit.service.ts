import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { BatchStatement, writeBeforeCommit } from '../database/before-commit';

/** An audit event to write; `data` is its JSON, made when it was recorded (later changes to the objects it names do not reach it). */
interface NewAuditEvent {
  actorUserId: number | null;
  actorClientId: number | null;
  actorOrgId: number | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: string;
}

/** The batch kind of audit events in a transaction. */
const AUDIT_EVENTS = {};

/** Every event in one statement, in the order recorded (`occurred_at` is the transaction's time, now()). */
function writeEvents(events: NewAuditEvent[]): BatchStatement {
  const column = <K extends keyof NewAuditEvent>(key: K) => events.map((e) => e[key]);
  return {
    sql: `INSERT INTO audit_event (actor_user_id, actor_client_id, actor_org_id, request_id, action, entity_type, entity_id, data)
     SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])`,
    params: [column('actorUserId'), column('actorClientId'), column('actorOrgId'), column('requestId'), column('action'), column('entityType'), column('entityId'), column('data')],
  };
}

/**
 * Writes who did what (a user, or a machine client), in the caller's transaction, beside the
 * state change it describes. Inside a transaction the events are written together just before
 * it commits (one statement instead of one per event); nothing reads them back before then.
 */
@Injectable()
export class AuditService {
  async record(ctx: RequestContext, action: string, entityType: string, entityId: string | number, data: Record<string, unknown> = {}): Promise<void> {
    await writeBeforeCommit<NewAuditEvent>(
      ctx.manager,
      AUDIT_EVENTS,
      {
        actorUserId: ctx.caller?.userId ?? null,
        actorClientId: ctx.caller?.machineClientId ?? null,
        actorOrgId: ctx.caller?.organisationId ?? null,
        requestId: ctx.requestId ?? null,
        action,
        entityType,
        entityId: String(entityId),
        data: JSON.stringify(data),
      },
      writeEvents,
    );
  }
}
