/**
 * The matcher's input and output (issue 16 §2). Pure data: the invoicing service gathers the facts
 * (order lines with what was received and invoiced before, the resolved policy), the matcher
 * answers. Every amount and quantity is a decimal string, never a JS number.
 */

/** Two-way: invoice against order. Three-way: invoice against order and goods received. */
export type MatchMode = 'TWO_WAY' | 'THREE_WAY';

/**
 * How far an invoice may exceed what was agreed and still be approved automatically. Percent
 * fields are percentages ("2" = 2 %); absolute fields are NOK (converted to the invoice's currency
 * with its exchange rate). A null field is not used; when both of a pair are null the tolerance is
 * zero (exact). Tolerances guard the buyer against paying more than agreed: paying less is never
 * a variance.
 */
export interface Tolerance {
  /** Unit price may exceed the agreed unit price by this percentage of it, e.g. "2". */
  pricePercent: string | null;
  /** Unit price may exceed the agreed unit price by this many NOK per unit, e.g. "5". */
  priceAbsolute: string | null;
  /** With both price fields set: TIGHTER allows the smaller of the two deviations, LOOSER the larger. */
  priceRule: 'TIGHTER' | 'LOOSER';
  /** Invoiced quantity (this invoice + previously) may exceed the ordered (or received) quantity by this percentage; "0" = never. */
  quantityPercent: string;
  /** The invoice total (excl. VAT) may exceed the expected total by this percentage of the expected total. */
  totalPercent: string | null;
  /** The invoice total (excl. VAT) may exceed the expected total by this many NOK. */
  totalAbsolute: string | null;
  /** With both total fields set: TIGHTER allows the smaller of the two deviations, LOOSER the larger. */
  totalRule: 'TIGHTER' | 'LOOSER';
}

/** Which mode and tolerances apply to a line (and, at invoice level, to the total). */
export interface MatchPolicy {
  mode: MatchMode;
  tolerance: Tolerance;
}

/**
 * A buyer organisation's exception to its default policy, for a supplier, a UNSPSC category or
 * both. Fields left out are inherited from less specific rules and the organisation's default.
 */
export interface MatchRule {
  scope: {
    /** The supplier organisation's id. */
    supplierId?: number;
    /** 2, 4, 6 or 8 digits: UNSPSC segment, family, class or commodity. */
    unspscPrefix?: string;
  };
  mode?: MatchMode;
  tolerance?: Partial<Tolerance>;
}

/** What the matcher needs of one order line (the order's state when the invoice is matched). */
export interface OrderLineFacts {
  /** The order line's database id: the result points at it. */
  orderLineId: number;
  /** The line number on the order, sent as cac:OrderLine/cac:LineItem/cbc:ID; invoices refer to it. */
  lineNo: number;
  /** The supplier's item number (cac:SellersItemIdentification), null for lines without one. */
  sellerItemId: string | null;
  /** GTIN (cac:StandardItemIdentification, scheme 0160), null when unknown. */
  gtin: string | null;
  /** UN/ECE rec. 20 unit code of the ordered quantity, e.g. "EA". */
  unitCode: string;
  /** The agreed quantity: as ordered, after changes the buyer accepted. */
  orderedQuantity: string;
  /** The agreed net unit price (4 dp), in the invoice's currency. */
  unitPrice: string;
  /** Quantity received so far, net of returns (only read in three-way matching). */
  receivedQuantity: string;
  /** Quantity returned of what was received (received before returns = received + returned): it will not come again. */
  returnedQuantity: string;
  /** The buyer closed the order: nothing more of the line will be delivered, so none is waited for. */
  nothingMoreToCome: boolean;
  /** Quantity on the order's earlier approved or pending invoices of this line, credit notes netted. */
  previouslyInvoicedQuantity: string;
  /** Amount (excl. VAT, invoice currency) of those invoices of this line, credit notes netted. */
  previouslyInvoicedAmount: string;
  /** Whether the line was ordered from an agreement's catalogue (reported, not checked). */
  onAgreement: boolean;
  /** The item's 8-digit UNSPSC commodity code (selects the line's policy), "" when unknown. */
  unspscCode: string;
}

/** What the matcher needs of one invoice (or credit note) line, as read from the document. */
export interface InvoiceLineFacts {
  /** Position of the line in the document, 0-based; results and reasons point at it. */
  index: number;
  /** The line's cbc:ID. */
  lineId: string;
  /** cac:OrderLineReference/cbc:LineID: the order's line number as text, null when absent. */
  orderLineRef: string | null;
  /** cac:SellersItemIdentification/cbc:ID, null when absent. */
  sellerItemId: string | null;
  /** cac:StandardItemIdentification/cbc:ID (scheme 0160), null when absent. */
  gtin: string | null;
  /** Invoiced (or credited) quantity. In a credit note a positive quantity is a reduction; a negative quantity on an invoice is one too. */
  quantity: string;
  /** Unit code of the quantity. */
  unitCode: string;
  /** Net unit price: cbc:PriceAmount / cbc:BaseQuantity (base quantity 1 when absent). */
  netUnitPrice: string;
  /** cbc:LineExtensionAmount, as on the document (positive on a credit note that credits). */
  lineAmount: string;
  /** Only for invoices without an order: whether the invoice's agreement covers this line's item. */
  onAgreement?: boolean;
}

export interface MatchInput {
  kind: 'INVOICE' | 'CREDIT_NOTE';
  /** ISO 4217 code of the document currency; the order's prices are in it too. */
  currency: string;
  /** NOK per one unit of `currency`; may be left out only when the currency is NOK. */
  exchangeRateToNok?: string;
  /** The referenced order's facts, or null for an invoice without an order (matched against the agreement only). */
  order: null | { lines: OrderLineFacts[] };
  invoiceLines: InvoiceLineFacts[];
  /** cbc:TaxExclusiveAmount: lines plus document charges minus document allowances. */
  invoiceTotalExclVat: string;
  /**
   * The invoice's policy: its total tolerance is checked against the invoice total, and it
   * applies to every line unless `policyFor` says otherwise. Resolve it for the supplier alone
   * (`resolveMatchPolicy(org, rules, { supplierId, unspscCode: '' })`). Policies are treated as
   * immutable: the matcher parses each Tolerance object once and remembers it.
   */
  policy: MatchPolicy;
  /** The policy for one order line's mode, price and quantity checks (e.g. by its UNSPSC code); default: `policy`. */
  policyFor?: (orderLine: OrderLineFacts) => MatchPolicy;
}

/** A line's outcome. */
export type LineMatchStatus = 'MATCHED' | 'PRICE_VARIANCE' | 'QUANTITY_VARIANCE' | 'NOT_RECEIVED' | 'NO_ORDER_LINE' | 'NOT_ON_AGREEMENT';

/** Why a line or an invoice is not matched; each code belongs to one line status (see REASON_STATUS). */
export type MatchReasonCode =
  /** Price: the unit price exceeds the agreed one by more than the tolerance. */
  | 'PRICE_ABOVE_AGREED'
  /** Quantity: invoiced + previously invoiced exceeds the ordered quantity by more than the tolerance. */
  | 'QUANTITY_ABOVE_ORDERED'
  /** Quantity (three-way): invoiced + previously invoiced exceeds the received quantity by more than the tolerance, and the ordered one too, with received goods left uninvoiced. */
  | 'QUANTITY_ABOVE_RECEIVED'
  /** Quantity: the invoice's unit code is not the order line's; quantity and price cannot be compared. */
  | 'UNIT_MISMATCH'
  /** Quantity: a reduction (credit) of more than was invoiced before. */
  | 'CREDIT_ABOVE_INVOICED_QUANTITY'
  /** Price: a reduction (credit) of a larger amount than was invoiced before. */
  | 'CREDIT_ABOVE_INVOICED_AMOUNT'
  /** Three-way: more invoiced than received, and goods still to come on the order may cover it (or nothing received is left uninvoiced); `expected` is what is received and not invoiced. */
  | 'NOT_RECEIVED'
  /** No order line found for the invoice line (reference unknown, no unique fallback). */
  | 'NO_ORDER_LINE'
  /** Several order lines carry the line's seller item id or GTIN: said beside NO_ORDER_LINE. */
  | 'AMBIGUOUS_ITEM'
  /** Invoice without order: the agreement does not cover the line. */
  | 'NOT_ON_AGREEMENT'
  /**
   * Invoice level: the total exceeds the expected total by more than the total tolerance, not
   * counting the differences of lines in exception other than NOT_RECEIVED (their own reasons show
   * them: one reason per cause). Its `expected` counts those lines at their invoiced amounts.
   */
  | 'TOTAL_ABOVE_EXPECTED';

export interface MatchReason {
  code: MatchReasonCode;
  /** Plain English for the exception queue and the Invoice Response's status reason text. */
  message: string;
  /** The invoice line's index, null for an invoice-level reason. */
  lineIndex: number | null;
  /** What was expected (a quantity, unit price, amount or unit code), null when nothing was. */
  expected: string | null;
  /** What the invoice says. */
  actual: string | null;
  /** actual − expected in the reason's own terms (quantity, unit price or amount); null when not a number. */
  difference: string | null;
  /** The money at stake in NOK, 2 dp (excess quantity × agreed price, excess price × quantity, the line or total amount). */
  differenceNok: string | null;
}

/** How the invoice line found its order line. */
export type LineResolution = 'LINE_REFERENCE' | 'SELLER_ITEM_ID' | 'GTIN';

export interface LineMatch {
  index: number;
  lineId: string;
  /** The most severe of the reasons' statuses (LINE_STATUS_SEVERITY), MATCHED when none. */
  status: LineMatchStatus;
  /** The order line it was matched to, null when none (or no order). */
  orderLineId: number | null;
  resolvedBy: LineResolution | null;
  /** The mode its checks used, null without an order line. */
  mode: MatchMode | null;
  /** Ordered from an agreement (with an order), or covered by the agreement (without). */
  onAgreement: boolean;
  /**
   * What the line was expected to cost in the document's terms: accepted quantity × agreed price,
   * 2 dp. A NOT_RECEIVED line is expected at what the order allows (what it costs once received).
   */
  expectedAmount: string;
  /** cbc:LineExtensionAmount. */
  actualAmount: string;
  /** actualAmount − expectedAmount. */
  difference: string;
  /** difference in NOK, 2 dp. */
  differenceNok: string;
  reasons: MatchReason[];
}

export interface MatchResult {
  /** MATCHED (approved automatically) only when every line is MATCHED and the total is within tolerance. */
  status: 'MATCHED' | 'EXCEPTION';
  kind: MatchInput['kind'];
  currency: string;
  /** The rate used, NOK per unit of currency. */
  exchangeRateToNok: string;
  /** An invoice without an order: off-catalogue spend (matched against the agreement only). */
  offCatalogue: boolean;
  /**
   * An exception only because goods are not received yet: every line MATCHED or NOT_RECEIVED and
   * no invoice-level reason (NOT_RECEIVED lines are expected at what the order allows, so a
   * TOTAL_ABOVE_EXPECTED beside them is a real difference the receipt will not settle). Re-match on receipt.
   */
  awaitingReceipt: boolean;
  lines: LineMatch[];
  totals: {
    /** Sum of the lines' expected amounts. */
    expected: string;
    /** The invoice total excluding VAT. */
    actual: string;
    /** actual − expected: the lines' differences plus document charges and allowances. */
    difference: string;
    /** In NOK, 2 dp: the sum of the lines' differenceNok and the document-level remainder's. */
    differenceNok: string;
    /** How much the total may exceed expected (invoice currency), from the invoice policy. */
    allowed: string;
  };
  /** Every reason, lines' first (in line order), then the invoice's. */
  reasons: MatchReason[];
}
