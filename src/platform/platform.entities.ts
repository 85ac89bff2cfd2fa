import { AuditEventEntity } from './audit/audit-event.entity';

/** Platform's own table: audit_event. */
export const PLATFORM_ENTITIES = [AuditEventEntity];
