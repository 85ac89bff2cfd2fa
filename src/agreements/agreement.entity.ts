import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { UnspscFallback } from './unspsc-fallback';

@Entity('agreement')
export class AgreementEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'purchasing_unit_id' }) purchasingUnitId: number;
  @Column({ name: 'supplier_id' }) supplierId: number;
  @Column() reference: string;
  @Column() title: string;
  /** ISO dates (YYYY-MM-DD); in force when today lies within [validFrom, validTo]. */
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date' }) validTo: string;
  @Column() mandatory: boolean;
  @Column({ type: 'char', length: 3 }) currency: string;
  /** The most all participants together may order under it, in its currency (numeric text); null: no ceiling. */
  @Column({ name: 'value_ceiling', type: 'numeric', nullable: true }) valueCeiling: string | null;
  /** What its catalogues do with a UNSPSC code not in the code set. */
  @Column({ name: 'unspsc_fallback', type: 'text', default: UnspscFallback.STRICT }) unspscFallback: UnspscFallback;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
