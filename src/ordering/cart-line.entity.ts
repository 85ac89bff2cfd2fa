import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { JustificationCode, LineKind, LineLoyalty } from './cart-line-kinds';

/**
 * One line of a cart. A CATALOGUE line is a snapshot of a published item as it was when added
 * (never changed by later catalogue versions: a re-check on read reports the difference); a
 * FREE_TEXT line describes a need no catalogue covers, with an estimated price. Amounts are
 * numeric in the database and decimal text here.
 */
@Entity('cart_line')
export class CartLineEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'cart_id' }) cartId: number;
  @Column({ name: 'line_no' }) lineNo: number;
  @Column({ type: 'text' }) kind: LineKind;
  /** Item name, or the free-text description. */
  @Column() name: string;
  @Column({ name: 'unspsc_code', type: 'char', length: 8 }) unspscCode: string;
  @Column({ type: 'numeric' }) quantity: string;
  @Column({ name: 'unit_code' }) unitCode: string;
  /** Agreed (catalogue) or estimated (free text) unit price excluding VAT. */
  @Column({ name: 'unit_price', type: 'numeric' }) unitPrice: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ name: 'vat_rate', type: 'numeric' }) vatRate: string;
  @Column({ name: 'catalogue_item_id', type: 'bigint', nullable: true }) catalogueItemId: string | null;
  @Column({ name: 'catalogue_version_id', type: 'int', nullable: true }) catalogueVersionId: number | null;
  @Column({ name: 'agreement_id', type: 'int', nullable: true }) agreementId: number | null;
  @Column({ name: 'seller_item_id', type: 'text', nullable: true }) sellerItemId: string | null;
  @Column({ type: 'text', nullable: true }) gtin: string | null;
  /** The catalogue's supplier, or the requester's preferred supplier for a free-text line. */
  @Column({ name: 'supplier_id', type: 'int', nullable: true }) supplierId: number | null;
  /** A preferred supplier named in free text (one not registered in Torg). */
  @Column({ name: 'supplier_name', type: 'text', nullable: true }) supplierName: string | null;
  @Column({ type: 'text' }) loyalty: LineLoyalty;
  /** For a free-text line: the agreements in force whose scope covers its category. */
  @Column({ name: 'covering_agreement_ids', type: 'int', array: true }) coveringAgreementIds: number[];
  @Column({ name: 'justification_code', type: 'text', nullable: true }) justificationCode: JustificationCode | null;
  @Column({ name: 'justification_text', type: 'text', nullable: true }) justificationText: string | null;
  /** Whether the item was eco-labelled as published when added (part of the snapshot); null for a free-text line: unknown. */
  @Column({ name: 'eco_labelled', type: 'boolean', nullable: true }) ecoLabelled: boolean | null;
  @Column({ name: 'added_at', type: 'timestamptz' }) addedAt: Date;
}
