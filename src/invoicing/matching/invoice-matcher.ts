import type Decimal from 'decimal.js';
import { checkAgainstAgreement, checkAgainstOrderLine, Running } from './check-line';
import { lineStatus } from './line-status';
import { allowedExcess, amountText, dec, text, toNok, ZERO } from './match-arithmetic';
import type { InvoiceLineFacts, LineMatch, MatchInput, MatchReason, MatchResult, OrderLineFacts } from './match-types';
import { resolveOrderLines } from './resolve-order-lines';

/**
 * Matches an invoice or credit note against its order (two- or three-way, per line's policy) or,
 * without an order, against its agreement only. Pure: the same input gives the same result.
 *
 * Amounts in the result are in the document's terms (a credit note's are positive, as written);
 * internally each line's "effect" is what it adds to what the buyer pays (a credit's is negative),
 * so one rule serves both: the buyer never pays more than agreed without a person's approval.
 * Lines are checked in document order and each line's quantity and amount count as "invoiced
 * before" for later lines of the same order line, so no quantity is paid twice within a document
 * either. Throws RangeError on malformed input (not a decimal; a foreign currency without rate).
 */
export function matchInvoice(input: MatchInput): MatchResult {
  const rate = exchangeRate(input);
  const sign = input.kind === 'CREDIT_NOTE' ? -1 : 1;
  const lines = input.order ? matchOrderLines(input, input.order.lines, rate, sign) : input.invoiceLines.map((line) => checkAgainstAgreement(line, rate));

  const expected = lines.reduce((sum, l) => sum.plus(l.expectedAmount), ZERO);
  const linesActual = lines.reduce((sum, l) => sum.plus(l.actualAmount), ZERO);
  const actual = dec(input.invoiceTotalExclVat, 'invoice total');
  const difference = actual.minus(expected);
  // The NOK total is the sum of its parts, so the lines' NOK differences always add up to it.
  const differenceNok = lines.reduce((sum, l) => sum.plus(l.differenceNok), ZERO).plus(toNok(actual.minus(linesActual), rate));
  const { tolerance } = input.policy;
  const allowed = allowedExcess(expected, tolerance.totalPercent, tolerance.totalAbsolute, tolerance.totalRule, rate);

  const invoiceReasons: MatchReason[] = [];
  if (difference.times(sign).gt(allowed)) invoiceReasons.push(totalReason(input, expected, actual, difference, differenceNok, allowed));
  const allMatched = lines.every((l) => l.status === 'MATCHED');
  const waiting = lines.some((l) => l.status === 'NOT_RECEIVED') && lines.every((l) => l.status === 'MATCHED' || l.status === 'NOT_RECEIVED');
  return {
    status: allMatched && invoiceReasons.length === 0 ? 'MATCHED' : 'EXCEPTION',
    kind: input.kind,
    currency: input.currency,
    exchangeRateToNok: text(rate),
    offCatalogue: input.order === null,
    awaitingReceipt: waiting,
    lines,
    totals: { expected: amountText(expected), actual: amountText(actual), difference: amountText(difference), differenceNok: amountText(differenceNok), allowed: amountText(allowed) },
    reasons: lines.flatMap((l) => l.reasons).concat(invoiceReasons),
  };
}

function matchOrderLines(input: MatchInput, orderLines: readonly OrderLineFacts[], rate: Decimal, sign: 1 | -1): LineMatch[] {
  const resolutions = resolveOrderLines(input.invoiceLines, orderLines);
  const running = new Map<number, Running>();
  return input.invoiceLines.map((line, i) => {
    const { orderLine, resolvedBy, reasons } = resolutions[i];
    if (!orderLine) {
      const amount = dec(line.lineAmount, `line ${line.lineId} amount`);
      const withNok = reasons.map((r) => (r.code === 'NO_ORDER_LINE' ? { ...r, differenceNok: amountText(toNok(amount, rate)) } : r));
      return unmatchedLine(line, amount, rate, withNok);
    }
    const policy = input.policyFor ? input.policyFor(orderLine) : input.policy;
    const before = running.get(orderLine.orderLineId) ?? { quantity: ZERO, amount: ZERO };
    const { match, after } = checkAgainstOrderLine(line, orderLine, resolvedBy!, policy, before, rate, sign);
    running.set(orderLine.orderLineId, after);
    return match;
  });
}

function unmatchedLine(line: InvoiceLineFacts, amount: Decimal, rate: Decimal, reasons: MatchReason[]): LineMatch {
  return {
    index: line.index,
    lineId: line.lineId,
    status: lineStatus(reasons),
    orderLineId: null,
    resolvedBy: null,
    mode: null,
    onAgreement: false,
    expectedAmount: amountText(ZERO),
    actualAmount: amountText(amount),
    difference: amountText(amount),
    differenceNok: amountText(toNok(amount, rate)),
    reasons,
  };
}

function exchangeRate(input: MatchInput): Decimal {
  if (input.exchangeRateToNok === undefined) {
    if (input.currency !== 'NOK') throw new RangeError(`An invoice in ${input.currency} needs its exchange rate to NOK`);
    return dec('1', 'exchange rate');
  }
  const rate = dec(input.exchangeRateToNok, 'exchange rate');
  if (!rate.gt(0)) throw new RangeError(`Exchange rate ${input.exchangeRateToNok} is not positive`);
  return rate;
}

function totalReason(input: MatchInput, expected: Decimal, actual: Decimal, difference: Decimal, differenceNok: Decimal, allowed: Decimal): MatchReason {
  const what =
    input.kind === 'CREDIT_NOTE'
      ? `The credit note credits ${amountText(difference.neg())} ${input.currency} less than its matched lines`
      : `The invoice total exceeds what its matched lines come to by ${amountText(difference)} ${input.currency}`;
  return {
    code: 'TOTAL_ABOVE_EXPECTED',
    message: `${what} (expected ${amountText(expected)}, invoiced ${amountText(actual)}; tolerance ${amountText(allowed)} ${input.currency})`,
    lineIndex: null,
    expected: amountText(expected),
    actual: amountText(actual),
    difference: amountText(difference),
    differenceNok: amountText(differenceNok),
  };
}
