import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A user's cart in one organisation. At most one is OPEN per user and organisation; submitting will close it. */
@Entity('cart')
export class CartEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'organisation_id' }) organisationId: number;
  @Column({ name: 'owner_user_id' }) ownerUserId: number;
  @Column({ type: 'text' }) status: 'OPEN' | 'SUBMITTED';
  /** The number the next line gets; lines keep theirs when others are removed. */
  @Column({ name: 'next_line_no' }) nextLineNo: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
