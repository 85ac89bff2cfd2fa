import { HeaderRules, validateHeader } from './header-validator';

const rules: HeaderRules = { agreementReference: '3299-RA', agreementValidFrom: '2019-01-01', agreementValidTo: '2028-12-31', supplierOrgNumber: '987654325' };

describe('validateHeader', () => {
  it('accepts a header that matches the agreement, and a header that says nothing', () => {
    expect(validateHeader({ action: 'Add', contractId: '3299-RA', validFrom: '2019-09-01', validTo: '2020-12-31', providerEndpoint: '987654325', providerEndpointScheme: '0192' }, rules)).toEqual([]);
    expect(validateHeader({ action: 'Replace' }, rules)).toEqual([]);
  });
  it('reports a validity period outside the agreement, or backwards, by XML path', () => {
    const problems = validateHeader({ action: 'Add', validFrom: '2018-09-01', validTo: '2029-01-31' }, rules);
    expect(problems.map((p) => [p.location, p.reason])).toEqual([
      ['/Catalogue/cac:ValidityPeriod/cbc:StartDate', 'lies outside the agreement period 2019-01-01 – 2028-12-31'],
      ['/Catalogue/cac:ValidityPeriod/cbc:EndDate', 'lies outside the agreement period 2019-01-01 – 2028-12-31'],
    ]);
    expect(validateHeader({ action: 'Add', validFrom: '2020-05-01', validTo: '2020-04-30' }, rules)[0].reason).toBe('is before the StartDate 2020-05-01');
    expect(validateHeader({ action: 'Add', validFrom: '2020-02-30' }, rules)[0].reason).toBe('must be a date YYYY-MM-DD');
  });
  it('reports another contract and another supplier organisation number (scheme 0192 only)', () => {
    const problems = validateHeader({ action: 'Add', contractId: 'CRT1387', providerEndpoint: '912345675', providerEndpointScheme: '0192' }, rules);
    expect(problems.map((p) => p.field)).toEqual(['ReferencedContract', 'ProviderParty']);
    expect(problems[1].reason).toBe("names organisation number 912345675, but the agreement's supplier is 987654325");
    expect(validateHeader({ action: 'Add', providerEndpoint: '5790000435951', providerEndpointScheme: '0088' }, rules)).toEqual([]);
  });
});
