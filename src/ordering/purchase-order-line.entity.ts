import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { JustificationCode, LineKind, LineLoyalty } from './cart-line-kinds';

/** What the supplier said of a line: OPEN until an order response; CANCELLED when the buyer took it out. */
export type OrderLineStatus = 'OPEN' | 'ACCEPTED' | 'NOT_ACCEPTED' | 'CHANGED' | 'CANCELLED';

/**
 * One line of an order: the cart line's snapshot as submitted, with agreement loyalty as decided
 * when it was added (measured later). `lineNo` is the UBL LineID the supplier's documents name.
 */
@Entity('purchase_order_line')
export class PurchaseOrderLineEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'order_id' }) orderId: number;
  @Column({ name: 'line_no' }) lineNo: number;
  @Column({ type: 'text' }) kind: LineKind;
  @Column() name: string;
  @Column({ name: 'unspsc_code', type: 'char', length: 8 }) unspscCode: string;
  @Column({ type: 'numeric' }) quantity: string;
  @Column({ name: 'unit_code' }) unitCode: string;
  @Column({ name: 'unit_price', type: 'numeric' }) unitPrice: string;
  @Column({ name: 'vat_rate', type: 'numeric' }) vatRate: string;
  @Column({ name: 'catalogue_item_id', type: 'bigint', nullable: true }) catalogueItemId: string | null;
  @Column({ name: 'catalogue_version_id', type: 'int', nullable: true }) catalogueVersionId: number | null;
  @Column({ name: 'agreement_id', type: 'int', nullable: true }) agreementId: number | null;
  @Column({ name: 'seller_item_id', type: 'text', nullable: true }) sellerItemId: string | null;
  @Column({ type: 'text', nullable: true }) gtin: string | null;
  @Column({ type: 'text' }) loyalty: LineLoyalty;
  @Column({ name: 'covering_agreement_ids', type: 'int', array: true }) coveringAgreementIds: number[];
  @Column({ name: 'justification_code', type: 'text', nullable: true }) justificationCode: JustificationCode | null;
  @Column({ name: 'justification_text', type: 'text', nullable: true }) justificationText: string | null;
  /** The cart line's eco-label flag as snapshot (null for a free-text line: unknown); insights' eco-labelled spend counts it. */
  @Column({ name: 'eco_labelled', type: 'boolean', nullable: true }) ecoLabelled: boolean | null;
  @Column({ type: 'text' }) status: OrderLineStatus;
  /** The item the supplier delivers instead, once the buyer accepted its substitution (order response CA). */
  @Column({ name: 'substitute_seller_item_id', type: 'text', nullable: true }) substituteSellerItemId: string | null;
  @Column({ name: 'substitute_name', type: 'text', nullable: true }) substituteName: string | null;
  @Column({ name: 'substitute_gtin', type: 'text', nullable: true }) substituteGtin: string | null;
}
