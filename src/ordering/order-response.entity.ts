import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** UNCL 4343 as the supplier answers an order: AP accepted, RE rejected, CA accepted with changes, AB acknowledged. */
export type ResponseCodeValue = 'AP' | 'RE' | 'CA' | 'AB';
/** What the supplier said of one line: 5 accepted, 7 not accepted, 3 changed. */
export type LineCodeValue = '5' | '7' | '3';
export type ReceivedVia = 'API' | 'DOCUMENT';

/** One answer of the supplier to an order (see migration 52). Insert-only. */
@Entity('order_response')
export class OrderResponseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'order_id' }) orderId: number;
  @Column({ name: 'response_code', type: 'text' }) responseCode: ResponseCodeValue;
  /** The supplier's document's cbc:ID; null for an answer through the API. */
  @Column({ name: 'document_id', type: 'text', nullable: true }) documentId: string | null;
  @Column({ name: 'issue_date', type: 'date' }) issueDate: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'promised_delivery_start', type: 'date', nullable: true }) promisedDeliveryStart: string | null;
  @Column({ name: 'promised_delivery_end', type: 'date', nullable: true }) promisedDeliveryEnd: string | null;
  @Column({ name: 'received_via', type: 'text' }) receivedVia: ReceivedVia;
  @Column({ name: 'by_user_id', type: 'int', nullable: true }) byUserId: number | null;
  @Column({ name: 'by_client_id', type: 'int', nullable: true }) byClientId: number | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The answer for one order line. Insert-only. */
@Entity('order_response_line')
export class OrderResponseLineEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'response_id' }) responseId: number;
  @Column({ name: 'order_line_id' }) orderLineId: number;
  @Column({ name: 'line_code', type: 'text' }) lineCode: LineCodeValue;
  @Column({ type: 'numeric', nullable: true }) quantity: string | null;
  @Column({ type: 'numeric', nullable: true }) price: string | null;
  @Column({ name: 'promised_delivery_start', type: 'date', nullable: true }) promisedDeliveryStart: string | null;
  @Column({ name: 'promised_delivery_end', type: 'date', nullable: true }) promisedDeliveryEnd: string | null;
  @Column({ name: 'substitute_seller_item_id', type: 'text', nullable: true }) substituteSellerItemId: string | null;
  @Column({ name: 'substitute_name', type: 'text', nullable: true }) substituteName: string | null;
  @Column({ name: 'substitute_gtin', type: 'text', nullable: true }) substituteGtin: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
}
