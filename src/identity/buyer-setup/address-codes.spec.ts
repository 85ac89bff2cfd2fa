import { countryCodeProblem, glnProblem, postalCodeProblem } from './address-codes';

describe('delivery address codes', () => {
  it('accepts ISO 3166-1 countries only', () => {
    for (const c of ['NO', 'SE', 'DK', 'DE', 'GB']) expect(countryCodeProblem(c)).toBeNull();
    expect(countryCodeProblem('no')).toContain('capitals');
    expect(countryCodeProblem('NOR')).toContain('alpha-2');
    expect(countryCodeProblem('XX')).toBe('is no ISO 3166-1 country code');
    expect(countryCodeProblem('EU')).toBe('is no ISO 3166-1 country code');
  });

  it('wants four digits for a Norwegian postcode', () => {
    expect(postalCodeProblem('0150', 'NO')).toBeNull();
    expect(postalCodeProblem('150', 'NO')).toContain('four digits');
    expect(postalCodeProblem('SW1A 1AA', 'GB')).toBeNull();
    expect(postalCodeProblem('-', 'GB')).not.toBeNull();
  });

  it('checks a GLN’s GS1 check digit', () => {
    expect(glnProblem('7080003430014')).toBeNull();
    expect(glnProblem('7080003430019')).toBe('has a wrong check digit (expected 4)');
    expect(glnProblem('708000343001')).toBe('must be 13 digits');
  });
});
