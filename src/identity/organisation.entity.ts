import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { OrganisationKind } from './organisation-kind';

export { OrganisationKind };

@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
  @Column({ name: 'org_number', type: 'char', length: 9 }) orgNumber: string;
  @Column({ type: 'text' }) kind: OrganisationKind;
  @Column({ name: 'parent_id', type: 'int', nullable: true }) parentId: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
