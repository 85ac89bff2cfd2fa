import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from './order-status';

export type ApprovalRouteTaken = 'WITHIN_OWN_LIMIT' | 'NEEDS_APPROVAL';

/**
 * A requisition and the order it becomes (see migration 50). Amounts are numeric in the
 * database and decimal text here; `version` is the optimistic lock, bumped by every save.
 */
@Entity('purchase_order')
export class PurchaseOrderEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'requisition_no' }) requisitionNo: string;
  @Column({ name: 'order_no', type: 'text', nullable: true }) orderNo: string | null;
  @Column() version: number;
  @Column({ type: 'text' }) status: OrderStatus;
  @Column({ name: 'buyer_organisation_id' }) buyerOrganisationId: number;
  @Column({ name: 'requester_user_id' }) requesterUserId: number;
  @Column({ name: 'supplier_id', type: 'int', nullable: true }) supplierId: number | null;
  /** A supplier not registered in Torg, named in free text: the order is placed outside Torg. */
  @Column({ name: 'supplier_name', type: 'text', nullable: true }) supplierName: string | null;
  /** The framework agreement of its catalogue lines (cac:Contract), when it has one. */
  @Column({ name: 'agreement_id', type: 'int', nullable: true }) agreementId: number | null;
  @Column({ name: 'cost_centre_id' }) costCentreId: number;
  @Column({ name: 'budget_year', type: 'smallint' }) budgetYear: number;
  @Column({ name: 'accounting_string', type: 'text', nullable: true }) accountingString: string | null;
  @Column({ name: 'delivery_address_id' }) deliveryAddressId: number;
  @Column({ name: 'wanted_delivery_date', type: 'date', nullable: true }) wantedDeliveryDate: string | null;
  @Column({ name: 'note_to_supplier', type: 'text', nullable: true }) noteToSupplier: string | null;
  @Column({ name: 'customer_reference', type: 'text', nullable: true }) customerReference: string | null;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ name: 'line_extension_amount', type: 'numeric' }) lineExtensionAmount: string;
  @Column({ name: 'vat_amount', type: 'numeric' }) vatAmount: string;
  @Column({ name: 'tax_inclusive_amount', type: 'numeric' }) taxInclusiveAmount: string;
  @Column({ name: 'cart_id', type: 'int', nullable: true }) cartId: number | null;
  @Column({ name: 'approval_route', type: 'text' }) approvalRoute: ApprovalRouteTaken;
  @Column({ name: 'decided_by_user_id', type: 'int', nullable: true }) decidedByUserId: number | null;
  /** The principal whose authority a substitute used. */
  @Column({ name: 'decided_on_behalf_of', type: 'int', nullable: true }) decidedOnBehalfOf: number | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decision_comment', type: 'text', nullable: true }) decisionComment: string | null;
  @Column({ name: 'budget_override_reason', type: 'text', nullable: true }) budgetOverrideReason: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
