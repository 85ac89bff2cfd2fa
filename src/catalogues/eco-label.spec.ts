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

  it('reads a value that is null, or the word, as no label (null is stored as "null"), and trims tabs and no-break spaces too', () => {
    expect(isEcoLabelled({ ecolabel: null })).toBe(false);
    expect(isEcoLabelled({ ecolabel: 'NULL' })).toBe(false);
    expect(isEcoLabelled({ ecolabel: '\t-\u00a0' })).toBe(false);
  });
});
