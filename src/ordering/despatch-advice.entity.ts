import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** How a despatch advice reached Torg: the supplier's API call or a PEPPOL document on POST /documents. */
export type DespatchVia = 'API' | 'DOCUMENT';

/** The supplier's notice of goods on their way (migration 54). It moves no order state. */
@Entity('despatch_advice')
export class DespatchAdviceEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'order_id' }) orderId: number;
  /** The supplier's own id of the despatch (cbc:ID), unique per order. */
  @Column({ name: 'despatch_id' }) despatchId: string;
  @Column({ name: 'issue_date', type: 'date' }) issueDate: string;
  @Column({ name: 'expected_delivery_date', type: 'date', nullable: true }) expectedDeliveryDate: string | null;
  /** The end of the expected delivery period, when the supplier gave a period. */
  @Column({ name: 'expected_delivery_end', type: 'date', nullable: true }) expectedDeliveryEnd: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'text' }) via: DespatchVia;
  @Column({ name: 'created_by_user_id', type: 'int', nullable: true }) createdByUserId: number | null;
  @Column({ name: 'created_by_client_id', type: 'int', nullable: true }) createdByClientId: number | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** One order line in a despatch advice: delivered now, and what is still to come. */
@Entity('despatch_advice_line')
export class DespatchAdviceLineEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'despatch_advice_id' }) despatchAdviceId: number;
  @Column({ name: 'order_line_id' }) orderLineId: number;
  @Column({ name: 'delivered_quantity', type: 'numeric' }) deliveredQuantity: string;
  @Column({ name: 'outstanding_quantity', type: 'numeric', nullable: true }) outstandingQuantity: string | null;
  @Column({ name: 'outstanding_reason', type: 'text', nullable: true }) outstandingReason: string | null;
}
