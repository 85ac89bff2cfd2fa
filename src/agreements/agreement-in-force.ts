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
