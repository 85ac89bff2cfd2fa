import type { UblDespatchAdvice, UblText } from '../peppol';
import type { Problem } from '../exchange/document-handlers';
import { valuedDecimalText } from '../platform/money/decimal-text';
import type { DespatchToRecord } from './despatch-advices.service';

const QUANTITY = /^\d{1,14}(\.\d{1,4})?$/;
const DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

/** A despatch read from a PEPPOL Despatch Advice, with what the order checks need: the order number, and each line's unit and place. */
export interface DespatchDocument {
  orderNo: UblText;
  despatch: DespatchToRecord;
  lines: { lineId: string; unitCode?: string; path: string; line: number }[];
}

const problem = (at: { path: string; line?: number } | undefined, fallbackPath: string, message: string, rule?: string): Problem => ({
  path: at?.path ?? fallbackPath,
  ...(at?.line !== undefined ? { line: at.line } : {}),
  ...(rule ? { rule } : {}),
  message,
});

/** YYYY-MM-DD naming a real day (JavaScript would roll 2026-02-30 over to March; PostgreSQL refuses it). */
const isCalendarDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v;

function date(text: UblText | undefined, what: string, problems: Problem[]): string | null {
  if (!text) return null;
  if (!isCalendarDate(text.value)) problems.push(problem(text, text.path, `${what} must be a date YYYY-MM-DD, not "${text.value}"`));
  return text.value;
}

/**
 * What Torg takes from a Despatch Advice, or the problems that refuse it: the order reference,
 * the despatch id and issue date, the expected delivery period, and per line the order line
 * delivered against with the delivered (more than 0) and outstanding quantities. Whether the
 * order, its lines, units and supplier match is the service's check.
 */
export function despatchFromDocument(doc: UblDespatchAdvice): { document: DespatchDocument } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const root = '/DespatchAdvice';
  const orderNo = doc.orderReference;
  if (!orderNo?.value) problems.push(problem(orderNo, `${root}/cac:OrderReference/cbc:ID`, 'The despatch advice must name the order (cac:OrderReference/cbc:ID, our order number)'));
  if (!doc.issueDate) problems.push(problem(undefined, `${root}/cbc:IssueDate`, 'The despatch advice has no cbc:IssueDate'));
  const issueDate = date(doc.issueDate, 'cbc:IssueDate', problems);
  const period = doc.shipment?.estimatedDeliveryPeriod;
  const expectedDeliveryDate = date(period?.startDate, 'The estimated delivery start date', problems);
  const expectedDeliveryEnd = date(period?.endDate, 'The estimated delivery end date', problems);
  if (expectedDeliveryDate && expectedDeliveryEnd && expectedDeliveryEnd < expectedDeliveryDate)
    problems.push(problem(period!.endDate, period!.endDate!.path, 'The estimated delivery period ends before it starts'));
  if (!doc.lines.length) problems.push(problem(undefined, root, 'The despatch advice has no cac:DespatchLine'));

  const lines: DespatchDocument['lines'] = [];
  const recorded: DespatchToRecord['lines'] = [];
  for (const l of doc.lines) {
    const lineId = l.orderLineId?.value;
    if (!lineId) problems.push(problem(undefined, `${l.path}/cac:OrderLineReference/cbc:LineID`, 'The despatch line must name the order line (cac:OrderLineReference/cbc:LineID)'));
    if (l.lineOrderReference && orderNo && l.lineOrderReference.value !== orderNo.value)
      problems.push(problem(l.lineOrderReference, l.lineOrderReference.path, `The line names order ${l.lineOrderReference.value}, the despatch advice order ${orderNo.value}`));
    const delivered = l.deliveredQuantity;
    // Judged and stored as valued, not as written: "100." and 16,384 zeros is 100 (issue 16).
    const deliveredValue = delivered && valuedDecimalText(delivered.value.trim());
    if (!delivered) problems.push(problem(undefined, `${l.path}/cbc:DeliveredQuantity`, 'The despatch line has no cbc:DeliveredQuantity'));
    else if (!QUANTITY.test(deliveredValue!) || Number(deliveredValue) <= 0)
      problems.push(problem(delivered, delivered.path, `The delivered quantity must be more than 0 with at most 14 digits before the decimal point and 4 after, not "${deliveredValue}"`));
    const outstanding = l.outstandingQuantity;
    const outstandingValue = outstanding && valuedDecimalText(outstanding.value.trim());
    if (outstanding && !QUANTITY.test(outstandingValue!))
      problems.push(problem(outstanding, outstanding.path, `The outstanding quantity must be 0 or more with at most 14 digits before the decimal point and 4 after, not "${outstandingValue}"`));
    if (outstanding?.unitCode && delivered?.unitCode && outstanding.unitCode !== delivered.unitCode)
      problems.push(problem(outstanding, outstanding.path, `The outstanding quantity is in ${outstanding.unitCode}, the delivered quantity in ${delivered.unitCode}`));
    if (!lineId || !delivered) continue;
    lines.push({ lineId, unitCode: delivered.unitCode, path: l.path, line: l.line });
    recorded.push({ lineId, deliveredQuantity: deliveredValue!, outstandingQuantity: outstandingValue ?? null, outstandingReason: l.outstandingReason?.value || null });
  }
  if (problems.length) return { problems };
  return {
    document: {
      orderNo: orderNo!,
      lines,
      despatch: { despatchId: doc.id!.value, issueDate: issueDate!, expectedDeliveryDate, expectedDeliveryEnd, note: doc.note?.value || null, via: 'DOCUMENT', lines: recorded },
    },
  };
}
