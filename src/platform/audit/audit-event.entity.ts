import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
  @Column({ name: 'actor_user_id', type: 'int', nullable: true }) actorUserId: number | null;
  /** The machine client that acted (identity's machine_client), when no person did. */
  @Column({ name: 'actor_client_id', type: 'int', nullable: true }) actorClientId: number | null;
  @Column({ name: 'actor_org_id', type: 'int', nullable: true }) actorOrgId: number | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column() action: string;
  @Column({ name: 'entity_type' }) entityType: string;
  @Column({ name: 'entity_id' }) entityId: string;
  @Column({ type: 'jsonb', default: {} }) data: Record<string, unknown>;
}
