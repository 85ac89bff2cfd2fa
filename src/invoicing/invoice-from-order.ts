import { UblInvoiceKind, UblInvoiceOut, UblInvoicePartyOut } from '../peppol';
import { badInput } from '../platform/errors/domain-error';
import { AMOUNT_DECIMALS, Money, MoneyDecimal } from '../platform/money/money';
import { invoiceAmounts, vatCategoryOf } from './invoice-arithmetic';

/**
 * An invoice or credit note for an order, from what was agreed: the lines' quantities, prices
 * and VAT rates, and the parties. Pure: the supplier portal uses it to produce the EHF invoice
 * for a supplier with no e-invoicing system of its own, and tests and benchmarks use it to
 * produce invoices that pass the official rules. Amounts are computed as EN 16931 checks them
 * (invoice-arithmetic.ts). Input a supplier could get wrong is refused with a DomainError
 * (BAD_USER_INPUT) naming the field.
 */

/** The Norwegian VAT rates: general, food, transport and cinema etc., and zero-rated goods. */
export const NORWEGIAN_VAT_RATES = ['25', '15', '12', '0'] as const;

export interface InvoicePartyInput {
  /** The 9-digit organisation number: the party's PEPPOL endpoint (0192) and legal id. */
  orgNumber: string;
  name: string;
  /** The legal name, when it differs from `name`. */
  registrationName?: string;
  /** Registered for VAT (its VAT number is NO + organisation number + MVA): the seller by default, the buyer not. */
  vatRegistered?: boolean;
  /** The seller is registered in Foretaksregisteret (companies such as AS are), which its invoice states (NO-R-002). True by default for the seller. */
  inBusinessRegister?: boolean;
  address?: { street?: string; city?: string; postalZone?: string; country?: string };
}

export interface InvoiceLineInput {
  /** The order line invoiced (cac:OrderLineReference/cbc:LineID). */
  orderLineId?: string;
  sellerItemId?: string;
  gtin?: string;
  name: string;
  description?: string;
  /** Decimal text, positive; a credit note credits positive quantities too. */
  quantity: string;
  /** UN/ECE Rec 20 (EA, KGM, HUR…). */
  unitCode: string;
  /** Per one unit, excluding VAT; decimal text, not negative. */
  unitPrice: string;
  /** One of NORWEGIAN_VAT_RATES ("25.00" is 25). */
  vatRate: string;
  unspsc?: string;
  accountingCost?: string;
}

export interface DocumentAllowanceChargeInput {
  chargeIndicator: boolean;
  /** Why, as text (a reason or a code is required: BR-33, BR-38). */
  reason: string;
  /** UNCL 5189 for allowances (95 discount), UNCL 7161 for charges (FC freight). */
  reasonCode?: string;
  /** Decimal text, positive, at most two decimals. */
  amount: string;
  vatRate: string;
}

export interface InvoiceFromOrderInput {
  kind?: UblInvoiceKind;
  /** The invoice number, unique per seller. */
  invoiceNumber: string;
  issueDate: string;
  /** When payment is due; on a credit note written only with payment details (UBL 2.1 keeps it in PaymentMeans there). */
  dueDate: string;
  currency?: string;
  seller: InvoicePartyInput;
  buyer: InvoicePartyInput;
  /** The order invoiced (its number), the buyer's reference (the order's CustomerReference): at least one (PEPPOL-EN16931-R003). */
  orderNumber?: string;
  buyerReference?: string;
  /** The framework agreement. */
  contractReference?: string;
  /** The invoices a credit note (or corrective invoice) refers to. */
  billingReferences?: { id: string; issueDate?: string }[];
  note?: string;
  deliveryDate?: string;
  /** Credit transfer to the seller's account, with a KID when the seller uses one. */
  payment?: { account: string; kid?: string };
  paymentTerms?: string;
  lines: InvoiceLineInput[];
  allowanceCharges?: DocumentAllowanceChargeInput[];
}

/** A UblInvoiceOut whose arithmetic, VAT categories and references are right; throws BAD_USER_INPUT for input no valid invoice can come from. */
export function invoiceFromOrder(input: InvoiceFromOrderInput): UblInvoiceOut {
  check(input);
  const currency = input.currency ?? 'NOK';
  const allowanceCharges = input.allowanceCharges ?? [];
  const amounts = invoiceAmounts(currency, input.lines, allowanceCharges);
  const text = (m: Money) => m.amount.toFixed(AMOUNT_DECIMALS);
  const kind = input.kind ?? 'Invoice';
  const { allowanceTotalAmount, chargeTotalAmount } = amounts;
  return {
    kind,
    id: input.invoiceNumber,
    issueDate: input.issueDate,
    dueDate: kind === 'Invoice' || input.payment ? input.dueDate : undefined,
    note: input.note,
    currency,
    buyerReference: input.buyerReference,
    orderReference: input.orderNumber,
    billingReferences: input.billingReferences,
    contractReference: input.contractReference,
    seller: party(input.seller, true),
    buyer: party(input.buyer, false),
    delivery: input.deliveryDate === undefined ? undefined : { actualDeliveryDate: input.deliveryDate },
    paymentMeans: input.payment && { code: '30', paymentId: input.payment.kid, account: input.payment.account },
    paymentTerms: input.paymentTerms,
    allowanceCharges: allowanceCharges.map((ac) => ({
      chargeIndicator: ac.chargeIndicator,
      reasonCode: ac.reasonCode,
      reason: ac.reason,
      amount: new MoneyDecimal(ac.amount).toFixed(AMOUNT_DECIMALS),
      taxCategory: vatCategoryOf(ac.vatRate),
    })),
    taxTotal: {
      taxAmount: text(amounts.taxAmount),
      subtotals: amounts.vatSubtotals.map((v) => ({ taxableAmount: text(v.taxableAmount), taxAmount: text(v.taxAmount), category: v.category })),
    },
    totals: {
      lineExtensionAmount: text(amounts.lineExtensionAmount),
      taxExclusiveAmount: text(amounts.taxExclusiveAmount),
      taxInclusiveAmount: text(amounts.taxInclusiveAmount),
      allowanceTotalAmount: allowanceCharges.some((ac) => !ac.chargeIndicator) ? text(allowanceTotalAmount) : undefined,
      chargeTotalAmount: allowanceCharges.some((ac) => ac.chargeIndicator) ? text(chargeTotalAmount) : undefined,
      payableAmount: text(amounts.payableAmount),
    },
    lines: input.lines.map((l, i) => ({
      id: String(i + 1),
      quantity: new MoneyDecimal(l.quantity).toFixed(),
      unitCode: l.unitCode,
      lineExtensionAmount: text(amounts.lineAmounts[i]),
      accountingCost: l.accountingCost,
      orderLineId: l.orderLineId,
      item: { name: l.name, description: l.description, sellerItemId: l.sellerItemId, gtin: l.gtin, unspsc: l.unspsc, taxCategory: vatCategoryOf(l.vatRate) },
      price: new MoneyDecimal(l.unitPrice).toFixed(),
    })),
  };
}

function party(p: InvoicePartyInput, seller: boolean): UblInvoicePartyOut {
  return {
    endpointId: p.orgNumber,
    name: p.name,
    vatNumber: (p.vatRegistered ?? seller) ? `NO${p.orgNumber}MVA` : undefined,
    registrationName: p.registrationName ?? p.name,
    orgNumber: p.orgNumber,
    inBusinessRegister: seller && (p.inBusinessRegister ?? true),
    address: { street: p.address?.street, city: p.address?.city, postalZone: p.address?.postalZone, country: p.address?.country ?? 'NO' },
  };
}

const DECIMAL = /^\d+(\.\d+)?$/;
const ORG_NUMBER = /^\d{9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(input: InvoiceFromOrderInput) {
  const refuse = (field: string, why: string) => {
    throw badInput(`${field} ${why}`, { field });
  };
  if (!input.invoiceNumber?.trim()) refuse('invoiceNumber', 'is required');
  for (const [field, date] of [
    ['issueDate', input.issueDate],
    ['dueDate', input.dueDate],
  ] as const)
    if (!DATE.test(date ?? '')) refuse(field, `must be a date (YYYY-MM-DD), not "${date}"`);
  for (const [field, p] of [
    ['seller', input.seller],
    ['buyer', input.buyer],
  ] as const) {
    if (!ORG_NUMBER.test(p?.orgNumber ?? '')) refuse(`${field}.orgNumber`, `must be a 9-digit organisation number, not "${p?.orgNumber}"`);
    if (!p.name?.trim()) refuse(`${field}.name`, 'is required');
  }
  if (!input.orderNumber?.trim() && !input.buyerReference?.trim()) refuse('orderNumber', 'or buyerReference is required: the buyer routes an invoice by one of them');
  if (!input.lines?.length) refuse('lines', 'must hold at least one line');
  input.lines.forEach((l, i) => {
    const at = `lines[${i}]`;
    if (!l.name?.trim()) refuse(`${at}.name`, 'is required');
    if (!l.unitCode?.trim()) refuse(`${at}.unitCode`, 'is required');
    if (!DECIMAL.test(l.quantity ?? '') || new MoneyDecimal(l.quantity).isZero()) refuse(`${at}.quantity`, `must be a positive decimal number, not "${l.quantity}"`);
    if (!DECIMAL.test(l.unitPrice ?? '')) refuse(`${at}.unitPrice`, `must be a decimal number, not negative, not "${l.unitPrice}"`);
    checkRate(`${at}.vatRate`, l.vatRate, refuse);
  });
  (input.allowanceCharges ?? []).forEach((ac, i) => {
    const at = `allowanceCharges[${i}]`;
    if (!ac.reason?.trim()) refuse(`${at}.reason`, 'is required');
    if (!DECIMAL.test(ac.amount ?? '') || new MoneyDecimal(ac.amount).isZero() || new MoneyDecimal(ac.amount).decimalPlaces() > AMOUNT_DECIMALS)
      refuse(`${at}.amount`, `must be a positive amount with at most two decimals, not "${ac.amount}"`);
    checkRate(`${at}.vatRate`, ac.vatRate, refuse);
  });
  const charged = [...input.lines, ...(input.allowanceCharges ?? [])].some((x) => !new MoneyDecimal(x.vatRate).isZero());
  if (charged && !(input.seller.vatRegistered ?? true)) refuse('seller.vatRegistered', 'is false, so the invoice cannot charge VAT: a seller not registered for VAT invoices at 0 %');
}

function checkRate(field: string, rate: string, refuse: (field: string, why: string) => void) {
  const known = DECIMAL.test(rate ?? '') && NORWEGIAN_VAT_RATES.some((r) => new MoneyDecimal(r).eq(rate));
  if (!known) refuse(field, `must be a Norwegian VAT rate (${NORWEGIAN_VAT_RATES.join(', ')} %), not "${rate}"`);
}
