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
