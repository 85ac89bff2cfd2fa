import type { RequestContext } from '../platform/context/request-context';
import { formatDecimal } from '../platform/money/decimal-text';
import type { InsightsService } from './insights.service';
import { DIMENSION_ORDER, EXCEPTION_DIMENSIONS } from './insight-query';
import { InsightDimension, InsightFilter } from './insights.types';

/** The most lines one export of off-agreement lines holds (page on with `offset`). */
export const EXPORT_MAX_LINES = 10_000;

interface ExportPage {
  offset: number;
  limit: number;
}

/** A report as exported: its rows, and the columns (in order) of its CSV. */
interface ReportExport {
  rows(s: InsightsService, ctx: RequestContext, f: InsightFilter, page: ExportPage): Promise<object[]>;
  /** The measure columns (a money report's start with its currency); the key columns of the grouped dimensions come first. */
  measures: readonly string[];
  /** Reports whose rows are not grouped by the filter's dimensions name all their columns here. */
  grouped: boolean;
}

const KEY_COLUMNS: Record<InsightDimension, string[]> = {
  PERIOD: ['period'],
  ORGANISATION: ['organisationId', 'organisationName'],
  CATEGORY: ['category'],
  SUPPLIER: ['supplierId', 'supplierName'],
  AGREEMENT: ['agreementId'],
};

/** GET /insights/<name>.csv|json: the same reports as the GraphQL queries, with the same filters. */
export const REPORT_EXPORTS: Record<string, ReportExport> = {
  loyalty: {
    rows: (s, ctx, f) => s.loyalty(ctx, f),
    measures: [
      'currency',
      'onAgreement',
      'offAgreement',
      'offCatalogue',
      'notCovered',
      'total',
      'agreementLoyalty',
      'supplierLoyal',
      'agreementSupplierOutside',
      'otherSuppliers',
      'supplierLoyalty',
      'lines',
    ],
    grouped: true,
  },
  leakage: { rows: (s, ctx, f) => s.leakage(ctx, f), measures: ['currency', 'lines', 'amount', 'linesWithAlternative', 'potentialSaving'], grouped: true },
  'off-agreement-lines': {
    rows: (s, ctx, f, page) => s.offAgreementLines(ctx, f, page.offset, page.limit),
    measures: [
      'source',
      'documentNumber',
      'lineId',
      'date',
      'organisationId',
      'organisationName',
      'supplierId',
      'supplierName',
      'unspscCode',
      'quantity',
      'unitCode',
      'currency',
      'amount',
      'loyalty',
      'justificationCode',
      'justificationText',
      'alternativeItemId',
      'alternativeName',
      'alternativeAgreementId',
      'alternativeUnitPrice',
      'alternativeLevel',
      'potentialSaving',
    ],
    grouped: false,
  },
  'eco-labelled-spend': {
    rows: (s, ctx, f) => s.ecoLabelledSpend(ctx, f),
    measures: ['currency', 'total', 'ecoLabelled', 'notLabelled', 'unknown', 'ecoLabelledShare', 'ecoLabelledShareOfKnown', 'lines'],
    grouped: true,
  },
  spend: { rows: (s, ctx, f) => s.spend(ctx, f), measures: ['currency', 'amount', 'lines', 'documents'], grouped: true },
  orders: { rows: (s, ctx, f) => s.orders(ctx, f), measures: ['currency', 'orders', 'amount', 'averageApprovalHours'], grouped: true },
  invoices: {
    rows: (s, ctx, f) => s.invoices(ctx, f),
    measures: ['currency', 'invoices', 'creditNotes', 'amount', 'withOrder', 'withoutOrder', 'electronicOrderShare', 'averageOrderToInvoiceDays'],
    grouped: true,
  },
  'invoice-exceptions': { rows: (s, ctx, f) => s.exceptionRates(ctx, f), measures: ['reason', 'received', 'exceptions', 'withReason', 'rate'], grouped: true },
  'ceiling-use': {
    rows: (s, ctx, f) => s.ceilingUse(ctx, f),
    measures: ['agreementId', 'reference', 'currency', 'ceiling', 'committed', 'invoiced', 'remaining', 'used', 'orderedHere'],
    grouped: false,
  },
};

/** The CSV columns of a report for this filter: the grouped dimensions' keys, then the measures. */
export function exportColumns(report: ReportExport, filter: InsightFilter, name: string): string[] {
  if (!report.grouped) return [...report.measures];
  let dims = DIMENSION_ORDER.filter((d) => (filter.groupBy ?? [InsightDimension.PERIOD]).includes(d));
  if (name === 'invoice-exceptions') dims = dims.filter((d) => EXCEPTION_DIMENSIONS.includes(d));
  return [...dims.flatMap((d) => KEY_COLUMNS[d]), ...report.measures];
}

/** The columns that are Decimal in GraphQL: exported as the scalar prints them ("5.00", "32.57"). */
const DECIMAL_COLUMNS = new Set([
  'onAgreement',
  'offAgreement',
  'offCatalogue',
  'notCovered',
  'total',
  'supplierLoyal',
  'agreementSupplierOutside',
  'otherSuppliers',
  'amount',
  'potentialSaving',
  'quantity',
  'alternativeUnitPrice',
  'withOrder',
  'withoutOrder',
  'ceiling',
  'committed',
  'invoiced',
  'remaining',
  'orderedHere',
  'ecoLabelled',
  'notLabelled',
  'unknown',
  'ecoLabelledShare',
  'ecoLabelledShareOfKnown',
]);

/** A report row as exported: decimals printed as GraphQL prints them. */
export function exportRow(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, DECIMAL_COLUMNS.has(k) && typeof v === 'string' ? formatDecimal(v) : v]));
}
