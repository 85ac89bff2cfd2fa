/**
 * What ordering and invoicing tell insights, in their own business transaction (SpendFacts).
 * Self-contained: insights imports no ordering or invoicing code, and keeps these as facts.
 * Amounts are decimal strings excluding VAT; times are ISO-8601 strings or Dates.
 */

/** How a line stood to the buyer's framework agreements when it was bought. */
export type OrderLineLoyalty = 'ON_AGREEMENT' | 'OFF_AGREEMENT' | 'NOT_COVERED';
/** An invoice line adds OFF_CATALOGUE: invoiced without an order (services, as the agreement allows). */
export type InvoiceLineLoyalty = OrderLineLoyalty | 'OFF_CATALOGUE';

export type FactTime = string | Date;

export interface OrderSpendLine {
  orderLineId: number;
  unspscCode: string;
  quantity: string;
  unitCode: string;
  unitPrice: string;
  /** quantity × unit price, rounded as a line amount, excluding VAT. */
  amount: string;
  loyalty: OrderLineLoyalty;
  /** The agreement of a catalogue line; null for a free-text line. */
  agreementId: number | null;
  /** Agreements in force whose scope covered the line's category (OFF_AGREEMENT lines name them). */
  coveringAgreementIds: number[];
  justificationCode: string | null;
  justificationText: string | null;
  catalogueItemId: string | null;
  /**
   * Whether the item was eco-labelled when it was put in the cart (the line's snapshot); null:
   * unknown (a free-text line). Absent in events queued before it was recorded: unknown too.
   */
  ecoLabelled?: boolean | null;
}

/** An order as approved: ordered spend from then on, unless it is cancelled or declined; once closed, as delivered. */
export interface OrderSpendFact {
  orderId: number;
  orderNo: string;
  buyerOrganisationId: number;
  /** Null for a supplier named only in free text, or none named (the order is placed outside Torg). */
  supplierId: number | null;
  /** The supplier's name as ordered; null when the requester named no supplier (a free-text line without one). */
  supplierName: string | null;
  agreementId: number | null;
  currency: string;
  submittedAt: FactTime;
  approvedAt: FactTime;
  lines: OrderSpendLine[];
}

export type InvoiceMatchStatus = 'MATCHED' | 'EXCEPTION' | 'WAITING';

/** The outcome of (re-)matching a received invoice: each call replaces the status; reasons seen are kept. */
export interface InvoiceMatchFact {
  invoiceId: number;
  buyerOrganisationId: number;
  supplierId: number;
  receivedAt: FactTime;
  status: InvoiceMatchStatus;
  reasonCodes: string[];
}

export interface InvoiceSpendLine {
  invoiceLineId: number;
  orderLineId: number | null;
  unspscCode: string | null;
  quantity: string;
  unitCode: string;
  /** Excluding VAT; negative for a credit note. */
  amount: string;
  loyalty: InvoiceLineLoyalty;
  agreementId: number | null;
  /** The order line's eco-label flag as ordered; null or absent: unknown (no order line, a free-text one, an event queued before it was recorded). */
  ecoLabelled?: boolean | null;
}

/** An approved invoice or credit note: invoiced spend. */
export interface InvoiceSpendFact {
  invoiceId: number;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  invoiceNumber: string;
  buyerOrganisationId: number;
  supplierId: number;
  agreementId: number | null;
  /** Null for an invoice without an order. */
  orderId: number | null;
  currency: string;
  /** The invoice's issue date (YYYY-MM-DD): invoiced spend falls in its month. */
  issueDate: string;
  receivedAt: FactTime;
  approvedAt: FactTime;
  /** When the order was submitted (order-to-invoice lead time); null without an order. */
  orderSubmittedAt: FactTime | null;
  lines: InvoiceSpendLine[];
}

/** The outbox topic whose handler writes the facts (key: `order:<id>` or `invoice:<id>`). */
export const SPEND_TOPIC = 'insights.spend';

/** One outbox message of SPEND_TOPIC; `recordedAt` orders the events of one source (a later one wins). */
export type SpendEvent =
  | { event: 'orderApproved'; recordedAt: string; fact: OrderSpendFact }
  /** Closed by the buyer: the order as delivered, replacing its lines as a newer approval does. */
  | { event: 'orderClosed'; recordedAt: string; fact: OrderSpendFact }
  | { event: 'orderCancelled'; recordedAt: string; orderId: number }
  | { event: 'invoiceMatched'; recordedAt: string; fact: InvoiceMatchFact }
  | { event: 'invoiceApproved'; recordedAt: string; fact: InvoiceSpendFact }
  /** Matched and approved in one step (intake's automatic approval): both facts, one message. */
  | { event: 'invoiceMatchedAndApproved'; recordedAt: string; match: InvoiceMatchFact; fact: InvoiceSpendFact };
