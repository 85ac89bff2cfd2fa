/**
 * What ordering takes from a published catalogue: the item as it stands in its version, so a
 * cart line keeps the terms it was added on (a snapshot), and what the version in force says
 * now, so a line can be re-checked without being changed.
 */
export interface PurchasableItem {
  itemId: string;
  versionId: number;
  agreementId: number;
  supplierId: number;
  sellerItemId: string;
  name: string;
  unspscCode: string;
  /** Unit price excluding VAT, decimal text. */
  price: string;
  currency: string;
  /** VAT rate in percent, decimal text. */
  vatRate: string;
  unitCode: string;
  gtin: string | null;
  /** False for a line the supplier marks as not orderable by itself (a deposit). */
  orderable: boolean;
  /** The line's own validity (YYYY-MM-DD), within the agreement's; null: no limit. */
  validFrom: string | null;
  validTo: string | null;
  /** Whether the item carries an eco-label (`eco-label.ts`): ordering keeps it in the line's snapshot for the eco-labelled spend insight. */
  ecoLabelled: boolean;
}

/**
 * Why an item of the version in force cannot be ordered on `today` (YYYY-MM-DD, Oslo), or null
 * when it can: not orderable by itself, not valid yet, or no longer valid. The same rule as the
 * SQL of search and of `itemForPurchase`, said in words for the buyer.
 */
export function purchaseRefusal(item: Pick<PurchasableItem, 'sellerItemId' | 'orderable' | 'validFrom' | 'validTo'>, today: string): string | null {
  if (!item.orderable) return `Item ${item.sellerItemId} is not orderable by itself: the supplier marks the line not orderable (a deposit, or part of another item)`;
  if (item.validFrom && item.validFrom > today) return `Item ${item.sellerItemId} can be ordered from ${item.validFrom}, not yet today (${today})`;
  if (item.validTo && item.validTo < today) return `Item ${item.sellerItemId} could be ordered until ${item.validTo}; its validity has ended`;
  return null;
}

/** Where a cart line's item came from: its version, agreement and the supplier's item number. */
export interface ItemReference {
  versionId: number;
  agreementId: number;
  sellerItemId: string;
}

/** What the agreement's catalogue holds now for an item added from `ref.versionId`. */
export interface ItemNow {
  ref: ItemReference;
  /** Whether the version the line was added from is still the one in force. */
  versionInForce: boolean;
  /** The same seller item in the version in force, or null when that version no longer holds it (or the agreement has none). */
  current: PurchasableItem | null;
}

/** A need to price against agreement items: an off-agreement line (key: the caller's line id). */
export interface CheaperNeed {
  key: number;
  unspscCode: string;
  unitCode: string;
  currency: string;
}

/** The cheapest agreement item for a need, and whether it shares the need's commodity or only its class. */
export interface CheaperItem {
  key: number;
  itemId: string;
  agreementId: number;
  name: string;
  price: string;
  level: 'COMMODITY' | 'CLASS';
}
