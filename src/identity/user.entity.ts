import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() name: string;
  /** The `sub` claim of the OIDC provider, once the user has logged in through it. */
  @Column({ name: 'external_subject', type: 'text', nullable: true }) externalSubject: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
