import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CatalogueStatus } from './catalogue-status';

@Entity('catalogue_version')
export class CatalogueVersionEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'agreement_id' }) agreementId: number;
  @Column({ name: 'supplier_id' }) supplierId: number;
  @Column({ name: 'version_no' }) versionNo: number;
  @Column({ type: 'text' }) status: CatalogueStatus;
  @Column({ name: 'source_format' }) sourceFormat: string;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  @Column({ name: 'header_action' }) headerAction: string;
  @Column({ name: 'document_id', type: 'text', nullable: true }) documentId: string | null;
  @Column({ name: 'based_on_id', type: 'int', nullable: true }) basedOnId: number | null;
  @Column({ name: 'item_count' }) itemCount: number;
  /** REJECT: any bad line refused the file; EXCLUDE: the valid lines were stored, the bad ones recorded as notes. */
  @Column({ name: 'invalid_lines', type: 'text', default: 'REJECT' }) invalidLines: 'REJECT' | 'EXCLUDE';
  @Column({ name: 'excluded_line_count', default: 0 }) excludedLineCount: number;
  @Column({ name: 'warning_count', default: 0 }) warningCount: number;
  @Column({ name: 'created_by', type: 'int', nullable: true }) createdBy: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'decided_by', type: 'int', nullable: true }) decidedBy: number | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt: Date | null;
}
