import type { FactTime, InvoiceMatchFact, InvoiceSpendFact, OrderSpendFact } from './spend-facts.types';

const DECIMAL = /^-?\d{1,15}(\.\d{1,10})?$/;
const UNSPSC = /^\d{8}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a fact before it is queued. The callers are Torg's own modules, so a wrong fact is a
 * programming error (thrown, rolling the business transaction back) rather than user input:
 * better no approval than an approval whose spend is lost to a dead letter.
 */
export function checkOrderFact(f: OrderSpendFact): void {
  const where = `order ${f.orderId}`;
  checkTime(where, 'submittedAt', f.submittedAt);
  checkTime(where, 'approvedAt', f.approvedAt);
  checkCurrency(where, f.currency);
  for (const l of f.lines) {
    const at = `${where} line ${l.orderLineId}`;
    check(UNSPSC.test(l.unspscCode), at, `unspscCode ${l.unspscCode}`);
    for (const [name, value] of [
      ['quantity', l.quantity],
      ['unitPrice', l.unitPrice],
      ['amount', l.amount],
    ] as const)
      check(DECIMAL.test(value), at, `${name} ${value}`);
    check(['ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED'].includes(l.loyalty), at, `loyalty ${l.loyalty}`);
  }
}

export function checkMatchFact(f: InvoiceMatchFact): void {
  const where = `invoice ${f.invoiceId}`;
  checkTime(where, 'receivedAt', f.receivedAt);
  check(['MATCHED', 'EXCEPTION', 'WAITING'].includes(f.status), where, `status ${f.status}`);
}

export function checkInvoiceFact(f: InvoiceSpendFact): void {
  const where = `invoice ${f.invoiceId}`;
  check(f.kind === 'INVOICE' || f.kind === 'CREDIT_NOTE', where, `kind ${f.kind}`);
  check(DATE.test(f.issueDate), where, `issueDate ${f.issueDate}`);
  checkTime(where, 'receivedAt', f.receivedAt);
  checkTime(where, 'approvedAt', f.approvedAt);
  if (f.orderSubmittedAt !== null) checkTime(where, 'orderSubmittedAt', f.orderSubmittedAt);
  checkCurrency(where, f.currency);
  for (const l of f.lines) {
    const at = `${where} line ${l.invoiceLineId}`;
    check(l.unspscCode === null || UNSPSC.test(l.unspscCode), at, `unspscCode ${l.unspscCode}`);
    check(DECIMAL.test(l.quantity) && DECIMAL.test(l.amount), at, `quantity ${l.quantity} / amount ${l.amount}`);
    check(['ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED', 'OFF_CATALOGUE'].includes(l.loyalty), at, `loyalty ${l.loyalty}`);
  }
}

function checkTime(where: string, name: string, t: FactTime) {
  check(!Number.isNaN(new Date(t).getTime()), where, `${name} ${String(t)}`);
}

function checkCurrency(where: string, currency: string) {
  check(/^[A-Z]{3}$/.test(currency), where, `currency ${currency}`);
}

function check(ok: boolean, where: string, what: string): void {
  if (!ok) throw new Error(`spend fact of ${where}: invalid ${what}`);
}
