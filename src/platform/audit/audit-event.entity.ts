import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
  @Column({ name: 'actor_user_id', type: 'int', nullable: true }) actorUserId: number | null;
  @Column({ name: 'actor_org_id', type: 'int', nullable: true }) actorOrgId: number | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column() action: string;
  @Column({ name: 'entity_type' }) entityType: string;
  @Column({ name: 'entity_id' }) entityId: string;
  @Column({ type: 'jsonb', default: {} }) data: Record<string, unknown>;
}
