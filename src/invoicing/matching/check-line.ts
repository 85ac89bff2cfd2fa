import type Decimal from 'decimal.js';
// The order went out with older codes written the current way (PK → XPK): the same unit either way.
import { unitCodeForDocument } from '../../ordering/order-document';
import { lineStatus } from './line-status';
import { allowedExcess, amountText, dec, parsedTolerance, round2, text, toNok, ZERO } from './match-arithmetic';
import type { InvoiceLineFacts, LineMatch, LineResolution, MatchPolicy, MatchReason, OrderLineFacts } from './match-types';

/** A line's match, and its amounts as decimals for the invoice's totals (no second parse). */
export interface CheckedLine {
  match: LineMatch;
  expected: Decimal;
  actual: Decimal;
  differenceNok: Decimal;
}

/** What earlier lines of this document added to one order line (effect terms: credits negative). */
export interface Running {
  quantity: Decimal;
  amount: Decimal;
}

/**
 * One invoice line against its order line. `sign` is 1 for an invoice, -1 for a credit note: a
 * line's effect (quantity and amount times sign) is what it adds to what was invoiced. A positive
 * effect is checked against the order (and receipts, three-way) and the agreed price; a negative
 * one is a reduction, checked against what was invoiced before. Answers the line's match and the
 * running totals after it.
 */
export function checkAgainstOrderLine(
  line: InvoiceLineFacts,
  orderLine: OrderLineFacts,
  resolvedBy: LineResolution,
  policy: MatchPolicy,
  before: Running,
  rate: Decimal,
  sign: 1 | -1,
): { checked: CheckedLine; after: Running } {
  const where = `Invoice line ${line.lineId} (order line ${orderLine.lineNo})`;
  const quantity = dec(line.quantity, `${where} quantity`);
  const amount = dec(line.lineAmount, `${where} amount`);
  const quantityEffect = quantity.times(sign);
  const amountEffect = amount.times(sign);
  const agreedPrice = dec(orderLine.unitPrice, `${where} agreed price`);
  const invoicedBefore: Running = {
    quantity: dec(orderLine.previouslyInvoicedQuantity, `${where} previously invoiced quantity`).plus(before.quantity),
    amount: dec(orderLine.previouslyInvoicedAmount, `${where} previously invoiced amount`).plus(before.amount),
  };
  const reasons: MatchReason[] = [];
  const reason = (code: MatchReason['code'], message: string, expected: string | null, actual: string | null, difference: Decimal | null, differenceNok: Decimal | null) =>
    reasons.push({
      code,
      message: `${where}: ${message}`,
      lineIndex: line.index,
      expected,
      actual,
      difference: difference && text(difference),
      differenceNok: differenceNok && amountText(differenceNok),
    });

  let expectedEffect: Decimal;
  if (unitCodeForDocument(line.unitCode.trim()) !== unitCodeForDocument(orderLine.unitCode.trim())) {
    // A quantity in another unit says nothing comparable about quantity or price: a person decides.
    reason('UNIT_MISMATCH', `invoiced in unit ${line.unitCode}, ordered in ${orderLine.unitCode}; quantity and price cannot be compared`, orderLine.unitCode, line.unitCode, null, toNok(amount, rate));
    expectedEffect = ZERO;
  } else if (quantityEffect.isNegative() || (quantityEffect.isZero() && amountEffect.isNegative())) {
    expectedEffect = round2(checkReduction(quantityEffect.neg(), amountEffect.neg(), invoicedBefore, agreedPrice, rate, reason)).neg();
  } else {
    const accepted = checkAddition(quantity, dec(line.netUnitPrice, `${where} unit price`), orderLine, agreedPrice, invoicedBefore.quantity, policy, rate, reason);
    expectedEffect = round2(accepted.times(agreedPrice));
  }

  const found = { orderLineId: orderLine.orderLineId, resolvedBy, mode: policy.mode, onAgreement: orderLine.onAgreement };
  const checked = finish(line, found, sign === 1 ? expectedEffect : expectedEffect.neg(), amount, rate, reasons);
  return { checked, after: { quantity: before.quantity.plus(quantityEffect), amount: before.amount.plus(amountEffect) } };
}

/** An invoice line for which no order line was found: nothing expected, the whole amount at stake. */
export function checkUnmatched(line: InvoiceLineFacts, rate: Decimal, reasons: MatchReason[]): CheckedLine {
  const amount = dec(line.lineAmount, `invoice line ${line.lineId} amount`);
  const atStake = amountText(toNok(amount, rate));
  const withNok = reasons.map((r) => (r.code === 'NO_ORDER_LINE' ? { ...r, differenceNok: atStake } : r));
  return finish(line, { orderLineId: null, resolvedBy: null, mode: null, onAgreement: false }, ZERO, amount, rate, withNok);
}

function finish(
  line: InvoiceLineFacts,
  found: Pick<LineMatch, 'orderLineId' | 'resolvedBy' | 'mode' | 'onAgreement'>,
  expected: Decimal,
  actual: Decimal,
  rate: Decimal,
  reasons: MatchReason[],
): CheckedLine {
  const difference = actual.minus(expected);
  const differenceNok = toNok(difference, rate);
  const match: LineMatch = {
    index: line.index,
    lineId: line.lineId,
    status: lineStatus(reasons),
    ...found,
    expectedAmount: amountText(expected),
    actualAmount: amountText(actual),
    difference: amountText(difference),
    differenceNok: amountText(differenceNok),
    reasons,
  };
  return { match, expected, actual, differenceNok };
}

type AddReason = (code: MatchReason['code'], message: string, expected: string | null, actual: string | null, difference: Decimal | null, differenceNok: Decimal | null) => void;

/**
 * An invoiced quantity: within the ordered quantity (and, three-way, the received; beyond it, the
 * line waits while goods still to come could cover it) after what was invoiced before, each plus
 * the quantity tolerance; the unit price within the price tolerance.
 * Answers the quantity accepted: all of it when within tolerance, else what was still open. A line
 * waiting for goods (NOT_RECEIVED) is accepted at what the order allows, not at 0.
 */
function checkAddition(quantity: Decimal, price: Decimal, orderLine: OrderLineFacts, agreedPrice: Decimal, invoicedBefore: Decimal, policy: MatchPolicy, rate: Decimal, reason: AddReason): Decimal {
  const { tolerance } = policy;
  const slack = parsedTolerance(tolerance).quantitySlack;
  const after = invoicedBefore.plus(quantity);
  let accepted = quantity;
  const excessReason = (code: 'QUANTITY_ABOVE_ORDERED' | 'QUANTITY_ABOVE_RECEIVED', base: Decimal, what: string) => {
    if (!after.gt(base.times(slack))) return;
    const open = maxZero(base.minus(invoicedBefore));
    const excess = quantity.minus(open);
    reason(
      code,
      `invoiced ${text(quantity)} ${orderLine.unitCode}; with ${text(invoicedBefore)} invoiced before that is ${text(after)} of ${text(base)} ${what} (tolerance ${tolerance.quantityPercent} %)`,
      text(open),
      text(quantity),
      excess,
      toNok(excess.times(agreedPrice), rate),
    );
    accepted = minOf(accepted, open);
  };
  const ordered = dec(orderLine.orderedQuantity, 'ordered quantity');
  excessReason('QUANTITY_ABOVE_ORDERED', ordered, 'ordered');
  if (policy.mode === 'THREE_WAY' && quantity.gt(0)) {
    const received = dec(orderLine.receivedQuantity, 'received quantity');
    // What can still come is what was ordered and never delivered: goods returned (received is
    // net of them) were delivered once and rejected; they do not come again; nor does anything
    // once the buyer closed the order.
    const toCome = orderLine.nothingMoreToCome ? ZERO : maxZero(ordered.minus(received).minus(dec(orderLine.returnedQuantity, 'returned quantity')));
    const coverable = !after.gt(received.plus(toCome).times(slack));
    const withinOrder = !after.gt(ordered.times(slack));
    if (after.gt(received.times(slack)) && (coverable || (!withinOrder && !received.gt(invoicedBefore) && !orderLine.nothingMoreToCome))) {
      // More than received, but goods still to come on the order could cover it (or, beyond the
      // order anyway, nothing received is left uninvoiced): waiting for goods, not a dispute.
      // Receiving part of the goods must not turn a waiting invoice into an exception; the
      // receipt re-matches it.
      const open = maxZero(received.minus(invoicedBefore));
      const waitingFor = quantity.minus(open);
      reason('NOT_RECEIVED', notReceivedText(quantity, received, invoicedBefore, orderLine.unitCode), text(open), text(quantity), waitingFor, toNok(waitingFor.times(agreedPrice), rate));
      // `accepted` stays what the order allows (checked above): the line is expected at what it
      // will cost once the goods come, so the invoice's total tolerance sees only real differences
      // (see matchInvoice). Paying waits all the same: the line is NOT_RECEIVED, never MATCHED.
    } else {
      // Beyond what can still come (the order, or goods returned), with received goods still
      // uninvoiced or within the order: the part beyond the receipt is a quantity difference of
      // its own (beside QUANTITY_ABOVE_ORDERED when beyond the order too).
      excessReason('QUANTITY_ABOVE_RECEIVED', received, 'received');
    }
  }
  const excessPrice = price.minus(agreedPrice);
  const allowed = allowedExcess(agreedPrice, parsedTolerance(tolerance).price, rate);
  if (excessPrice.gt(allowed)) {
    reason(
      'PRICE_ABOVE_AGREED',
      `unit price ${text(price)} exceeds the agreed ${text(agreedPrice)} by ${text(excessPrice)}, more than the tolerance of ${text(allowed.toDecimalPlaces(4))}`,
      text(agreedPrice),
      text(price),
      excessPrice,
      toNok(excessPrice.times(quantity), rate),
    );
  }
  return accepted;
}

/**
 * A reduction (credit): never more quantity, nor a larger amount, than was invoiced before on the
 * order line. Its unit price is not compared with the agreed one (a credit may correct a price:
 * the invoiced quantity at the difference). Receipts are not consulted: returns already lowered
 * them. Answers the amount accepted as credited: all of it, or what was invoiced before.
 */
function checkReduction(quantity: Decimal, amount: Decimal, invoicedBefore: Running, agreedPrice: Decimal, rate: Decimal, reason: AddReason): Decimal {
  if (quantity.gt(invoicedBefore.quantity)) {
    const excess = quantity.minus(maxZero(invoicedBefore.quantity));
    reason(
      'CREDIT_ABOVE_INVOICED_QUANTITY',
      `credits ${text(quantity)}, but only ${text(invoicedBefore.quantity)} were invoiced before`,
      text(maxZero(invoicedBefore.quantity)),
      text(quantity),
      excess,
      toNok(excess.times(agreedPrice), rate),
    );
  }
  if (amount.gt(invoicedBefore.amount)) {
    const excess = amount.minus(maxZero(invoicedBefore.amount));
    reason(
      'CREDIT_ABOVE_INVOICED_AMOUNT',
      `credits ${amountText(amount)}, but only ${amountText(invoicedBefore.amount)} were invoiced before`,
      amountText(maxZero(invoicedBefore.amount)),
      amountText(amount),
      excess,
      toNok(excess, rate),
    );
  }
  return minOf(amount, maxZero(invoicedBefore.amount));
}

/** A line of an invoice without an order: MATCHED when its agreement covers it (off-catalogue spend), else NOT_ON_AGREEMENT. */
export function checkAgainstAgreement(line: InvoiceLineFacts, rate: Decimal): CheckedLine {
  const amount = dec(line.lineAmount, `invoice line ${line.lineId} amount`);
  const covered = line.onAgreement === true;
  const item = line.sellerItemId?.trim() || line.gtin?.trim() || null;
  const reasons: MatchReason[] = covered
    ? []
    : [
        {
          code: 'NOT_ON_AGREEMENT',
          message: `Invoice line ${line.lineId}: ${item ? `item ${item}` : 'the line'} is not covered by the invoice's agreement, and there is no order`,
          lineIndex: line.index,
          expected: null,
          actual: item,
          difference: null,
          differenceNok: amountText(toNok(amount, rate)),
        },
      ];
  return finish(line, { orderLineId: null, resolvedBy: null, mode: null, onAgreement: covered }, covered ? amount : ZERO, amount, rate, reasons);
}

/** Why a line waits for goods, in plain words for what is the case: nothing received, all received invoiced, or some left. */
function notReceivedText(quantity: Decimal, received: Decimal, invoicedBefore: Decimal, unit: string): string {
  const invoiced = `invoiced ${text(quantity)} ${unit}`;
  if (!received.gt(0)) return `${invoiced}, but nothing of this line has been received yet`;
  const open = maxZero(received.minus(invoicedBefore));
  if (open.isZero()) return `${invoiced}, but all ${text(received)} ${unit} received so far are invoiced already, and no more has been received yet`;
  const waiting = `${text(quantity.minus(open))} ${unit} are not received yet`;
  if (!invoicedBefore.gt(0)) return `${invoiced}, but only ${text(open)} ${unit} have been received so far; ${waiting}`;
  return `${invoiced}, but only ${text(open)} ${unit} received are not invoiced yet (${text(received)} received, ${text(invoicedBefore)} invoiced before); ${waiting}`;
}

const maxZero = (d: Decimal): Decimal => (d.isNegative() ? ZERO : d);
const minOf = (a: Decimal, b: Decimal): Decimal => (a.lt(b) ? a : b);
