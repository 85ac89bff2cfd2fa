/**
 * Supplier loyalty of a line (issue 16 §4), beside agreement loyalty: spend is LOYAL when it is
 * bought under an agreement (from its supplier); an agreement supplier selling outside its
 * agreements (a free-text line, an item outside the catalogue) is not loyal spend but is told
 * apart from spend with suppliers that hold no agreement with the buyer.
 */
export type SupplierLoyalty = 'LOYAL' | 'AGREEMENT_SUPPLIER_OUTSIDE' | 'OTHER_SUPPLIER';

export function supplierLoyalty(lineLoyalty: string, supplierId: number | null, agreementSuppliers: ReadonlySet<number>): SupplierLoyalty {
  if (lineLoyalty === 'ON_AGREEMENT') return 'LOYAL';
  return supplierId !== null && agreementSuppliers.has(supplierId) ? 'AGREEMENT_SUPPLIER_OUTSIDE' : 'OTHER_SUPPLIER';
}
