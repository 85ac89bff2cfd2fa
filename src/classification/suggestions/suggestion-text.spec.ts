import { itemFeatures, stem, textFeatures, words } from './suggestion-text';

describe('suggestion text features', () => {
  it('stems Norwegian plural and definite forms and English plurals alike', () => {
    expect(['stol', 'stoler', 'stolene'].map(stem)).toEqual(['stol', 'stol', 'stol']);
    expect(['hanske', 'hansker', 'hanskene'].map(stem)).toEqual(['hansk', 'hansk', 'hansk']);
    expect(['pens', 'gloves', 'glove'].map(stem)).toEqual(['pen', 'glov', 'glov']);
    expect(stem('te')).toBe('te');
  });

  it('keeps words that say what an item is, not numbers, sizes or filler', () => {
    expect(words('Kopipapir A4 80 g 500 ark, 80g/m² – pakke med 5 stk')).toEqual(['kopipapir', 'a4', 'ark', 'm²']);
    expect(words(null)).toEqual([]);
  });

  it('marks the head of a compound so "stoler" meets "kontorstol"', () => {
    const compound = textFeatures('Kontorstol');
    const plural = textFeatures('stoler');
    expect(compound.get('kontorstol')).toBe(1);
    expect(compound.get('~stol')).toBe(0.5);
    expect(plural.get('~stol')).toBe(0.5);
  });

  it('weighs the name over the description over the manufacturer', () => {
    const f = itemFeatures({ name: 'Kulepenn', description: 'blå kulepenn med klikkmekanisme', manufacturer: 'Pilot' });
    expect(f.get('kulepenn')).toBe(1);
    expect(f.get('klikkmekanism')).toBe(0.5);
    expect(f.get('pilot')).toBe(0.2);
  });
});
