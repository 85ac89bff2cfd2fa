import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('unspsc_node')
export class UnspscNodeEntity {
  @PrimaryColumn({ type: 'char', length: 8 }) code: string;
  @Column({ type: 'smallint' }) level: number;
  @Column() title: string;
  @Column({ name: 'parent_code', type: 'char', length: 8, nullable: true }) parentCode: string | null;
  @Column() version: string;
  @Column() deprecated: boolean;
}
