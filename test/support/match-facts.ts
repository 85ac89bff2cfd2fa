/** Builders of matcher input for the matcher's specs: sensible facts, each field overridable. */
import Decimal from 'decimal.js';
import type { InvoiceLineFacts, MatchInput, MatchMode, MatchPolicy, OrderLineFacts, Tolerance } from '../../src/invoicing/matching/match-types';
import { DEFAULT_TOLERANCE } from '../../src/invoicing/matching/resolve-match-policy';

export const policy = (mode: MatchMode = 'TWO_WAY', tolerance: Partial<Tolerance> = {}): MatchPolicy => ({ mode, tolerance: { ...DEFAULT_TOLERANCE, ...tolerance } });

/** Order line `lineNo`: 10 EA at 100 NOK, all received, nothing returned or invoiced yet, item KL-<lineNo>. */
export const orderLine = (lineNo: number, over: Partial<OrderLineFacts> = {}): OrderLineFacts => ({
  orderLineId: 1000 + lineNo,
  lineNo,
  sellerItemId: `KL-${lineNo}`,
  gtin: null,
  unitCode: 'EA',
  orderedQuantity: '10',
  unitPrice: '100.0000',
  receivedQuantity: '10',
  returnedQuantity: '0',
  nothingMoreToCome: false,
  previouslyInvoicedQuantity: '0',
  previouslyInvoicedAmount: '0',
  onAgreement: true,
  unspscCode: '44121700',
  ...over,
});

/** quantity × price, rounded to 2 decimals the PEPPOL way. */
export const amountOf = (quantity: string, price: string) => new Decimal(quantity).times(price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Invoice line `index` referring to order line `ref` ("1" when index 0 …), its amount quantity × price unless given. */
export const invoiceLine = (index: number, over: Partial<InvoiceLineFacts> = {}): InvoiceLineFacts => {
  const quantity = over.quantity ?? '10';
  const netUnitPrice = over.netUnitPrice ?? '100';
  return {
    index,
    lineId: String(index + 1),
    orderLineRef: String(index + 1),
    sellerItemId: null,
    gtin: null,
    unitCode: 'EA',
    ...over,
    quantity,
    netUnitPrice,
    lineAmount: over.lineAmount ?? amountOf(quantity, netUnitPrice),
  };
};

/** An invoice in NOK against `orderLines` (null: no order), its total the sum of its lines unless given. */
export const invoice = (orderLines: OrderLineFacts[] | null, lines: InvoiceLineFacts[], over: Partial<MatchInput> = {}): MatchInput => ({
  kind: 'INVOICE',
  currency: 'NOK',
  order: orderLines && { lines: orderLines },
  invoiceLines: lines,
  invoiceTotalExclVat: lines.reduce((sum, l) => sum.plus(l.lineAmount), new Decimal(0)).toFixed(2),
  policy: policy(),
  ...over,
});
