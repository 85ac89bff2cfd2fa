/** What a cart line is: an item from a published catalogue, or a need described in free text. */
export enum LineKind {
  CATALOGUE = 'CATALOGUE',
  FREE_TEXT = 'FREE_TEXT',
}

/** How a line stands to the buyer's framework agreements, decided when it was added (loyalty is measured from it). */
export enum LineLoyalty {
  /** An item of an agreement's catalogue. */
  ON_AGREEMENT = 'ON_AGREEMENT',
  /** Bought outside an agreement in force whose scope covers the category. */
  OFF_AGREEMENT = 'OFF_AGREEMENT',
  /** No agreement in force for the buyer covers the category. */
  NOT_COVERED = 'NOT_COVERED',
}

/** Why a requester buys outside an agreement that covers the category. */
export enum JustificationCode {
  ITEM_NOT_IN_AGREEMENT = 'ITEM_NOT_IN_AGREEMENT',
  URGENT_NEED = 'URGENT_NEED',
  SUPPLIER_CANNOT_DELIVER = 'SUPPLIER_CANNOT_DELIVER',
  OTHER = 'OTHER',
}

/** Whether a line can still be ordered as it stands, checked each time the cart is read. */
export enum LineStatus {
  /** Catalogue line: the item is in force on the terms it was added on. */
  ORDERABLE = 'ORDERABLE',
  /** Free-text line: an estimate, nothing in a catalogue to check. */
  ESTIMATE = 'ESTIMATE',
  /** A newer catalogue version holds the item at another price (see currentPrice). */
  REPRICED = 'REPRICED',
  /** A newer catalogue version holds the item with another unit or VAT rate. */
  ITEM_CHANGED = 'ITEM_CHANGED',
  /** The catalogue version in force no longer holds the item. */
  ITEM_WITHDRAWN = 'ITEM_WITHDRAWN',
  /** The item is in the catalogue in force but cannot be ordered today: not orderable by itself, not valid yet, or no longer valid. */
  ITEM_UNAVAILABLE = 'ITEM_UNAVAILABLE',
  /** The agreement is no longer (or not yet) in force. */
  AGREEMENT_NOT_IN_FORCE = 'AGREEMENT_NOT_IN_FORCE',
  /** The buyer's organisation no longer takes part in the agreement. */
  NOT_PARTICIPANT = 'NOT_PARTICIPANT',
}
