import Decimal from 'decimal.js';
import type { UblAmount, UblInvoice, UblInvoiceKind, UblInvoiceLine, UblText } from '../peppol';

/**
 * Builds a consistent UblInvoice in memory, as readUblInvoice would give it (values located with
 * the paths a real document has), for the checks' tests: every total computed here with
 * decimal.js from the lines, so a test changes one value to make it wrong.
 */

export interface TestLine {
  quantity: string;
  unit?: string;
  price: string;
  baseQuantity?: string;
  charges?: string[];
  allowances?: string[];
  category?: string;
  /** Undefined for category O (no rate). */
  percent?: string;
}

export interface TestAllowanceCharge {
  charge: boolean;
  amount: string;
  category?: string;
  percent?: string;
}

export interface TestInvoice {
  kind?: UblInvoiceKind;
  currency?: string;
  /** The seller's country: NO (a Norwegian seller, 0192 endpoint) or another (an 0088 GLN endpoint). */
  sellerCountry?: string;
  lines: TestLine[];
  allowanceCharges?: TestAllowanceCharge[];
  prepaid?: string;
  rounding?: string;
  /** An exemption reason for each subtotal of these categories. */
  exemptionReason?: string;
}

const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const two = (d: Decimal) => round2(d).toFixed(2);
const NEEDS_REASON = new Set(['E', 'AE', 'K', 'G', 'O']);

export function testInvoice(spec: TestInvoice): UblInvoice {
  const kind = spec.kind ?? 'Invoice';
  const currency = spec.currency ?? 'NOK';
  const root = `/${kind}`;
  let line = 1;
  const text = (path: string, value: string): UblText => ({ value, path, line: line++ });
  const amount = (path: string, value: Decimal | string): UblAmount => ({
    ...text(path, typeof value === 'string' ? value : two(value)),
    currency: { value: currency, path: `${path}/@currencyID`, line },
  });
  const lineElement = kind === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
  const quantityElement = kind === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity';
  const norwegian = (spec.sellerCountry ?? 'NO') === 'NO';

  const groups = new Map<string, { category: string; percent?: string; taxable: Decimal }>();
  const carry = (category: string, percent: string | undefined, value: Decimal) => {
    const key = `${category}|${percent === undefined ? '' : new D(percent).toFixed()}`;
    const g = groups.get(key) ?? { category, percent, taxable: new D(0) };
    g.taxable = g.taxable.plus(value);
    groups.set(key, g);
  };
  const category = (path: string, id: string, percent: string | undefined) => ({
    path,
    line: line++,
    id: text(`${path}/cbc:ID`, id),
    percent: percent === undefined ? undefined : text(`${path}/cbc:Percent`, percent),
    taxScheme: text(`${path}/cac:TaxScheme/cbc:ID`, 'VAT'),
  });

  const lines = spec.lines.map((l, i): UblInvoiceLine => {
    const path = `${root}/${lineElement}[${i + 1}]`; // as the reader names records: always with their position
    const base = new D(l.baseQuantity ?? '1');
    const charges = (l.charges ?? []).map((c) => new D(c));
    const allowances = (l.allowances ?? []).map((a) => new D(a));
    const net = round2(
      new D(l.quantity)
        .times(new D(l.price).div(base))
        .plus(charges.reduce((a, b) => a.plus(b), new D(0)))
        .minus(allowances.reduce((a, b) => a.plus(b), new D(0))),
    );
    const cat = l.category ?? 'S';
    const percent = cat === 'O' ? undefined : (l.percent ?? (cat === 'S' ? '25' : '0'));
    carry(cat, percent, net);
    const acs = [...charges.map((c) => [true, c] as const), ...allowances.map((a) => [false, a] as const)];
    return {
      ordinal: i + 1,
      path,
      line: line++,
      id: text(`${path}/cbc:ID`, String(i + 1)),
      quantity: { ...text(`${path}/${quantityElement}`, l.quantity), unitCode: l.unit ?? 'EA' },
      lineExtensionAmount: amount(`${path}/cbc:LineExtensionAmount`, net),
      allowanceCharges: acs.map(([charge, value], k) => {
        const at = `${path}/cac:AllowanceCharge${acs.length > 1 ? `[${k + 1}]` : ''}`;
        return {
          path: at,
          line: line++,
          chargeIndicator: text(`${at}/cbc:ChargeIndicator`, String(charge)),
          reason: text(`${at}/cbc:AllowanceChargeReason`, charge ? 'Packing' : 'Damage'),
          amount: amount(`${at}/cbc:Amount`, value),
        };
      }),
      item: {
        path: `${path}/cac:Item`,
        line: line++,
        name: text(`${path}/cac:Item/cbc:Name`, `Item ${i + 1}`),
        classifications: [],
        taxCategory: category(`${path}/cac:Item/cac:ClassifiedTaxCategory`, cat, percent),
      },
      priceAmount: amount(`${path}/cac:Price/cbc:PriceAmount`, l.price),
      baseQuantity: l.baseQuantity === undefined ? undefined : { ...text(`${path}/cac:Price/cbc:BaseQuantity`, l.baseQuantity), unitCode: l.unit ?? 'EA' },
    };
  });

  const docACs = spec.allowanceCharges ?? [];
  const allowanceCharges = docACs.map((a, k) => {
    const at = `${root}/cac:AllowanceCharge${docACs.length > 1 ? `[${k + 1}]` : ''}`;
    const cat = a.category ?? 'S';
    const percent = cat === 'O' ? undefined : (a.percent ?? (cat === 'S' ? '25' : '0'));
    carry(cat, percent, a.charge ? new D(a.amount) : new D(a.amount).negated());
    return {
      path: at,
      line: line++,
      chargeIndicator: text(`${at}/cbc:ChargeIndicator`, String(a.charge)),
      reason: text(`${at}/cbc:AllowanceChargeReason`, a.charge ? 'Freight' : 'Discount'),
      amount: amount(`${at}/cbc:Amount`, a.amount),
      taxCategory: category(`${at}/cac:TaxCategory`, cat, percent),
    };
  });

  const subtotalList = [...groups.values()];
  const subtotals = subtotalList.map((g, k) => {
    const at = `${root}/cac:TaxTotal/cac:TaxSubtotal${subtotalList.length > 1 ? `[${k + 1}]` : ''}`;
    const tax = g.percent === undefined ? new D(0) : round2(g.taxable.times(g.percent).div(100));
    const cat = category(`${at}/cac:TaxCategory`, g.category, g.percent);
    return {
      path: at,
      line: line++,
      taxableAmount: amount(`${at}/cbc:TaxableAmount`, g.taxable),
      taxAmount: amount(`${at}/cbc:TaxAmount`, tax),
      category: NEEDS_REASON.has(g.category) ? { ...cat, exemptionReason: text(`${at}/cac:TaxCategory/cbc:TaxExemptionReason`, spec.exemptionReason ?? 'Exempt') } : cat,
      tax,
    };
  });
  const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new D(0));
  const lineExtension = sum(lines.map((l) => new D(l.lineExtensionAmount!.value)));
  const allowanceTotal = sum(docACs.filter((a) => !a.charge).map((a) => new D(a.amount)));
  const chargeTotal = sum(docACs.filter((a) => a.charge).map((a) => new D(a.amount)));
  const taxExclusive = lineExtension.minus(allowanceTotal).plus(chargeTotal);
  const vat = sum(subtotals.map((s) => s.tax));
  const taxInclusive = taxExclusive.plus(vat);
  const prepaid = new D(spec.prepaid ?? '0');
  const rounding = new D(spec.rounding ?? '0');
  const totals = `${root}/cac:LegalMonetaryTotal`;

  const sellerPath = `${root}/cac:AccountingSupplierParty/cac:Party`;
  const buyerPath = `${root}/cac:AccountingCustomerParty/cac:Party`;
  return {
    kind,
    specification: 'peppol',
    customizationId: text(`${root}/cbc:CustomizationID`, 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'),
    profileId: text(`${root}/cbc:ProfileID`, 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0'),
    id: text(`${root}/cbc:ID`, 'F-1001'),
    issueDate: text(`${root}/cbc:IssueDate`, '2026-11-30'),
    dueDate: text(`${root}/cbc:DueDate`, '2026-12-30'),
    typeCode: text(`${root}/cbc:${kind}TypeCode`, kind === 'Invoice' ? '380' : '381'),
    notes: [],
    currency: text(`${root}/cbc:DocumentCurrencyCode`, currency),
    buyerReference: text(`${root}/cbc:BuyerReference`, 'REF-7'),
    orderReference: text(`${root}/cac:OrderReference/cbc:ID`, 'PO-42'),
    billingReferences:
      kind === 'CreditNote'
        ? [{ path: `${root}/cac:BillingReference/cac:InvoiceDocumentReference`, line: line++, id: text(`${root}/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID`, 'F-1000') }]
        : [],
    seller: {
      path: sellerPath,
      line: line++,
      endpointId: norwegian ? { ...text(`${sellerPath}/cbc:EndpointID`, '974760673'), schemeId: '0192' } : { ...text(`${sellerPath}/cbc:EndpointID`, '7300010000001'), schemeId: '0088' },
      identifiers: [],
      postalAddress: { addressLines: [], countryCode: text(`${sellerPath}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`, spec.sellerCountry ?? 'NO') },
      registrationName: text(`${sellerPath}/cac:PartyLegalEntity/cbc:RegistrationName`, 'Leverandør AS'),
      vatNumber: text(`${sellerPath}/cac:PartyTaxScheme/cbc:CompanyID`, norwegian ? 'NO974760673MVA' : 'SE556677889901'),
      legalCompanyId: norwegian ? { ...text(`${sellerPath}/cac:PartyLegalEntity/cbc:CompanyID`, '974760673'), schemeId: '0192' } : undefined,
    },
    buyer: {
      path: buyerPath,
      line: line++,
      endpointId: { ...text(`${buyerPath}/cbc:EndpointID`, '987654325'), schemeId: '0192' },
      identifiers: [],
      postalAddress: { addressLines: [], countryCode: text(`${buyerPath}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`, 'NO') },
      registrationName: text(`${buyerPath}/cac:PartyLegalEntity/cbc:RegistrationName`, 'Storby kommune'),
    },
    paymentMeans: [],
    allowanceCharges,
    taxTotals: [{ path: `${root}/cac:TaxTotal`, line: line++, taxAmount: amount(`${root}/cac:TaxTotal/cbc:TaxAmount`, vat), subtotals: subtotals.map(({ tax: _tax, ...s }) => s) }],
    totals: {
      path: totals,
      line: line++,
      lineExtensionAmount: amount(`${totals}/cbc:LineExtensionAmount`, lineExtension),
      taxExclusiveAmount: amount(`${totals}/cbc:TaxExclusiveAmount`, taxExclusive),
      taxInclusiveAmount: amount(`${totals}/cbc:TaxInclusiveAmount`, taxInclusive),
      allowanceTotalAmount: docACs.some((a) => !a.charge) ? amount(`${totals}/cbc:AllowanceTotalAmount`, allowanceTotal) : undefined,
      chargeTotalAmount: docACs.some((a) => a.charge) ? amount(`${totals}/cbc:ChargeTotalAmount`, chargeTotal) : undefined,
      prepaidAmount: spec.prepaid ? amount(`${totals}/cbc:PrepaidAmount`, prepaid) : undefined,
      payableRoundingAmount: spec.rounding ? amount(`${totals}/cbc:PayableRoundingAmount`, rounding) : undefined,
      payableAmount: amount(`${totals}/cbc:PayableAmount`, taxInclusive.minus(prepaid).plus(rounding)),
    },
    lines,
  };
}
