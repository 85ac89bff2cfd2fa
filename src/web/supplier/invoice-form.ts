import { parseDecimal, type FieldError } from './order-answer';

/**
 * "Create invoice" on the order page, for a supplier with no e-invoicing system: the form as
 * typed, checked as far as the browser can (the server checks the account's check digits and
 * everything else, and its problems come back by field, see `serverFieldOf`), and turned into the
 * API's CreateInvoiceFromOrderInput. Quantities start at what was agreed; an empty or 0 line is
 * not invoiced this time.
 */
export interface InvoiceLineDraft {
  lineId: string;
  ordered: string;
  quantity: string;
}

export interface InvoiceDraft {
  /** Empty: Torg numbers it (the order number with a running suffix). */
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  paymentAccount: string;
  kid: string;
  note: string;
  lines: InvoiceLineDraft[];
  /**
   * Made once per draft and sent with every attempt: a retry after a lost answer gets the invoice
   * the first attempt made, not a second one. A new draft (after an invoice is made) gets a new one.
   */
  idempotencyKey: string;
}

export interface CreateInvoiceInput {
  orderId: number;
  invoiceNumber?: string;
  issueDate: string;
  dueDate: string;
  paymentAccount: string;
  kid?: string;
  note?: string;
  lines: { lineId: string; quantity: string }[];
  idempotencyKey?: string;
}

/** A fresh idempotency key: a UUID (crypto.randomUUID in every browser Torg supports, on https and localhost). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's start: every line as agreed, issued today, due in 30 days. */
export function newInvoiceDraft(lines: { lineId: string; quantity: string }[], today: string): InvoiceDraft {
  return {
    invoiceNumber: '',
    issueDate: today,
    dueDate: plusDays(today, 30),
    paymentAccount: '',
    kid: '',
    note: '',
    lines: lines.map((l) => ({ lineId: l.lineId, ordered: l.quantity, quantity: l.quantity.includes('.') ? l.quantity.replace(/\.?0+$/, '').replace('.', ',') : l.quantity })),
    idempotencyKey: newIdempotencyKey(),
  };
}

const compare = (a: string, b: string) => {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const big = (d: string) => BigInt(d.replace('.', '') + '0'.repeat(scale - (d.split('.')[1]?.length ?? 0)));
  const d = big(a) - big(b);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};

export function checkInvoice(draft: InvoiceDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (draft.invoiceNumber.trim().length > 200) errors.push({ field: 'invoiceNumber', key: 'supplierPortal.invoice.errors.number' });
  if (!DATE.test(draft.issueDate)) errors.push({ field: 'issueDate', key: 'supplierPortal.errors.date' });
  if (!DATE.test(draft.dueDate)) errors.push({ field: 'dueDate', key: 'supplierPortal.errors.date' });
  else if (DATE.test(draft.issueDate) && draft.dueDate < draft.issueDate) errors.push({ field: 'dueDate', key: 'supplierPortal.invoice.errors.dueBeforeIssue' });
  const account = draft.paymentAccount.replace(/[\s.]/g, '');
  if (!/^\d{11}$/.test(account) && !/^[A-Za-z]{2}\d{2}[A-Za-z0-9]{11,30}$/.test(account)) errors.push({ field: 'paymentAccount', key: 'supplierPortal.invoice.errors.account' });
  if (draft.kid.trim() && !/^\d{2,25}$/.test(draft.kid.replace(/\s/g, ''))) errors.push({ field: 'kid', key: 'supplierPortal.invoice.errors.kid' });
  if (draft.note.length > 1000) errors.push({ field: 'note', key: 'supplierPortal.errors.noteTooLong' });
  let any = false;
  for (const l of draft.lines) {
    if (!l.quantity.trim()) continue;
    const q = parseDecimal(l.quantity);
    if (q === null || (q.split('.')[1]?.length ?? 0) > 4) errors.push({ field: `${l.lineId}.quantity`, key: 'supplierPortal.errors.quantity' });
    else if (compare(q, l.ordered) > 0) errors.push({ field: `${l.lineId}.quantity`, key: 'supplierPortal.invoice.errors.moreThanAgreed' });
    else if (compare(q, '0') > 0) any = true;
  }
  if (!any && !errors.some((e) => e.field.endsWith('.quantity'))) errors.push({ field: 'lines', key: 'supplierPortal.invoice.errors.nothing' });
  return errors;
}

export function toCreateInvoiceInput(orderId: number, draft: InvoiceDraft): CreateInvoiceInput {
  const number = draft.invoiceNumber.trim();
  const kid = draft.kid.replace(/\s/g, '');
  const note = draft.note.trim();
  return {
    orderId,
    ...(number ? { invoiceNumber: number } : {}),
    issueDate: draft.issueDate,
    dueDate: draft.dueDate,
    paymentAccount: draft.paymentAccount.trim(),
    ...(kid ? { kid } : {}),
    ...(note ? { note } : {}),
    lines: draft.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity.trim() ? parseDecimal(l.quantity)! : '0' })),
    ...(draft.idempotencyKey ? { idempotencyKey: draft.idempotencyKey } : {}),
  };
}

/**
 * The form field a server problem names (`lines[2].quantity` → the third line's quantity), so
 * the message appears beside what to correct; null when it is about the invoice as a whole.
 */
export function serverFieldOf(field: string | null, draft: InvoiceDraft): string | null {
  if (!field) return null;
  const line = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
  if (line) {
    const l = draft.lines[Number(line[1])];
    return l ? `${l.lineId}.quantity` : 'lines';
  }
  return field;
}
