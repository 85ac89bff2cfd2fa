import { INVOICE_STATUS_ACTIONS, INVOICE_STATUS_REASONS } from '../peppol';
import type { InvoiceResponseCode, InvoiceStatusAction, InvoiceStatusReason } from '../peppol';

/**
 * What Torg tells a supplier about its invoice, as a PEPPOL Invoice Response (BIS Invoice
 * Response 3, T111): the response code and the structured status reasons with text. Pure: the
 * invoicing service decides, this says how the decision reads to the supplier.
 */

/** A reason the matcher or accounts payable gave, as the invoice records it. */
export interface DecisionReason {
  /** A match reason code (PRICE_ABOVE_AGREED, NOT_RECEIVED, …), a line status (PRICE_VARIANCE, …) or an intake code (MISSING_REFERENCE, …). */
  code: string;
  /** The reason in plain words, shown to the supplier. */
  message: string;
}

export type InvoiceDecision =
  /** Received and stored; matching has not said anything yet. */
  | { kind: 'RECEIVED' }
  /** Matched except for what has not happened yet (goods not received, order response not accepted): re-matched when it does. */
  | { kind: 'WAITING'; reasons: DecisionReason[] }
  /** In the exception queue: accounts payable is looking at it. */
  | { kind: 'EXCEPTION'; reasons: DecisionReason[] }
  /** Approved: automatically (matched), or by accounts payable after an exception (the reason stays inside Torg). */
  | { kind: 'APPROVED'; automatically: boolean }
  /**
   * Disputed back to the supplier: `replace` when the invoice will not be paid as it is and must
   * be credited and invoiced anew (RE), else the buyer waits for the supplier's answer (UQ).
   * `note` is accounts payable's message to the supplier.
   */
  | { kind: 'DISPUTED'; reasons: DecisionReason[]; note: string; replace: boolean; actions?: InvoiceResponseAction[] }
  /** Under query: accounts payable asks the supplier, with status reasons (and actions) as the person gave them (structured already); the invoice waits. */
  | { kind: 'QUERIED'; reasons: InvoiceResponseReason[]; actions?: InvoiceResponseAction[] }
  /** Paid in full, or in part (`partially` says what was paid and why not the rest). */
  | { kind: 'PAID'; partially?: string }
  /** Approved for payment on conditions (accounts payable's, structured already) that the supplier is told. */
  | { kind: 'CONDITIONALLY_ACCEPTED'; conditions: InvoiceResponseReason[] };

export interface InvoiceResponseReason {
  code: InvoiceStatusReason;
  text: string;
}

/** What the buyer asks the supplier to do (OPStatusAction), with an optional text. */
export interface InvoiceResponseAction {
  code: InvoiceStatusAction;
  text?: string;
}

export interface InvoiceResponsePlan {
  code: InvoiceResponseCode;
  /** One per status reason code, in the code list's order; required for UQ, CA and RE (PEPPOL-T111-R001). */
  reasons: InvoiceResponseReason[];
  /** The status actions asked, one per code, in the code list's order (absent: none). */
  actions?: InvoiceResponseAction[];
}

/** The status reason (OPStatusReason) each known Torg reason code reads as; an unknown code is OTH, with its message. */
export const STATUS_REASON_OF: Readonly<Record<string, InvoiceStatusReason>> = {
  // Price: the matcher's reasons and its line status.
  PRICE_VARIANCE: 'PRI',
  PRICE_ABOVE_AGREED: 'PRI',
  CREDIT_ABOVE_INVOICED_AMOUNT: 'PRI',
  TOTAL_ABOVE_EXPECTED: 'PRI',
  // Quantity.
  QUANTITY_VARIANCE: 'QTY',
  QUANTITY_ABOVE_ORDERED: 'QTY',
  QUANTITY_ABOVE_RECEIVED: 'QTY',
  UNIT_MISMATCH: 'QTY',
  CREDIT_ABOVE_INVOICED_QUANTITY: 'QTY',
  // Delivery: invoiced before the goods arrived.
  NOT_RECEIVED: 'DEL',
  // Items: lines the order or agreement does not have.
  NO_ORDER_LINE: 'ITM',
  AMBIGUOUS_ITEM: 'ITM',
  NOT_ON_AGREEMENT: 'ITM',
  // References: no or an unknown order, buyer reference or agreement.
  MISSING_REFERENCE: 'REF',
  NO_REFERENCE: 'REF',
  ORDER_NOT_FOUND: 'REF',
  UNKNOWN_ORDER: 'REF',
  BUYER_REFERENCE_MISMATCH: 'REF',
  AGREEMENT_NOT_FOUND: 'REF',
  BILLING_REFERENCE_NOT_FOUND: 'REF',
  // The order named is cancelled, declined or withdrawn: nothing of it is to be paid.
  ORDER_NOT_OPEN: 'REF',
  // Finance terms: a currency Torg does not match in, or other than the order's.
  CURRENCY: 'FIN',
  // ORDER_NOT_CONFIRMED (waiting for the supplier's order response) has no code of its own: OTH, with its message.
};

/** A status reason's text is one cbc:StatusReason; keep it readable and bounded however many lines an invoice has. */
export const MAX_REASON_TEXT = 1000;

export function statusReasonOf(code: string): InvoiceStatusReason {
  return Object.hasOwn(STATUS_REASON_OF, code) ? STATUS_REASON_OF[code] : 'OTH';
}

/** The response code and status reasons that answer `decision`. */
export function invoiceResponseFor(decision: InvoiceDecision): InvoiceResponsePlan {
  switch (decision.kind) {
    case 'RECEIVED':
      return { code: 'AB', reasons: [] };
    case 'WAITING':
    case 'EXCEPTION':
      // In process: the supplier need not act; the reasons say what the buyer is checking.
      return { code: 'IP', reasons: groupReasons(decision.reasons) };
    case 'APPROVED':
      // An approval after review tells the supplier no more than that: the reviewer's reason is internal.
      return { code: 'AP', reasons: decision.automatically ? [] : [{ code: 'NON', text: 'Accepted after review by accounts payable.' }] };
    case 'DISPUTED':
      return disputed(decision);
    case 'QUERIED':
      // UQ needs a reason (PEPPOL-T111-R001): a question without one is OTH.
      return {
        code: 'UQ',
        reasons: decision.reasons.length ? mergeByCode(decision.reasons) : [{ code: 'OTH', text: 'The buyer has a question about the invoice.' }],
        ...withActions(decision.actions),
      };
    case 'CONDITIONALLY_ACCEPTED':
      // CA needs a reason (PEPPOL-T111-R001): conditions without one are OTH.
      return { code: 'CA', reasons: decision.conditions.length ? mergeByCode(decision.conditions) : [{ code: 'OTH', text: 'Accepted on conditions.' }] };
    case 'PAID':
      return decision.partially === undefined ? { code: 'PD', reasons: [] } : { code: 'PD', reasons: [{ code: 'PPD', text: bounded(decision.partially.trim() || 'Partially paid.') }] };
  }
}

function disputed(decision: Extract<InvoiceDecision, { kind: 'DISPUTED' }>): InvoiceResponsePlan {
  return { ...disputedReasons(decision), ...withActions(decision.actions) };
}

/** `{ actions }` in the code list's order, one per code (texts joined), or nothing when none were asked. */
function withActions(actions: readonly InvoiceResponseAction[] | undefined): Pick<InvoiceResponsePlan, 'actions'> {
  if (!actions?.length) return {};
  const byCode = new Map<InvoiceStatusAction, string[]>();
  for (const a of actions) byCode.set(a.code, [...(byCode.get(a.code) ?? []), ...(a.text?.trim() ? [a.text.trim()] : [])]);
  return {
    actions: INVOICE_STATUS_ACTIONS.filter((c) => byCode.has(c)).map((code) => {
      const texts = byCode.get(code)!;
      return texts.length ? { code, text: joined(texts) } : { code };
    }),
  };
}

function disputedReasons(decision: Extract<InvoiceDecision, { kind: 'DISPUTED' }>): InvoiceResponsePlan {
  const code: InvoiceResponseCode = decision.replace ? 'RE' : 'UQ';
  const note = decision.note.trim();
  const reasons = groupReasons(decision.reasons);
  // UQ and RE need a reason; a dispute about something the matcher cannot see (quality, terms) is OTH with the note.
  if (reasons.length === 0) return { code, reasons: [{ code: 'OTH', text: bounded(note || 'Disputed by the buyer.') }] };
  if (!note) return { code, reasons };
  // The note is the buyer's own word: it leads the first reason, so the supplier reads it first.
  const [first, ...rest] = reasons;
  return { code, reasons: [{ code: first.code, text: bounded(`${note} ${first.text}`) }, ...rest] };
}

/** Structured reasons, one status per code in the code list's order (UBL holds one code per cac:Status), texts joined and bounded. */
function mergeByCode(reasons: readonly InvoiceResponseReason[]): InvoiceResponseReason[] {
  const byCode = new Map<InvoiceStatusReason, string[]>();
  for (const r of reasons) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.text.trim() || r.code]);
  return INVOICE_STATUS_REASONS.filter((c) => byCode.has(c)).map((code) => ({ code, text: joined(byCode.get(code)!) }));
}

/** One status per status reason code (in the code list's order), its text the messages joined. */
export function groupReasons(reasons: readonly DecisionReason[]): InvoiceResponseReason[] {
  const byCode = new Map<InvoiceStatusReason, string[]>();
  for (const r of reasons) {
    const code = statusReasonOf(r.code);
    const message = r.message.trim() || r.code;
    const messages = byCode.get(code) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byCode.set(code, messages);
  }
  return INVOICE_STATUS_REASONS.filter((c) => byCode.has(c)).map((code) => ({ code, text: joined(byCode.get(code)!) }));
}

/** Messages joined with "; ", ending in "(and n more)" when they would not fit. */
function joined(messages: string[]): string {
  let text = '';
  for (let i = 0; i < messages.length; i++) {
    const next = text ? `${text}; ${messages[i]}` : messages[i];
    const rest = messages.length - i - 1;
    const suffix = rest > 0 ? ` (and ${rest} more)` : '';
    if (next.length + suffix.length > MAX_REASON_TEXT) return text ? `${text} (and ${messages.length - i} more)` : bounded(messages[i], suffix);
    text = next;
  }
  return text;
}

/** The text cut to MAX_REASON_TEXT characters (with "…"), `suffix` kept whole at its end. */
const bounded = (text: string, suffix = '') => (text.length + suffix.length <= MAX_REASON_TEXT ? text + suffix : `${text.slice(0, MAX_REASON_TEXT - suffix.length - 1)}…${suffix}`);
