import type { UblId, UblOrder, UblOrderLine } from '../peppol';
import type { Money } from '../platform/money/money';
import { MoneyDecimal } from '../platform/money/money';
import { formatDecimal } from '../platform/money/decimal-text';
import { osloToday } from '../platform/time/oslo-date';
import { lineAmount, totals } from './cart-totals';
import type { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/** The profiles Torg sends orders in: EHF Order 3.0 (Norwegian public buyers) or PEPPOL BIS Ordering 3. Both expect an order response. */
export type OrderDocumentProfile = 'ehf' | 'peppol-ordering';

/** A party of the order: its name and Norwegian organisation number (ICD 0192). */
export interface OrderDocumentParty {
  name: string;
  orgNumber: string;
}

export interface OrderDocumentInput {
  profile: OrderDocumentProfile;
  order: Pick<PurchaseOrderEntity, 'orderNo' | 'requisitionNo' | 'currency' | 'decidedAt' | 'customerReference' | 'accountingString' | 'noteToSupplier' | 'wantedDeliveryDate'>;
  lines: readonly Pick<PurchaseOrderLineEntity, 'lineNo' | 'name' | 'unspscCode' | 'quantity' | 'unitCode' | 'unitPrice' | 'vatRate' | 'sellerItemId' | 'gtin'>[];
  buyer: OrderDocumentParty;
  /** The requester, whom the supplier may contact about the order. */
  buyerContact?: { name: string; email: string };
  supplier: OrderDocumentParty;
  delivery: { streetName: string; additionalStreetName: string | null; addressLine: string | null; postalCode: string; city: string; countryCode: string; gln: string | null };
  /** The framework agreement's reference (cac:Contract/cbc:ID), when the order is under one. */
  agreementReference: string | null;
}

/** ICD codes of the identifiers Torg writes (ISO 6523 / PEPPOL code lists). */
const ORGANISATION_NUMBER = '0192';
const GLN = '0088';
const GTIN = '0160';
/** The PEPPOL item classification list id for UNSPSC (UNCL 7143 "MP"). */
const UNSPSC_LIST = 'MP';

/** An amount as UBL writes it: always two decimals ("250.00"). */
const amount = (m: Money) => new MoneyDecimal(m.toDecimalString()).toFixed(2);

/**
 * Older Rec 20 codes Torg accepts from catalogues (REC20_LEGACY_CODES) that the order rules
 * refuse: packages are written the Rec 21 way (PK → XPK), pairs as PR. Other codes go as they are.
 */
const CURRENT_UNIT: Readonly<Record<string, string>> = {
  NPR: 'PR',
  ...Object.fromEntries(['PK', 'BX', 'CT', 'CS', 'RO', 'RL', 'BG', 'BO', 'CA', 'CR', 'TU', 'PA', 'BE', 'BJ', 'SA'].map((c) => [c, `X${c}`])),
};
export const unitCodeForDocument = (unitCode: string): string => CURRENT_UNIT[unitCode] ?? unitCode;

const organisationNumber = (orgNumber: string): UblId => ({ value: orgNumber, schemeId: ORGANISATION_NUMBER });

/** A Norwegian organisation's PEPPOL endpoint: where its documents go. */
export const organisationEndpoint = (orgNumber: string) => ({ schemeId: ORGANISATION_NUMBER, value: orgNumber });

/** UNCL 5305: standard rate S when VAT is charged; zero rated Z for a 0 % line (as books and newspapers in Norway). */
export const taxCategoryOf = (vatRate: string): { id: string; percent: string } => (Number(vatRate) === 0 ? { id: 'Z', percent: '0' } : { id: 'S', percent: vatRate });

/**
 * The CustomerReference an order is sent with: the buyer's own reference, else the requisition
 * number (as CartCheckoutInput promises). The supplier returns it as the invoice's
 * BuyerReference, so invoicing checks that against this, not against what the buyer typed.
 */
export const customerReferenceSent = (order: Pick<PurchaseOrderEntity, 'customerReference' | 'requisitionNo'>): string => order.customerReference?.trim() || order.requisitionNo;

/**
 * The approved order as a UBL Order document (EHF Order 3.0 or PEPPOL BIS Ordering 3). Pure: the
 * caller gathers the order, its parties and delivery address. Amounts are computed the way
 * PEPPOL checks them (cart-totals: rounded lines, VAT per rate), so the header totals and the
 * lines always agree. The organisation data Torg keeps says nothing of VAT registration, so no
 * VAT number is written (it is optional in both profiles).
 */
export function orderDocument(input: OrderDocumentInput): UblOrder {
  const { order, buyer, supplier, delivery } = input;
  if (!order.orderNo || !order.decidedAt) throw new Error(`requisition ${order.requisitionNo} has no order number yet: only an approved order is sent`);
  if (!input.lines.length) throw new Error(`order ${order.orderNo} has no lines`);
  const priced = input.lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, vatRate: l.vatRate, currency: order.currency }));
  const [sum] = totals(priced);
  return {
    profile: input.profile,
    id: order.orderNo,
    issueDate: osloToday(order.decidedAt),
    ...(order.noteToSupplier ? { note: order.noteToSupplier } : {}),
    currency: order.currency,
    customerReference: customerReferenceSent(order),
    ...(order.accountingString ? { accountingCost: order.accountingString } : {}),
    ...(input.agreementReference ? { contractId: input.agreementReference } : {}),
    buyer: {
      endpointId: organisationNumber(buyer.orgNumber),
      identifiers: [organisationNumber(buyer.orgNumber)],
      name: buyer.name,
      legalEntity: { registrationName: buyer.name, companyId: organisationNumber(buyer.orgNumber) },
      ...(input.buyerContact ? { contact: { name: input.buyerContact.name, email: input.buyerContact.email } } : {}),
    },
    seller: {
      endpointId: organisationNumber(supplier.orgNumber),
      identifiers: [organisationNumber(supplier.orgNumber)],
      name: supplier.name,
      // Torg keeps no address of an organisation; a Norwegian organisation number is Norwegian.
      postalAddress: { countryCode: 'NO' },
      legalEntity: { registrationName: supplier.name, companyId: organisationNumber(supplier.orgNumber) },
    },
    delivery: {
      ...(delivery.gln ? { locationId: { value: delivery.gln, schemeId: GLN } } : {}),
      address: {
        streetName: delivery.streetName,
        ...(delivery.additionalStreetName ? { additionalStreetName: delivery.additionalStreetName } : {}),
        cityName: delivery.city,
        postalZone: delivery.postalCode,
        ...(delivery.addressLine ? { addressLine: delivery.addressLine } : {}),
        countryCode: delivery.countryCode,
      },
      ...(order.wantedDeliveryDate ? { requestedPeriod: { endDate: order.wantedDeliveryDate } } : {}),
    },
    taxAmount: amount(sum.vatAmount),
    totals: {
      lineExtension: amount(sum.lineExtensionAmount),
      taxExclusive: amount(sum.lineExtensionAmount),
      taxInclusive: amount(sum.taxInclusiveAmount),
      payable: amount(sum.taxInclusiveAmount),
    },
    lines: input.lines.map((l, i) => orderLine(l, priced[i])),
  };
}

function orderLine(line: OrderDocumentInput['lines'][number], priced: Parameters<typeof lineAmount>[0]): UblOrderLine {
  return {
    id: String(line.lineNo),
    // Stored as numeric(18,4); written without the padding ("100", "45.07", "0.1235").
    quantity: { value: new MoneyDecimal(line.quantity).toFixed(), unitCode: unitCodeForDocument(line.unitCode) },
    lineExtensionAmount: amount(lineAmount(priced)),
    price: { amount: formatDecimal(line.unitPrice) },
    item: {
      name: line.name,
      // A free-text line has no seller item id: its name is all the supplier has to go on.
      ...(line.sellerItemId ? { sellersItemId: line.sellerItemId } : {}),
      ...(line.gtin ? { standardItemId: { value: line.gtin, schemeId: GTIN } } : {}),
      classifications: [{ code: line.unspscCode, listId: UNSPSC_LIST }],
      taxCategory: taxCategoryOf(line.vatRate),
    },
  };
}
