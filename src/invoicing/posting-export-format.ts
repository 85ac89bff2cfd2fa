import type Decimal from 'decimal.js';
import { csvCell } from '../platform/files/csv-export';
import type { CsvValue } from '../platform/files/csv-export';
import { MoneyDecimal } from '../platform/money/money';

/**
 * A posting export batch as files for the buyer's finance system. Pure and deterministic: the
 * same batch gives the same bytes every time (rows in invoice id order, fixed columns, amounts
 * with exactly two decimals). Amounts are signed for posting: a credit note's are negative, so
 * the sum over a file is what the buyer owes.
 *
 * CSV: UTF-8 (no byte order mark), CRLF line ends, a header row, `;` between cells (what
 * Norwegian finance systems and spreadsheets read, since `,` is the Norwegian decimal sign) and
 * `.` as the decimal point, amounts bare, text quoted. VAT has a basis and amount column per
 * Norwegian rate (25, 15, 12, 0), always present, and one pair per other rate in the batch.
 */

/** One exported invoice or credit note, as snapshotted when it joined the batch (amounts as on the document, unsigned). */
export interface PostingRow {
  invoiceId: string;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  invoiceNumber: string;
  supplierName: string;
  supplierOrgNumber: string;
  buyerOrgNumber: string;
  buyerName: string;
  /** YYYY-MM-DD. */
  invoiceDate: string;
  dueDate: string | null;
  currency: string;
  accountingString: string | null;
  costCentreCode: string | null;
  costCentreName: string | null;
  orderNumber: string | null;
  agreementReference: string | null;
  /** cbc:TaxExclusiveAmount. */
  amountExclVat: string;
  /** One per VAT category and rate (cac:TaxSubtotal). */
  vat: PostingVat[];
  /** cbc:TaxAmount of the document. */
  vatTotal: string;
  /** cbc:TaxInclusiveAmount. */
  totalInclVat: string;
  /** cbc:PayableAmount: what is to be paid (after prepaid amounts and rounding). */
  payableAmount: string;
}

export interface PostingVat {
  /** UNCL 5305: S, Z, E, … */
  category: string;
  /** Percent, e.g. "25". */
  rate: string;
  taxableAmount: string;
  vatAmount: string;
}

/** Only what never changes after the batch is made (names live in the rows, fixed with them). */
export interface PostingBatchHeader {
  id: string;
  organisationId: number;
  /** When the batch was made (ISO 8601, UTC). */
  createdAt: string;
}

/** Norwegian VAT rates: a column pair each in every CSV file, so a finance system's import mapping stays fixed. */
export const NORWEGIAN_VAT_RATES = ['25', '15', '12', '0'] as const;

export const CSV_SEPARATOR = ';';

const amount = (value: Decimal.Value) => new MoneyDecimal(value).toFixed(2);
const signed = (row: PostingRow, value: string) => amount(row.kind === 'CREDIT_NOTE' ? new MoneyDecimal(value).negated() : value);
/** "25.00" and "25" are one rate. */
const rateKey = (rate: string) => new MoneyDecimal(rate).toFixed();

/** Rows in invoice id order (ids are bigint text): the order never depends on how they were read. */
export function ordered(rows: readonly PostingRow[]): PostingRow[] {
  return [...rows].sort((a, b) => a.invoiceId.length - b.invoiceId.length || (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0));
}

/** The row's VAT summed per rate (two categories may share one, as Z and E at 0 %), signed. */
function vatByRate(row: PostingRow): Map<string, { basis: string; vat: string }> {
  const sums = new Map<string, { basis: Decimal; vat: Decimal }>();
  for (const v of row.vat) {
    const key = rateKey(v.rate);
    const sum = sums.get(key) ?? { basis: new MoneyDecimal(0), vat: new MoneyDecimal(0) };
    sums.set(key, { basis: sum.basis.plus(v.taxableAmount), vat: sum.vat.plus(v.vatAmount) });
  }
  return new Map([...sums].map(([rate, s]) => [rate, { basis: signed(row, s.basis.toFixed()), vat: signed(row, s.vat.toFixed()) }]));
}

/** The rates with columns: the Norwegian ones, then any other in the batch in numeric order. */
export function vatRateColumns(rows: readonly PostingRow[]): string[] {
  const known = new Set<string>(NORWEGIAN_VAT_RATES);
  const others = new Set<string>();
  for (const row of rows) for (const v of row.vat) if (!known.has(rateKey(v.rate))) others.add(rateKey(v.rate));
  return [...NORWEGIAN_VAT_RATES, ...[...others].sort((a, b) => new MoneyDecimal(a).comparedTo(b))];
}

const TEXT_COLUMNS = [
  'batch_id',
  'invoice_id',
  'kind',
  'invoice_number',
  'supplier_name',
  'supplier_org_number',
  'buyer_org_number',
  'buyer_name',
  'invoice_date',
  'due_date',
  'currency',
  'accounting_string',
  'cost_centre_code',
  'cost_centre_name',
  'order_number',
  'agreement_reference',
  'amount_excl_vat',
];
const TOTAL_COLUMNS = ['vat_total', 'total_incl_vat', 'payable_amount'];

/** An amount is written bare (a number to the finance system), never quoted as text. */
type Cell = CsvValue | { amount: string };
const cell = (c: Cell) => (typeof c === 'object' && c !== null && 'amount' in c ? c.amount : csvCell(c));
const line = (cells: readonly Cell[]) => cells.map(cell).join(CSV_SEPARATOR) + '\r\n';

/** The batch as CSV (see the file's comment for the dialect). */
export function postingCsv(batch: PostingBatchHeader, rows: readonly PostingRow[]): string {
  const rates = vatRateColumns(rows);
  const header = [...TEXT_COLUMNS, ...rates.flatMap((r) => [`vat_${r}_basis`, `vat_${r}_amount`]), ...TOTAL_COLUMNS];
  // Column names are fixed identifiers (letters, digits, _ and .): written bare.
  let csv = header.join(CSV_SEPARATOR) + '\r\n';
  for (const row of ordered(rows)) {
    const vat = vatByRate(row);
    csv += line([
      batch.id,
      row.invoiceId,
      row.kind,
      row.invoiceNumber,
      row.supplierName,
      row.supplierOrgNumber,
      row.buyerOrgNumber,
      row.buyerName,
      row.invoiceDate,
      row.dueDate,
      row.currency,
      row.accountingString,
      row.costCentreCode,
      row.costCentreName,
      row.orderNumber,
      row.agreementReference,
      { amount: signed(row, row.amountExclVat) },
      ...rates.flatMap((r) => [{ amount: vat.get(r)?.basis ?? '0.00' }, { amount: vat.get(r)?.vat ?? '0.00' }]),
      { amount: signed(row, row.vatTotal) },
      { amount: signed(row, row.totalInclVat) },
      { amount: signed(row, row.payableAmount) },
    ]);
  }
  return csv;
}

/** The batch as JSON: the batch with control totals per currency, then one object per invoice (amounts as decimal text, signed). */
export function postingJson(batch: PostingBatchHeader, rows: readonly PostingRow[]): string {
  const invoices = ordered(rows).map((row) => ({
    invoiceId: row.invoiceId,
    kind: row.kind,
    invoiceNumber: row.invoiceNumber,
    supplier: { name: row.supplierName, orgNumber: row.supplierOrgNumber },
    buyer: { name: row.buyerName, orgNumber: row.buyerOrgNumber },
    invoiceDate: row.invoiceDate,
    dueDate: row.dueDate,
    currency: row.currency,
    accountingString: row.accountingString,
    costCentre: row.costCentreCode === null ? null : { code: row.costCentreCode, name: row.costCentreName },
    orderNumber: row.orderNumber,
    agreementReference: row.agreementReference,
    amountExclVat: signed(row, row.amountExclVat),
    vat: [...row.vat]
      .sort((a, b) => new MoneyDecimal(b.rate).comparedTo(a.rate) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0))
      .map((v) => ({ category: v.category, rate: rateKey(v.rate), taxableAmount: signed(row, v.taxableAmount), vatAmount: signed(row, v.vatAmount) })),
    vatTotal: signed(row, row.vatTotal),
    totalInclVat: signed(row, row.totalInclVat),
    payableAmount: signed(row, row.payableAmount),
  }));
  const document = {
    batch: {
      id: batch.id,
      organisationId: batch.organisationId,
      createdAt: batch.createdAt,
      invoiceCount: invoices.length,
      totals: controlTotals(invoices),
    },
    invoices,
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/** Sums per currency (currencies never mix), in currency order: what a finance system checks an import against. */
function controlTotals(invoices: { currency: string; amountExclVat: string; vatTotal: string; payableAmount: string }[]) {
  const sums = new Map<string, { amountExclVat: Decimal; vatTotal: Decimal; payableAmount: Decimal }>();
  for (const i of invoices) {
    const s = sums.get(i.currency) ?? { amountExclVat: new MoneyDecimal(0), vatTotal: new MoneyDecimal(0), payableAmount: new MoneyDecimal(0) };
    sums.set(i.currency, { amountExclVat: s.amountExclVat.plus(i.amountExclVat), vatTotal: s.vatTotal.plus(i.vatTotal), payableAmount: s.payableAmount.plus(i.payableAmount) });
  }
  return [...sums.keys()].sort().map((currency) => {
    const s = sums.get(currency)!;
    return { currency, amountExclVat: amount(s.amountExclVat), vatTotal: amount(s.vatTotal), payableAmount: amount(s.payableAmount) };
  });
}
