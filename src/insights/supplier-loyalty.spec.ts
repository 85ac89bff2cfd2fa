import { supplierLoyalty } from './supplier-loyalty';

describe('supplierLoyalty', () => {
  const agreementSuppliers = new Set([5, 6]);

  it('counts a line bought under an agreement as loyal', () => {
    expect(supplierLoyalty('ON_AGREEMENT', 5, agreementSuppliers)).toBe('LOYAL');
  });

  it('tells an agreement supplier selling outside its agreement apart from loyal spend', () => {
    expect(supplierLoyalty('OFF_AGREEMENT', 6, agreementSuppliers)).toBe('AGREEMENT_SUPPLIER_OUTSIDE');
    expect(supplierLoyalty('OFF_CATALOGUE', 5, agreementSuppliers)).toBe('AGREEMENT_SUPPLIER_OUTSIDE');
  });

  it('counts a supplier without an agreement, or one named only in free text, as another supplier', () => {
    expect(supplierLoyalty('OFF_AGREEMENT', 9, agreementSuppliers)).toBe('OTHER_SUPPLIER');
    expect(supplierLoyalty('NOT_COVERED', null, agreementSuppliers)).toBe('OTHER_SUPPLIER');
  });
});
