import { isEcoLabelled } from './eco-label';

describe('eco-labelled items', () => {
  it('counts any value of an eco-label attribute, whatever its case, except one saying there is none', () => {
    expect(isEcoLabelled({ ecolabel: 'Svanemerket' })).toBe(true);
    expect(isEcoLabelled({ Miljømerke: 'TCO Certified' })).toBe(true);
    expect(isEcoLabelled({ ecolabel: 'Nei' })).toBe(false);
    expect(isEcoLabelled({ ecolabel: ' ' })).toBe(false);
    expect(isEcoLabelled({ farge: 'grønn' })).toBe(false);
    expect(isEcoLabelled(null)).toBe(false);
  });
});
