/** What the split needs of a cart line. */
export interface SplittableLine {
  supplierId: number | null;
  supplierName: string | null;
  currency: string;
  /** The agreement of a catalogue line; null for free text. */
  agreementId: number | null;
}

export interface RequisitionGroup<L extends SplittableLine> {
  supplierId: number | null;
  supplierName: string | null;
  currency: string;
  /** The agreement the order names (cac:Contract), when its catalogue lines have one. */
  agreementId: number | null;
  lines: L[];
}

/**
 * One requisition per supplier, as the issue asks, made exact where an EHF order needs it: an
 * order is in one currency and names at most one framework agreement, so a supplier's lines in
 * two currencies or from two agreements become two requisitions. A free-text line for a
 * registered supplier joins that supplier's agreement order when there is exactly one (loyalty is
 * recorded per line, so an off-agreement line may ride on it); a supplier named only in free text
 * gets one of its own (placed outside Torg), and so do lines with no supplier at all. Groups keep
 * the order in which their first line appears in the cart; lines keep the cart's order.
 */
export function splitIntoRequisitions<L extends SplittableLine>(lines: readonly L[]): RequisitionGroup<L>[] {
  const groups = new Map<string, RequisitionGroup<L>>();
  const add = (key: string, line: L, agreementId: number | null) => {
    const group = groups.get(key) ?? { supplierId: line.supplierId, supplierName: line.supplierId === null ? line.supplierName : null, currency: line.currency, agreementId, lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  };
  const agreementsOf = new Map<string, Set<number>>();
  for (const line of lines) {
    if (line.agreementId === null || line.supplierId === null) continue;
    const supplier = `${line.supplierId}|${line.currency}`;
    agreementsOf.set(supplier, (agreementsOf.get(supplier) ?? new Set()).add(line.agreementId));
  }
  for (const line of lines) {
    if (line.supplierId !== null) {
      const supplier = `${line.supplierId}|${line.currency}`;
      const agreements = [...(agreementsOf.get(supplier) ?? [])];
      const agreementId = line.agreementId ?? (agreements.length === 1 ? agreements[0] : null);
      add(`s:${supplier}|${agreementId ?? 'none'}`, line, agreementId);
    } else if (line.supplierName) {
      add(`n:${line.supplierName.trim().toLocaleLowerCase('nb')}|${line.currency}`, line, null);
    } else {
      add(`none|${line.currency}`, line, null);
    }
  }
  return [...groups.values()];
}
