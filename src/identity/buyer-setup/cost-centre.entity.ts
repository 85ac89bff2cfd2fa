import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('cost_centre')
export class CostCentreEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'organisation_id' }) organisationId: number;
  @Column() code: string;
  @Column() name: string;
  @Column({ name: 'owner_user_id' }) ownerUserId: number;
  @Column() active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A cost centre's budget for one year (numeric: a decimal string). */
@Entity('cost_centre_budget')
export class CostCentreBudgetEntity {
  @PrimaryColumn({ name: 'cost_centre_id' }) costCentreId: number;
  @PrimaryColumn({ type: 'smallint' }) year: number;
  @Column({ type: 'numeric' }) amount: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
