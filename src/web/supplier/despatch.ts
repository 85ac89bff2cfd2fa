import { parseDecimal, type FieldError } from './order-answer';

/**
 * The supplier's despatch (what is on its way) as typed on the order page, checked and turned into
 * the API's RegisterDespatchInput. A line left at 0 or empty is not in this despatch; the quantity
 * outstanding is what was ordered less what this despatch sends (never below 0), as the buyer
 * reads it: "the rest is coming".
 */
export interface DespatchLineDraft {
  lineId: string;
  /** The order line's quantity (decimal text from the API). */
  ordered: string;
  /** As typed. */
  quantity: string;
}

export interface DespatchDraft {
  despatchId: string;
  /** YYYY-MM-DD or empty. */
  expectedDeliveryDate: string;
  note: string;
  lines: DespatchLineDraft[];
}

export interface DespatchInput {
  orderId: number;
  despatchId: string;
  expectedDeliveryDate?: string;
  note?: string;
  lines: { lineId: string; deliveredQuantity: string; outstandingQuantity?: string }[];
}

/** A draft with every line in full (what the form starts with). */
export function fullDespatch(lines: { lineId: string; quantity: string }[]): DespatchDraft {
  return { despatchId: '', expectedDeliveryDate: '', note: '', lines: lines.map((l) => ({ lineId: l.lineId, ordered: l.quantity, quantity: trimZeros(l.quantity) })) };
}

/** "150.0000" → "150", "2.50" → "2,5": what a person would type. */
function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '').replace('.', ',') : decimal;
}

const isZero = (d: string) => /^0+(\.0+)?$/.test(d);

export function checkDespatch(draft: DespatchDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.despatchId.trim()) errors.push({ field: 'despatchId', key: 'supplierPortal.despatch.errors.id' });
  else if (draft.despatchId.trim().length > 200) errors.push({ field: 'despatchId', key: 'supplierPortal.despatch.errors.idLength' });
  if (draft.expectedDeliveryDate && !/^\d{4}-\d{2}-\d{2}$/.test(draft.expectedDeliveryDate)) errors.push({ field: 'expectedDeliveryDate', key: 'supplierPortal.errors.date' });
  if (draft.note.length > 1000) errors.push({ field: 'note', key: 'supplierPortal.errors.noteTooLong' });
  let any = false;
  for (const l of draft.lines) {
    if (!l.quantity.trim()) continue;
    const q = parseDecimal(l.quantity);
    if (q === null || (q.split('.')[1]?.length ?? 0) > 4) errors.push({ field: `${l.lineId}.quantity`, key: 'supplierPortal.errors.quantity' });
    else if (!isZero(q)) any = true;
  }
  if (!any && !errors.some((e) => e.field.endsWith('.quantity'))) errors.push({ field: 'lines', key: 'supplierPortal.despatch.errors.nothing' });
  return errors;
}

/** Decimal text a − b, exact (both plain non-negative decimals), or "0" when b ≥ a. */
export function outstanding(ordered: string, sent: string): string {
  const scale = Math.max(ordered.split('.')[1]?.length ?? 0, sent.split('.')[1]?.length ?? 0);
  const big = (d: string) => BigInt(d.replace('.', '') + '0'.repeat(scale - (d.split('.')[1]?.length ?? 0)));
  const rest = big(ordered) - big(sent);
  if (rest <= 0n) return '0';
  const digits = rest.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale ? digits.slice(-scale).replace(/0+$/, '') : '';
  return fraction ? `${whole}.${fraction}` : whole;
}

export function toDespatchInput(orderId: number, draft: DespatchDraft): DespatchInput {
  const note = draft.note.trim();
  return {
    orderId,
    despatchId: draft.despatchId.trim(),
    ...(draft.expectedDeliveryDate ? { expectedDeliveryDate: draft.expectedDeliveryDate } : {}),
    ...(note ? { note } : {}),
    lines: draft.lines
      .filter((l) => l.quantity.trim() && !isZero(parseDecimal(l.quantity) ?? '0'))
      .map((l) => {
        const deliveredQuantity = parseDecimal(l.quantity)!;
        const rest = outstanding(l.ordered, deliveredQuantity);
        return { lineId: l.lineId, deliveredQuantity, ...(rest !== '0' ? { outstandingQuantity: rest } : {}) };
      }),
  };
}
