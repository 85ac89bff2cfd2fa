import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { InvoiceStatus } from './invoice-status';

export type InvoiceKind = 'INVOICE' | 'CREDIT_NOTE';
export type StoredMatchMode = 'TWO_WAY' | 'THREE_WAY';
export type StoredLineMatchStatus = 'MATCHED' | 'PRICE_VARIANCE' | 'QUANTITY_VARIANCE' | 'NOT_RECEIVED' | 'NO_ORDER_LINE' | 'NOT_ON_AGREEMENT';
/** The Invoice Response (UNCL 4343 subset) the supplier should get for the invoice's state. */
export type WantedResponseCode = 'AB' | 'IP' | 'UQ' | 'CA' | 'RE' | 'AP' | 'PD';

/**
 * A received invoice or credit note (migration 80). Amounts are as written in the document
 * (positive for both kinds), numeric text here; `version` is the optimistic lock of decisions.
 */
@Entity('invoice')
export class InvoiceEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) kind: InvoiceKind;
  @Column({ name: 'invoice_number' }) invoiceNumber: string;
  /** UNCL 1001: 380 invoice, 381 credit note… */
  @Column({ name: 'type_code' }) typeCode: string;
  @Column({ name: 'supplier_id' }) supplierId: number;
  @Column({ name: 'buyer_organisation_id' }) buyerOrganisationId: number;
  @Column({ name: 'order_id', type: 'int', nullable: true }) orderId: number | null;
  @Column({ name: 'agreement_id', type: 'int', nullable: true }) agreementId: number | null;
  @Column({ name: 'credited_invoice_id', type: 'int', nullable: true }) creditedInvoiceId: number | null;
  @Column({ name: 'received_document_id', type: 'bigint', nullable: true }) receivedDocumentId: string | null;
  @Column({ name: 'issue_date', type: 'date' }) issueDate: string;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ name: 'buyer_reference', type: 'text', nullable: true }) buyerReference: string | null;
  @Column({ name: 'order_reference', type: 'text', nullable: true }) orderReference: string | null;
  @Column({ name: 'contract_reference', type: 'text', nullable: true }) contractReference: string | null;
  @Column({ name: 'accounting_cost', type: 'text', nullable: true }) accountingCost: string | null;
  @Column({ name: 'payment_id', type: 'text', nullable: true }) paymentId: string | null;
  @Column({ name: 'payment_account', type: 'text', nullable: true }) paymentAccount: string | null;
  @Column({ name: 'line_extension_amount', type: 'numeric' }) lineExtensionAmount: string;
  @Column({ name: 'allowance_total_amount', type: 'numeric' }) allowanceTotalAmount: string;
  @Column({ name: 'charge_total_amount', type: 'numeric' }) chargeTotalAmount: string;
  @Column({ name: 'tax_exclusive_amount', type: 'numeric' }) taxExclusiveAmount: string;
  @Column({ name: 'tax_amount', type: 'numeric' }) taxAmount: string;
  @Column({ name: 'tax_inclusive_amount', type: 'numeric' }) taxInclusiveAmount: string;
  @Column({ name: 'prepaid_amount', type: 'numeric' }) prepaidAmount: string;
  @Column({ name: 'payable_rounding_amount', type: 'numeric' }) payableRoundingAmount: string;
  @Column({ name: 'payable_amount', type: 'numeric' }) payableAmount: string;
  @Column({ type: 'text' }) status: InvoiceStatus;
  @Column({ name: 'match_mode', type: 'text', nullable: true }) matchMode: StoredMatchMode | null;
  @Column({ name: 'matched_at', type: 'timestamptz', nullable: true }) matchedAt: Date | null;
  @Column() version: number;
  @Column({ name: 'decided_by_user_id', type: 'int', nullable: true }) decidedByUserId: number | null;
  @Column({ name: 'decided_by_client_id', type: 'int', nullable: true }) decidedByClientId: number | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
  /** The Invoice Response the supplier should get now; invoice responses send it and set response_sent_at. */
  @Column({ name: 'response_code', type: 'text', nullable: true }) responseCode: WantedResponseCode | null;
  @Column({ name: 'response_sent_at', type: 'timestamptz', nullable: true }) responseSentAt: Date | null;
  /** The latest payment's date and reference accounts payable reported (migrations 110, 160); set once PARTLY_PAID or PAID. */
  @Column({ name: 'paid_on', type: 'date', nullable: true }) paidOn: string | null;
  @Column({ name: 'payment_reference', type: 'text', nullable: true }) paymentReference: string | null;
  /** What was paid of it so far (migration 160): 0 until paid, the payable amount once PAID. Its payments are in invoice_payment. */
  @Column({ name: 'paid_amount', type: 'numeric', insert: false }) paidAmount: string;
  @Column({ name: 'received_by_user_id', type: 'int', nullable: true }) receivedByUserId: number | null;
  @Column({ name: 'received_by_client_id', type: 'int', nullable: true }) receivedByClientId: number | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One invoice (or credit note) line as written, with the order line it was resolved to and its match status. */
@Entity('invoice_line')
export class InvoiceLineEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'invoice_id' }) invoiceId: number;
  /** 1, 2, … in document order. */
  @Column() position: number;
  /** cbc:ID of the line in the invoice. */
  @Column({ name: 'line_id' }) lineId: string;
  @Column({ type: 'numeric' }) quantity: string;
  @Column({ name: 'unit_code' }) unitCode: string;
  /** cac:Price/cbc:PriceAmount: the net price per base quantity. */
  @Column({ name: 'net_unit_price', type: 'numeric' }) netUnitPrice: string;
  @Column({ name: 'base_quantity', type: 'numeric' }) baseQuantity: string;
  @Column({ name: 'line_amount', type: 'numeric' }) lineAmount: string;
  @Column({ name: 'vat_category' }) vatCategory: string;
  @Column({ name: 'vat_rate', type: 'numeric' }) vatRate: string;
  @Column({ name: 'item_name' }) itemName: string;
  @Column({ name: 'seller_item_id', type: 'text', nullable: true }) sellerItemId: string | null;
  @Column({ type: 'text', nullable: true }) gtin: string | null;
  @Column({ name: 'unspsc_code', type: 'text', nullable: true }) unspscCode: string | null;
  @Column({ name: 'accounting_cost', type: 'text', nullable: true }) accountingCost: string | null;
  /** cac:OrderLineReference/cbc:LineID as written. */
  @Column({ name: 'order_line_ref', type: 'text', nullable: true }) orderLineRef: string | null;
  @Column({ name: 'order_line_id', type: 'int', nullable: true }) orderLineId: number | null;
  @Column({ name: 'match_status', type: 'text', nullable: true }) matchStatus: StoredLineMatchStatus | null;
}

/** VAT per category and rate, as the document's TaxSubtotal says. */
@Entity('invoice_vat_subtotal')
export class InvoiceVatSubtotalEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'invoice_id' }) invoiceId: number;
  @Column() category: string;
  @Column({ type: 'numeric' }) rate: string;
  @Column({ name: 'taxable_amount', type: 'numeric' }) taxableAmount: string;
  @Column({ name: 'tax_amount', type: 'numeric' }) taxAmount: string;
  @Column({ name: 'exemption_reason', type: 'text', nullable: true }) exemptionReason: string | null;
}

/** Why a line (or, with no line, the invoice) did not match: both sides and the difference, in NOK too. */
@Entity('invoice_match_reason')
export class InvoiceMatchReasonEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'invoice_id' }) invoiceId: number;
  @Column({ name: 'invoice_line_id', type: 'int', nullable: true }) invoiceLineId: number | null;
  @Column() code: string;
  @Column() message: string;
  @Column({ type: 'text', nullable: true }) expected: string | null;
  @Column({ type: 'text', nullable: true }) actual: string | null;
  @Column({ type: 'text', nullable: true }) difference: string | null;
  @Column({ name: 'difference_nok', type: 'numeric', nullable: true }) differenceNok: string | null;
}

/** A buyer organisation's default match mode and tolerance (the tolerance in the matcher's shape). */
@Entity('invoice_match_policy')
export class InvoiceMatchPolicyEntity {
  @PrimaryColumn({ name: 'buyer_organisation_id' }) buyerOrganisationId: number;
  @Column({ type: 'text' }) mode: StoredMatchMode;
  @Column({ type: 'jsonb' }) tolerance: Record<string, unknown>;
  @Column() version: number;
  @Column({ name: 'updated_by_user_id', type: 'int', nullable: true }) updatedByUserId: number | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A rule beside the policy: for a supplier and/or a UNSPSC prefix, another mode and/or tolerance. */
@Entity('invoice_match_rule')
export class InvoiceMatchRuleEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'buyer_organisation_id' }) buyerOrganisationId: number;
  @Column({ name: 'supplier_id', type: 'int', nullable: true }) supplierId: number | null;
  @Column({ name: 'unspsc_prefix', type: 'text', nullable: true }) unspscPrefix: string | null;
  @Column({ type: 'text', nullable: true }) mode: StoredMatchMode | null;
  @Column({ type: 'jsonb', nullable: true }) tolerance: Record<string, unknown> | null;
  @Column({ name: 'created_by_user_id', type: 'int', nullable: true }) createdByUserId: number | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The invoicing module's tables. */
export const INVOICING_ENTITIES = [InvoiceEntity, InvoiceLineEntity, InvoiceVatSubtotalEntity, InvoiceMatchReasonEntity, InvoiceMatchPolicyEntity, InvoiceMatchRuleEntity];
