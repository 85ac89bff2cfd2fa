import { formatDecimal } from '../platform/money/decimal-text';
import { MoneyDecimal } from '../platform/money/money';
import { LineStatus } from './cart-line-kinds';

/** The terms a catalogue line was added on (its snapshot). */
export interface SnapshotTerms {
  sellerItemId: string;
  unitPrice: string;
  currency: string;
  vatRate: string;
  unitCode: string;
}

/** What the agreement's catalogue holds now for the same seller item. */
export interface CurrentTerms {
  itemId: string;
  price: string;
  currency: string;
  vatRate: string;
  unitCode: string;
}

/** Where the line's agreement stands for the buyer now. */
export interface AgreementStanding {
  reference: string;
  /** The buyer may order under it today. */
  orderable: boolean;
  inForce: boolean;
  validFrom: string;
  validTo: string;
}

export interface LineCheck {
  status: LineStatus;
  /** For people: why the line cannot be ordered as it stands (null when it can). */
  reason: string | null;
  /** The price in the version in force, when it differs from the line's. */
  currentPrice: string | null;
  /** The item in the version in force, when that is another row than the line's (replace the line with it to take the new terms). */
  currentItemId: string | null;
}

const same = (a: string, b: string) => new MoneyDecimal(a).eq(b);

/**
 * Whether a catalogue line can still be ordered as it was added. Reported, never applied: the
 * line keeps its snapshot until the requester replaces it. `unavailable` is why the item in force
 * cannot be ordered today (catalogues' purchaseRefusal), null when it can.
 */
export function checkCatalogueLine(line: SnapshotTerms, agreement: AgreementStanding, versionInForce: boolean, current: CurrentTerms | null, unavailable: string | null = null): LineCheck {
  const none = { currentPrice: null, currentItemId: null };
  if (!agreement.orderable) {
    if (!agreement.inForce) {
      const period = `in force ${agreement.validFrom} to ${agreement.validTo}`;
      return { status: LineStatus.AGREEMENT_NOT_IN_FORCE, reason: `Agreement ${agreement.reference} is not in force today (${period})`, ...none };
    }
    return { status: LineStatus.NOT_PARTICIPANT, reason: `Your organisation no longer takes part in agreement ${agreement.reference}`, ...none };
  }
  // The item in force cannot be ordered today, whatever its terms (`unavailable` says why).
  if (current && unavailable) return { status: LineStatus.ITEM_UNAVAILABLE, reason: unavailable, ...none };
  if (versionInForce) return { status: LineStatus.ORDERABLE, reason: null, ...none };
  if (!current) return { status: LineStatus.ITEM_WITHDRAWN, reason: `The catalogue in force for agreement ${agreement.reference} no longer holds item ${line.sellerItemId}`, ...none };
  if (current.currency !== line.currency || !same(current.price, line.unitPrice)) {
    return {
      status: LineStatus.REPRICED,
      reason: `Item ${line.sellerItemId} now costs ${formatDecimal(current.price)} ${current.currency} (added at ${formatDecimal(line.unitPrice)} ${line.currency})`,
      currentPrice: current.price,
      currentItemId: current.itemId,
    };
  }
  if (current.unitCode !== line.unitCode || !same(current.vatRate, line.vatRate)) {
    return {
      status: LineStatus.ITEM_CHANGED,
      reason: `Item ${line.sellerItemId} is now sold per ${current.unitCode} at ${formatDecimal(current.vatRate)} % VAT (added per ${line.unitCode} at ${formatDecimal(line.vatRate)} %)`,
      currentPrice: null,
      currentItemId: current.itemId,
    };
  }
  // A newer version holds the item on the same terms: orderable as it stands.
  return { status: LineStatus.ORDERABLE, reason: null, currentPrice: null, currentItemId: current.itemId };
}
