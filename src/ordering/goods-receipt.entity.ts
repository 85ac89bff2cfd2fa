import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What the buyer received of an order at one time (migration 54). */
@Entity('goods_receipt')
export class GoodsReceiptEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'order_id' }) orderId: number;
  @Column({ name: 'received_by_user_id' }) receivedByUserId: number;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** The despatch advice the goods came with, when the receiver named one. */
  @Column({ name: 'despatch_advice_id', type: 'int', nullable: true }) despatchAdviceId: number | null;
}

/** One order line in a receipt: a positive quantity received, or a negative one returned (with a reason). */
@Entity('goods_receipt_line')
export class GoodsReceiptLineEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'goods_receipt_id' }) goodsReceiptId: number;
  @Column({ name: 'order_line_id' }) orderLineId: number;
  @Column({ type: 'numeric' }) quantity: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /** The receiver confirmed taking in more than ordered. */
  @Column({ name: 'over_receipt_confirmed' }) overReceiptConfirmed: boolean;
}
