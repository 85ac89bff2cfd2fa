import Decimal from 'decimal.js';
import type { LineCodeValue, ResponseCodeValue } from './order-response.entity';

/** A line of a supplier's answer, from the API or a document (then `path` says where it was written). */
export interface ResponseLineInput {
  /** The order line's LineID. */
  lineId: string;
  code: LineCodeValue;
  quantity?: string | null;
  /** The quantity's unit (documents); absent means the order line's unit. */
  unitCode?: string | null;
  /** Unit price excluding VAT. */
  price?: string | null;
  promisedDeliveryStart?: string | null;
  promisedDeliveryEnd?: string | null;
  substitute?: { sellerItemId: string; name: string; gtin?: string | null } | null;
  note?: string | null;
  path?: string;
}

export interface OrderResponseInput {
  responseCode: ResponseCodeValue;
  note?: string | null;
  /** YYYY-MM-DD; today when absent (API). */
  issueDate?: string | null;
  promisedDeliveryStart?: string | null;
  promisedDeliveryEnd?: string | null;
  lines: ResponseLineInput[];
}

/** What the rules need of an order line. */
export interface AnsweredLine {
  lineNo: number;
  quantity: string;
  unitPrice: string;
  unitCode: string;
}

export type ResponseRefusal = { kind: 'unknownLines'; lineIds: string[] } | { kind: 'invalid'; message: string; lineId?: string; path?: string };

const DATE = /^[12]\d{3}-\d{2}-\d{2}$/; // years 1000–2999: PostgreSQL refuses a year 0
const DECIMAL = /^\d{1,14}(\.\d{1,4})?$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** A decimal the order line columns hold (numeric(18,4), not negative). */
export const isOrderDecimal = (s: string) => DECIMAL.test(s);

/**
 * Checks a supplier's answer against the order it answers, as PEPPOL BIS T76 has it: AP, RE and
 * AB carry no lines; CA carries lines, at least one changed (3) or not accepted (7); every line
 * names a line of the order, once. A changed line changes something (quantity, price, promised
 * delivery or a substitute); an accepted or refused line may repeat what was ordered but not
 * change it. Pure: every refusal found, none when the answer may be recorded.
 */
export function checkOrderResponse(input: OrderResponseInput, orderLines: readonly AnsweredLine[]): ResponseRefusal[] {
  const refusals: ResponseRefusal[] = [];
  const invalid = (message: string, line?: ResponseLineInput) => refusals.push({ kind: 'invalid', message, ...(line ? { lineId: line.lineId, path: line.path } : {}) });
  const { responseCode, lines } = input;
  if (responseCode !== 'CA' && lines.length) invalid(`An answer ${responseCode} carries no lines: only a conditional acceptance (CA) does`);
  if (responseCode === 'CA') {
    if (!lines.length) invalid('A conditional acceptance (CA) names the lines it changes or does not accept');
    else if (!lines.some((l) => l.code !== '5')) invalid('A conditional acceptance (CA) changes or refuses at least one line; accepting every line as ordered is AP');
  }
  checkDates(input.issueDate, undefined, 'issue date', invalid);
  checkPeriod(input.promisedDeliveryStart, input.promisedDeliveryEnd, invalid);

  const byNo = new Map(orderLines.map((l) => [String(l.lineNo), l]));
  const unknown = [...new Set(lines.filter((l) => !byNo.has(l.lineId.trim())).map((l) => l.lineId))];
  if (unknown.length) refusals.push({ kind: 'unknownLines', lineIds: unknown });
  const seen = new Set<string>();
  for (const line of lines) {
    const id = line.lineId.trim();
    if (seen.has(id)) invalid(`Line ${id} is answered more than once`, line);
    seen.add(id);
    const ordered = byNo.get(id);
    if (ordered) checkLine(line, ordered, invalid);
  }
  return refusals;
}

function checkLine(line: ResponseLineInput, ordered: AnsweredLine, invalid: (message: string, line?: ResponseLineInput) => void): void {
  const id = line.lineId.trim();
  if (line.quantity != null && !isOrderDecimal(line.quantity))
    invalid(`Line ${id}: quantity "${line.quantity}" is no quantity an order holds: not negative, at most 14 digits before the decimal point and 4 after`, line);
  if (line.price != null && !isOrderDecimal(line.price))
    invalid(`Line ${id}: price "${line.price}" is no price an order holds: not negative, at most 14 digits before the decimal point and 4 after`, line);
  if (line.unitCode && line.unitCode !== ordered.unitCode) invalid(`Line ${id}: the quantity is in ${line.unitCode}, the line was ordered in ${ordered.unitCode}`, line);
  checkPeriod(line.promisedDeliveryStart, line.promisedDeliveryEnd, invalid, line);
  if (line.substitute && (!line.substitute.sellerItemId.trim() || !line.substitute.name.trim())) invalid(`Line ${id}: a substitute needs the seller's item id and a name`, line);

  const quantityChanged = line.quantity != null && isOrderDecimal(line.quantity) && !new Decimal(line.quantity).equals(ordered.quantity);
  const priceChanged = line.price != null && isOrderDecimal(line.price) && !new Decimal(line.price).equals(ordered.unitPrice);
  if (line.code === '3') {
    const changes = quantityChanged || priceChanged || !!line.substitute || !!line.promisedDeliveryStart || !!line.promisedDeliveryEnd;
    if (!changes) invalid(`Line ${id} is marked changed (3) but changes nothing: give a quantity, price, promised delivery or substitute that differs`, line);
    return;
  }
  const said = line.code === '5' ? 'accepted (5)' : 'not accepted (7)';
  if (quantityChanged) invalid(`Line ${id} is ${said} but names quantity ${line.quantity}, not the ${ordered.quantity} ordered: a change is marked changed (3)`, line);
  if (priceChanged) invalid(`Line ${id} is ${said} but names price ${line.price}, not the ${ordered.unitPrice} ordered: a change is marked changed (3)`, line);
  if (line.substitute) invalid(`Line ${id} is ${said} but names a substitute: a substitution is marked changed (3)`, line);
}

function checkDates(value: string | null | undefined, line: ResponseLineInput | undefined, what: string, invalid: (message: string, line?: ResponseLineInput) => void): void {
  if (value != null && !isDate(value)) invalid(`${line ? `Line ${line.lineId.trim()}: ` : ''}${what} "${value}" is no date (YYYY-MM-DD)`, line);
}

function checkPeriod(start: string | null | undefined, end: string | null | undefined, invalid: (message: string, line?: ResponseLineInput) => void, line?: ResponseLineInput): void {
  checkDates(start, line, 'promised delivery start', invalid);
  checkDates(end, line, 'promised delivery end', invalid);
  if (start && end && isDate(start) && isDate(end) && start > end) invalid(`${line ? `Line ${line.lineId.trim()}: ` : ''}the promised delivery ends (${end}) before it starts (${start})`, line);
}

/** The order line's status after an answer: AP accepts every line, RE refuses every line, CA says per line (a line not named is accepted). */
export function lineStatusAfter(code: ResponseCodeValue, answered: LineCodeValue | undefined): 'ACCEPTED' | 'NOT_ACCEPTED' | 'CHANGED' | null {
  if (code === 'AP') return 'ACCEPTED';
  if (code === 'RE') return 'NOT_ACCEPTED';
  if (code === 'AB') return null;
  return answered === '3' ? 'CHANGED' : answered === '7' ? 'NOT_ACCEPTED' : 'ACCEPTED';
}
