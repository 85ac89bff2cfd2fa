import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role';

@Entity('membership')
export class MembershipEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'user_id' }) userId: number;
  @Column({ name: 'organisation_id' }) organisationId: number;
  @Column({ type: 'text', array: true }) roles: Role[];
}
