import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An approver's substitute for a period of Oslo dates (both ends included). */
@Entity('approval_delegation')
export class DelegationEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'organisation_id' }) organisationId: number;
  @Column({ name: 'principal_user_id' }) principalUserId: number;
  @Column({ name: 'substitute_user_id' }) substituteUserId: number;
  /** YYYY-MM-DD. */
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  /** YYYY-MM-DD, included. */
  @Column({ name: 'valid_to', type: 'date' }) validTo: string;
  @Column({ name: 'created_by_user_id', type: 'int', nullable: true }) createdByUserId: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'cancelled_by_user_id', type: 'int', nullable: true }) cancelledByUserId: number | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}
