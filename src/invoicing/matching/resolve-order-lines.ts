import type { InvoiceLineFacts, LineResolution, MatchReason, OrderLineFacts } from './match-types';

export interface LineResolutionResult {
  orderLine: OrderLineFacts | null;
  resolvedBy: LineResolution | null;
  /** NO_ORDER_LINE and AMBIGUOUS_ITEM reasons for a line left without an order line; none otherwise. */
  reasons: MatchReason[];
}

/**
 * Finds each invoice line's order line, in three passes over the whole invoice so an explicit
 * reference is never beaten by a fallback of an earlier line:
 * 1. cac:OrderLineReference/cbc:LineID = the order line's number ("3" and "003" both name line 3);
 *    several invoice lines may name one order line (their quantities add up);
 * 2. else the seller item id, 3. else the GTIN: each only when it names exactly one order line
 *    not already taken by another line of this invoice; several is ambiguous, said in a reason.
 * Answers one result per invoice line, in their order.
 */
export function resolveOrderLines(invoiceLines: readonly InvoiceLineFacts[], orderLines: readonly OrderLineFacts[]): LineResolutionResult[] {
  const results: LineResolutionResult[] = invoiceLines.map(() => ({ orderLine: null, resolvedBy: null, reasons: [] }));
  const taken = new Set<OrderLineFacts>();
  const byLineNo = new Map(orderLines.map((l) => [l.lineNo, l]));
  invoiceLines.forEach((line, i) => {
    const ref = line.orderLineRef?.trim();
    const orderLine = ref && /^\d+$/.test(ref) ? byLineNo.get(Number(ref)) : undefined;
    if (orderLine) {
      results[i] = { orderLine, resolvedBy: 'LINE_REFERENCE', reasons: [] };
      taken.add(orderLine);
    }
  });
  const ambiguity = new Map<number, string[]>();
  const fallback = (resolvedBy: 'SELLER_ITEM_ID' | 'GTIN', key: (l: { sellerItemId: string | null; gtin: string | null }) => string | null, label: string) => {
    invoiceLines.forEach((line, i) => {
      const wanted = key(line)?.trim();
      if (results[i].orderLine || !wanted) return;
      const candidates = orderLines.filter((l) => !taken.has(l) && key(l)?.trim() === wanted);
      if (candidates.length === 1) {
        results[i] = { orderLine: candidates[0], resolvedBy, reasons: [] };
        taken.add(candidates[0]);
      } else if (candidates.length > 1) {
        const notes = ambiguity.get(i) ?? [];
        notes.push(`${label} ${wanted} is on ${candidates.length} order lines not yet matched (lines ${candidates.map((l) => l.lineNo).join(', ')})`);
        ambiguity.set(i, notes);
      }
    });
  };
  fallback('SELLER_ITEM_ID', (l) => l.sellerItemId, 'seller item id');
  fallback('GTIN', (l) => l.gtin, 'GTIN');
  invoiceLines.forEach((line, i) => {
    if (results[i].orderLine) return;
    const reasons: MatchReason[] = [];
    for (const note of ambiguity.get(i) ?? []) {
      reasons.push({
        code: 'AMBIGUOUS_ITEM',
        message: `Invoice line ${line.lineId}: ${note}; refer to the order line (OrderLineReference) to say which`,
        lineIndex: line.index,
        expected: null,
        actual: null,
        difference: null,
        differenceNok: null,
      });
    }
    results[i] = { orderLine: null, resolvedBy: null, reasons: [noOrderLine(line)].concat(reasons) };
  });
  return results;
}

function noOrderLine(line: InvoiceLineFacts): MatchReason {
  const said = [
    line.orderLineRef?.trim() ? `order line reference ${line.orderLineRef.trim()}` : null,
    line.sellerItemId?.trim() ? `seller item id ${line.sellerItemId.trim()}` : null,
    line.gtin?.trim() ? `GTIN ${line.gtin.trim()}` : null,
  ].filter((s): s is string => s !== null);
  const message = said.length
    ? `Invoice line ${line.lineId}: no order line not already matched by this invoice fits its ${said.join(', ')}`
    : `Invoice line ${line.lineId}: names no order line, seller item id or GTIN`;
  return { code: 'NO_ORDER_LINE', message, lineIndex: line.index, expected: null, actual: said.join('; ') || null, difference: null, differenceNok: null };
}
