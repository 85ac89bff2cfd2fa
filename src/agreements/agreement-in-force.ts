/** An agreement a buyer may order under today, with its scope. */
export interface AgreementInForce {
  id: number;
  reference: string;
  title: string;
  mandatory: boolean;
  supplierId: number;
  currency: string;
  /** UNSPSC codes (any level) the agreement covers. */
  scope: string[];
}

/** What anyone may know of an agreement's standing: reference, title, parties and validity (today in Norway). */
export interface AgreementStanding {
  reference: string;
  title: string;
  supplierId: number;
  purchasingUnitId: number;
  /** ISO 4217: what its prices and ceiling are in. */
  currency: string;
  validFrom: string;
  validTo: string;
  inForce: boolean;
}
