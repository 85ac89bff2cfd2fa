import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A user's personal limit in an organisation: orders up to it (excluding VAT) need no approval. */
@Entity('approval_limit')
export class ApprovalLimitEntity {
  @PrimaryColumn({ name: 'organisation_id' }) organisationId: number;
  @PrimaryColumn({ name: 'user_id' }) userId: number;
  @Column({ type: 'numeric' }) amount: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A user may approve requisitions up to maxAmount on one cost centre, or on all of the organisation's (costCentreId null). */
@Entity('approver_right')
export class ApproverRightEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'organisation_id' }) organisationId: number;
  @Column({ name: 'user_id' }) userId: number;
  @Column({ name: 'cost_centre_id', type: 'int', nullable: true }) costCentreId: number | null;
  @Column({ name: 'max_amount', type: 'numeric' }) maxAmount: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
