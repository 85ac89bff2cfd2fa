import type Decimal from 'decimal.js';
import { CheckedLine, checkAgainstAgreement, checkAgainstOrderLine, checkUnmatched, Running } from './check-line';
import { allowedExcess, amountText, dec, parsedTolerance, text, toNok, ZERO } from './match-arithmetic';
import type { LineMatch, MatchInput, MatchReason, MatchResult, OrderLineFacts } from './match-types';
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
  const checked = input.order ? matchOrderLines(input, input.order.lines, rate, sign) : input.invoiceLines.map((line) => checkAgainstAgreement(line, rate));
  const lines = checked.map((c) => c.match);

  let expected = ZERO;
  let linesActual = ZERO;
  let linesNok = ZERO;
  for (const c of checked) {
    expected = expected.plus(c.expected);
    linesActual = linesActual.plus(c.actual);
    linesNok = linesNok.plus(c.differenceNok);
  }
  const actual = dec(input.invoiceTotalExclVat, 'invoice total');
  const difference = actual.minus(expected);
  // The NOK total is the sum of its parts, so the lines' NOK differences always add up to it.
  const differenceNok = linesNok.plus(toNok(actual.minus(linesActual), rate));
  const allowed = allowedExcess(expected, parsedTolerance(input.policy.tolerance).total, rate);

  // Lines waiting for goods (NOT_RECEIVED) count here at what the order allows for them, not at 0
  // and not left out. At 0, every waiting invoice was also TOTAL_ABOVE_EXPECTED by the waiting
  // lines' amount: noise in the exception queue. Left out, the total tolerance (a percentage of
  // what is expected, issue 16 §2) would be measured against the received part only, so a
  // document charge or allowance within tolerance of the whole invoice could exceed it, and
  // price excesses each within the line tolerance on the waiting lines would escape the total
  // check until receipt. Counted at what the order allows, the check sees what it will see once
  // the goods have come in full: a real over-invoice shows now, and a re-match after the receipt
  // answers as before.
  //
  // One reason per cause (issue 16 §2): a line in exception (a price or quantity variance, another
  // unit, no order line) already shows its own difference with both sides and the NOK, so the
  // total check leaves those lines' differences out and sees only what no line reason explains:
  // document charges and allowances, and differences within the line tolerances (of MATCHED and
  // NOT_RECEIVED lines) that add up. A line invoiced beyond its order was reported twice before,
  // as its quantity reason and again as TOTAL_ABOVE_EXPECTED.
  let explained = ZERO;
  let explainedNok = ZERO;
  let explaining = 0;
  for (const c of checked) {
    if (!showsItsOwnDifference(c.match)) continue;
    explained = explained.plus(c.actual.minus(c.expected));
    explainedNok = explainedNok.plus(c.differenceNok);
    explaining++;
  }
  const unexplained = difference.minus(explained);
  const invoiceReasons: MatchReason[] = [];
  if (unexplained.times(sign).gt(allowed)) {
    invoiceReasons.push(totalReason(input, expected.plus(explained), actual, unexplained, differenceNok.minus(explainedNok), allowed, explaining));
  }
  const allMatched = lines.every((l) => l.status === 'MATCHED');
  // Waiting only when the receipt alone can settle it: a total above what the order allows is a
  // real difference that goods will not remove, so a person sees it now (EXCEPTION), not later.
  const waiting = invoiceReasons.length === 0 && lines.some((l) => l.status === 'NOT_RECEIVED') && lines.every((l) => l.status === 'MATCHED' || l.status === 'NOT_RECEIVED');
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

function matchOrderLines(input: MatchInput, orderLines: readonly OrderLineFacts[], rate: Decimal, sign: 1 | -1): CheckedLine[] {
  const resolutions = resolveOrderLines(input.invoiceLines, orderLines);
  const running = new Map<number, Running>();
  return input.invoiceLines.map((line, i) => {
    const { orderLine, resolvedBy, reasons } = resolutions[i];
    if (!orderLine) return checkUnmatched(line, rate, reasons);
    const policy = input.policyFor ? input.policyFor(orderLine) : input.policy;
    const before = running.get(orderLine.orderLineId) ?? { quantity: ZERO, amount: ZERO };
    const { checked, after } = checkAgainstOrderLine(line, orderLine, resolvedBy!, policy, before, rate, sign);
    running.set(orderLine.orderLineId, after);
    return checked;
  });
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

/**
 * Whether a line's difference is shown by its own reasons: a line in exception for anything but
 * waiting for goods. A NOT_RECEIVED line is expected at what the order allows, so what is left of
 * its difference is within the line tolerances, which only the total check can add up.
 */
function showsItsOwnDifference(line: LineMatch): boolean {
  return line.status !== 'MATCHED' && line.status !== 'NOT_RECEIVED';
}

/**
 * The invoice-level reason for what the lines' reasons leave unexplained: `expected` counts the
 * lines in exception (`explaining` of them) at their invoiced amounts, so that actual − expected
 * is the unexplained difference.
 */
function totalReason(input: MatchInput, expected: Decimal, actual: Decimal, difference: Decimal, differenceNok: Decimal, allowed: Decimal, explaining: number): MatchReason {
  const beyond =
    explaining === 0 ? '' : `, beyond the differences of its ${explaining === 1 ? 'line' : `${explaining} lines`} in exception (shown by ${explaining === 1 ? 'its' : 'their'} own reasons)`;
  const what =
    input.kind === 'CREDIT_NOTE'
      ? `The credit note credits ${amountText(difference.neg())} ${input.currency} less than its ${explaining ? '' : 'matched '}lines${beyond}`
      : `The invoice total exceeds what its ${explaining ? '' : 'matched '}lines come to by ${amountText(difference)} ${input.currency}${beyond}`;
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
