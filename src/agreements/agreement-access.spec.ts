import { DomainError } from '../platform/errors/domain-error';
import { accessRefusal, AccessRule, AGREEMENT_PARTIES } from './agreement-access';

const SUPPLIER_ONLY: AccessRule = { allow: ['supplier'], reason: 'Only the supplier uploads its catalogue' };
const hidden = { what: 'Catalogue version', id: 5 };

describe('accessRefusal: one answer per relation to the agreement', () => {
  it('tells an outsider NOT_FOUND, naming what the caller asked for, whatever the rule', () => {
    for (const rule of [SUPPLIER_ONLY, AGREEMENT_PARTIES]) {
      const refusal = accessRefusal('outsider', rule, hidden);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'NOT_FOUND', message: 'Catalogue version 5 was not found' });
    }
  });

  it('tells a party the rule leaves out FORBIDDEN with the rule’s reason', () => {
    for (const relation of ['purchasingUnit', 'participant'] as const) {
      expect(accessRefusal(relation, SUPPLIER_ONLY, hidden)).toMatchObject({ code: 'FORBIDDEN', message: 'Only the supplier uploads its catalogue' });
    }
  });

  it('lets through exactly the relations the rule allows', () => {
    expect(accessRefusal('supplier', SUPPLIER_ONLY, hidden)).toBeNull();
    for (const relation of ['supplier', 'purchasingUnit', 'participant'] as const) expect(accessRefusal(relation, AGREEMENT_PARTIES, hidden)).toBeNull();
  });
});
