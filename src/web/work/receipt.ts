import Decimal from 'decimal.js';
import type { TFunction } from 'i18next';

/**
 * The goods receipt form's logic (pure): what the user typed per line, checked against what was
 * ordered and received, into the API's ReceiveGoodsInput lines (returns negative, with a reason).
 * Quantities are decimal text; a comma is taken as the decimal sign (nb-NO).
 */
export type ReceiptMode = 'receive' | 'return';

export interface ReceiptLineDraft {
  quantity: string;
  reason: string;
}

export interface ReceivableLine {
  lineId: string;
  quantity: string;
  receivedQuantity: string;
  status: string;
}

export interface ReceiptCheck {
  /** By lineId, or '' for the whole form. */
  errors: Record<string, string>;
  lines?: { lineId: string; quantity: string; reason?: string }[];
}

const QUANTITY = /^\d+([.,]\d{1,4})?$/;

/** Lines that may be received: those the supplier did not refuse and nobody cancelled. */
export function receivable<L extends ReceivableLine>(lines: readonly L[]): L[] {
  return lines.filter((l) => l.status !== 'NOT_ACCEPTED' && l.status !== 'CANCELLED');
}

/** What is left to receive of a line (never below 0), as decimal text. */
export function outstanding(line: ReceivableLine): string {
  return Decimal.max(0, new Decimal(line.quantity).minus(line.receivedQuantity)).toString();
}

/**
 * Checks the form and gives the input lines. More than outstanding is left to the server, which
 * answers OverReceiptError so the user can confirm it (deliveries do exceed orders); a return of
 * more than was received is refused here, as the server would.
 */
export function checkReceipt(mode: ReceiptMode, drafts: Record<string, ReceiptLineDraft>, lines: readonly ReceivableLine[], t: TFunction): ReceiptCheck {
  const errors: Record<string, string> = {};
  const out: { lineId: string; quantity: string; reason?: string }[] = [];
  for (const line of receivable(lines)) {
    const draft = drafts[line.lineId];
    const typed = draft?.quantity.trim() ?? '';
    if (!typed) continue;
    if (!QUANTITY.test(typed) || new Decimal(typed.replace(',', '.')).isZero()) {
      errors[line.lineId] = t('work.order.errors.quantity');
      continue;
    }
    const quantity = new Decimal(typed.replace(',', '.'));
    if (mode === 'receive') {
      out.push({ lineId: line.lineId, quantity: quantity.toString() });
    } else {
      if (quantity.greaterThan(line.receivedQuantity)) {
        errors[line.lineId] = t('work.order.errors.beyondReceived', { received: new Decimal(line.receivedQuantity).toString().replace('.', ',') });
        continue;
      }
      const reason = draft.reason.trim();
      if (reason.length < 3) {
        errors[`${line.lineId}-reason`] = t('work.order.errors.reason');
        continue;
      }
      out.push({ lineId: line.lineId, quantity: quantity.negated().toString(), reason });
    }
  }
  if (!out.length && !Object.keys(errors).length) errors[''] = t('work.order.errors.nothing');
  return Object.keys(errors).length ? { errors } : { errors, lines: out };
}
