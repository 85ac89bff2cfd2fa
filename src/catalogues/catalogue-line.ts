/** A catalogue line as read from any format, before validation. Every value is text as written. */
export interface RawCatalogueLine {
  /** 1-based position: the CSV/XLSX line number, or the CatalogueLine's ordinal in UBL. */
  lineNo: number;
  /** Where the line is, for the report: "line 12" or "/Catalogue/CatalogueLine[3]". */
  location: string;
  /** 'Add', 'Update' or 'Delete' in a valid line; any text as written here. */
  action: string;
  sellerItemId?: string;
  name?: string;
  description?: string;
  unspsc?: string;
  /** UBL listID of the classification (MP or TST for UNSPSC). */
  unspscListId?: string;
  price?: string;
  /** UBL BaseQuantity: the price is for this many units. */
  baseQuantity?: string;
  currency?: string;
  vatRate?: string;
  unitCode?: string;
  gtin?: string;
  manufacturer?: string;
  validFrom?: string;
  validTo?: string;
  /** Whether the line can be ordered by itself (UBL cbc:OrderableIndicator): "true"/"false" as written; absent means yes. */
  orderable?: string;
  attributes: Record<string, string>;
  /** Field name → where that field sits in the source (XML path), for precise reports. */
  paths?: Record<string, string>;
}

/** A validated line, ready to store. Prices are exact decimal strings. */
export interface CatalogueItemInput {
  lineNo: number;
  action: 'Add' | 'Update' | 'Delete';
  sellerItemId: string;
  name: string;
  description: string | null;
  unspsc: string;
  price: string;
  currency: string;
  vatRate: string;
  unitCode: string;
  gtin: string | null;
  manufacturer: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** False for a line that cannot be ordered by itself (a deposit): stored, never searchable or orderable. */
  orderable: boolean;
  attributes: Record<string, string>;
}

/** One problem in an uploaded catalogue: where, which field, why. */
export interface CatalogueProblem {
  line: number | null;
  location: string;
  field: string | null;
  reason: string;
  value?: string;
}

/**
 * Something the supplier should know about an accepted file, which did not stop it: a code read
 * at a nearer level, an encoding read otherwise than declared. `code` is stable for programs.
 */
export interface CatalogueWarning {
  line: number | null;
  location: string;
  field: string | null;
  code: string;
  message: string;
  value?: string;
}

export type CatalogueHeaderAction = 'Add' | 'Replace' | 'Update' | 'Delete';

/** What a file says about itself (UBL header; CSV/XLSX are always full replacements). */
export interface CatalogueHeader {
  action: CatalogueHeaderAction;
  documentId?: string;
  name?: string;
  contractId?: string;
  providerEndpoint?: string;
  /** The endpoint's scheme: 0192 is a Norwegian organisation number. */
  providerEndpointScheme?: string;
  validFrom?: string;
  validTo?: string;
}
