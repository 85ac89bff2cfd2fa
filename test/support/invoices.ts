import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { DocumentAllowanceChargeInput, InvoiceFromOrderInput, invoiceFromOrder } from '../../src/invoicing/invoice-from-order';
import { UblInvoiceOut, writeInvoice } from '../../src/peppol';
import { ORG } from './invoicing';

/**
 * The one builder of supplier invoices and credit notes for tests and benchmarks, right by
 * construction (the arithmetic and structure of src/invoicing/invoice-from-order.ts, which the
 * official rules accept) unless a test asks for a wrong one with `tamper`. Numbers are accepted as
 * well as decimal text for convenience (49.9 is written "49.9"; no arithmetic is done in floats).
 * Two ways in: `invoiceFor`/`invoiceXml` from an order's parties and lines (OrderToInvoice), and
 * `quickInvoiceXml` from a compact spec of the demo world (Kontorland invoicing Nordby skole),
 * which the intake and matching tests use; both end in invoiceFromOrder and writeInvoice.
 */

type Decimalish = string | number;

export interface InvoiceLineSpec {
  orderLineId?: string;
  sellerItemId?: string;
  gtin?: string;
  name: string;
  quantity: Decimalish;
  unitCode: string;
  /** Per one unit, excluding VAT. */
  unitPrice: Decimalish;
  vatRate: 25 | 15 | 12 | 0 | string;
  unspsc?: string;
}

/** What is invoiced: the parties, the order's references and the lines. */
export interface OrderToInvoice {
  seller: { orgNumber: string; name: string };
  buyer: { orgNumber: string; name: string };
  /** The order's number (cac:OrderReference/cbc:ID). */
  orderNumber?: string;
  /** The order's CustomerReference (cbc:BuyerReference). */
  buyerReference?: string;
  contractReference?: string;
  currency?: string;
  lines: InvoiceLineSpec[];
}

export interface InvoiceOptions {
  /** Unique by default (F-xxxxxxxx); give one to test duplicates. */
  invoiceNumber?: string;
  /** Today (UTC) by default; the due date 30 days later. */
  issueDate?: string;
  dueDate?: string;
  note?: string;
  /** A document level allowance (chargeIndicator false) or charge; amount decimal text, VAT rate of the category it applies to. */
  allowanceCharges?: (Omit<DocumentAllowanceChargeInput, 'amount' | 'vatRate'> & { amount: Decimalish; vatRate: Decimalish })[];
  payment?: { account: string; kid?: string };
  /** Changes the finished document, to produce a deliberately wrong one: `tamper: (d) => ({ ...d, buyerReference: undefined })`. A function that mutates and returns nothing is fine too. */
  tamper?: (doc: UblInvoiceOut) => UblInvoiceOut | void;
}

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function build(order: OrderToInvoice, opts: InvoiceOptions, extra: Partial<InvoiceFromOrderInput>): UblInvoiceOut {
  const issueDate = opts.issueDate ?? today();
  const doc = invoiceFromOrder({
    invoiceNumber: opts.invoiceNumber ?? `F-${randomUUID().slice(0, 8)}`,
    issueDate,
    dueDate: opts.dueDate ?? plusDays(issueDate, 30),
    currency: order.currency ?? 'NOK',
    seller: order.seller,
    buyer: order.buyer,
    orderNumber: order.orderNumber,
    buyerReference: order.buyerReference,
    contractReference: order.contractReference,
    note: opts.note,
    payment: opts.payment,
    lines: order.lines.map((l) => ({ ...l, quantity: String(l.quantity), unitPrice: String(l.unitPrice), vatRate: String(l.vatRate) })),
    allowanceCharges: opts.allowanceCharges?.map((ac) => ({ ...ac, amount: String(ac.amount), vatRate: String(ac.vatRate) })),
    ...extra,
  });
  return opts.tamper ? (opts.tamper(doc) ?? doc) : doc;
}

/** An invoice (380) for the order's lines, as given. */
export function invoiceFor(order: OrderToInvoice, opts: InvoiceOptions = {}): UblInvoiceOut {
  return build(order, opts, { kind: 'Invoice' });
}

/** A credit note (381) crediting `lines` (positive quantities) of an earlier invoice, which it names in cac:BillingReference. */
export function creditNoteFor(order: OrderToInvoice, invoice: { id: string; issueDate?: string }, opts: InvoiceOptions = {}): UblInvoiceOut {
  return build(order, opts, { kind: 'CreditNote', billingReferences: [{ id: invoice.id, issueDate: invoice.issueDate }] });
}

/** The XML of `invoiceFor`, ready to POST to /documents. */
export const invoiceXml = (order: OrderToInvoice, opts?: InvoiceOptions): string => writeInvoice(invoiceFor(order, opts));

/** The XML of `creditNoteFor`. */
export const creditNoteXml = (order: OrderToInvoice, invoice: { id: string; issueDate?: string }, opts?: InvoiceOptions): string => writeInvoice(creditNoteFor(order, invoice, opts));

/** An order as the GraphQL API returns it (ORDER_FIELDS in orders.ts): its lines to invoice, each quantity as ordered unless `quantities` (by lineId) says otherwise; lines given 0 are left out. */
export function linesOf(
  order: {
    lines: { lineId: string; name: string; quantity: string; unitCode: string; price: string; vatRate: string; sellerItemId?: string | null; gtin?: string | null; unspscCode?: string | null }[];
  },
  quantities: Record<string, Decimalish> = {},
): InvoiceLineSpec[] {
  return order.lines
    .map((l) => ({
      orderLineId: l.lineId,
      sellerItemId: l.sellerItemId ?? undefined,
      gtin: l.gtin ?? undefined,
      name: l.name,
      quantity: quantities[l.lineId] ?? l.quantity,
      unitCode: l.unitCode,
      unitPrice: l.price,
      vatRate: l.vatRate,
      unspsc: l.unspscCode ?? undefined,
    }))
    .filter((l) => Number(l.quantity) !== 0);
}

/** One line of a quick invoice: 25 % VAT and unit PK (the demo catalogue sells packs) unless given. */
export interface QuickInvoiceLine {
  quantity: string;
  price: string;
  orderLineId?: string;
  sellerItemId?: string;
  name?: string;
  vatPercent?: string;
  unitCode?: string;
}

/** A quick invoice or credit note in the demo world: Kontorland AS to Nordby skole unless `seller`/`buyer` (organisation numbers) say otherwise. */
export interface QuickInvoiceSpec {
  kind?: 'Invoice' | 'CreditNote';
  id: string;
  orderReference?: string;
  buyerReference?: string;
  contractReference?: string;
  billingReference?: string;
  seller?: string;
  /** Written instead of the seller's own NO…MVA, to make it wrong on purpose. */
  sellerVat?: string;
  buyer?: string;
  currency?: string;
  lines: QuickInvoiceLine[];
  /** Added to the payable amount as written, to make the arithmetic wrong on purpose. */
  payableOffset?: string;
  /**
   * An Invoice (380) that credits: every quantity and amount written negative (prices stay
   * positive, as BR-27 wants), the way some suppliers credit instead of sending a CreditNote.
   */
  negative?: boolean;
}

/** The issue and due dates of quick invoices (responses about them name the issue date). */
export const QUICK_ISSUE_DATE = '2026-12-01';
export const QUICK_DUE_DATE = '2026-12-31';

/**
 * A PEPPOL BIS Billing 3 invoice or credit note from a compact spec, right unless the spec asks
 * for a wrong one (sellerVat, payableOffset, or neither order nor buyer reference). An invoice
 * pays to account 12345678903 with its number as payment id; a credit note has no payment means.
 */
export function quickInvoiceXml(spec: QuickInvoiceSpec): string {
  const kind = spec.kind ?? 'Invoice';
  const noReference = !spec.orderReference && !spec.buyerReference;
  const doc = build(
    {
      seller: { orgNumber: spec.seller ?? ORG.kontorland, name: 'Kontorland AS' },
      buyer: { orgNumber: spec.buyer ?? ORG.skole, name: 'Nordby skole' },
      orderNumber: spec.orderReference,
      // invoiceFromOrder refuses an invoice without either reference: one is written, then taken out.
      buyerReference: noReference ? 'removed below' : spec.buyerReference,
      contractReference: spec.contractReference,
      currency: spec.currency,
      lines: spec.lines.map((l, i) => ({
        orderLineId: l.orderLineId,
        sellerItemId: l.sellerItemId,
        name: l.name ?? `Item ${i + 1}`,
        quantity: l.quantity,
        unitCode: l.unitCode ?? 'PK',
        unitPrice: l.price,
        vatRate: l.vatPercent ?? '25',
      })),
    },
    {
      invoiceNumber: spec.id,
      issueDate: QUICK_ISSUE_DATE,
      dueDate: QUICK_DUE_DATE,
      payment: kind === 'Invoice' ? { account: '12345678903', kid: spec.id } : undefined,
      tamper: (d) => {
        if (noReference) d.buyerReference = undefined;
        if (spec.sellerVat) d.seller.vatNumber = spec.sellerVat;
        if (spec.negative) negate(d);
        if (spec.payableOffset) d.totals.payableAmount = new Decimal(d.totals.payableAmount).plus(spec.payableOffset).toFixed(2);
      },
    },
    { kind, billingReferences: spec.billingReference ? [{ id: spec.billingReference }] : undefined },
  );
  return writeInvoice(doc);
}

/** Turns a right invoice into the same credit written negative: quantities, line, tax and total amounts; the arithmetic stays right. */
function negate(d: UblInvoiceOut): void {
  const minus = (v: Decimal.Value) => new Decimal(v).negated().toFixed(2);
  for (const l of d.lines) {
    l.quantity = new Decimal(l.quantity).negated().toFixed();
    l.lineExtensionAmount = minus(l.lineExtensionAmount);
  }
  d.taxTotal.taxAmount = minus(d.taxTotal.taxAmount);
  for (const s of d.taxTotal.subtotals) {
    s.taxableAmount = minus(s.taxableAmount);
    s.taxAmount = minus(s.taxAmount);
  }
  const t = d.totals;
  t.lineExtensionAmount = minus(t.lineExtensionAmount);
  t.taxExclusiveAmount = minus(t.taxExclusiveAmount);
  t.taxInclusiveAmount = minus(t.taxInclusiveAmount);
  t.payableAmount = minus(t.payableAmount);
  if (t.payableRoundingAmount !== undefined) t.payableRoundingAmount = minus(t.payableRoundingAmount);
}
