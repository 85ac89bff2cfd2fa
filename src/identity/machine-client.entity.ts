import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role';

/** A system that calls Torg with client-credentials tokens for one organisation (see machine-clients.service.ts). */
@Entity('machine_client')
export class MachineClientEntity {
  @PrimaryGeneratedColumn() id: number;
  /** The OAuth2 client id its tokens carry (`client_id`, else `azp`). */
  @Column({ name: 'client_id', type: 'text' }) clientId: string;
  @Column({ name: 'organisation_id' }) organisationId: number;
  @Column() name: string;
  @Column({ type: 'text', array: true }) roles: Role[];
  @Column({ name: 'created_by', type: 'int', nullable: true }) createdBy: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_by', type: 'int', nullable: true }) revokedBy: number | null;
}
