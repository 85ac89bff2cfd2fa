import { itemFeatures, stem, textFeatures, translate, words } from './suggestion-text';

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

  it('adds the English words of the glossary, for a word or the head of a compound, so Norwegian names meet English titles', () => {
    expect(translate(stem('konvolutter'))).toEqual(['envelop']);
    expect(translate(stem('operasjonshansker'))).toEqual(['glov']); // the head "hansk"
    expect(translate(stem('xyzzy'))).toEqual([]);
    const f = textFeatures('Nitrilhansker');
    expect(f.get('glov')).toBe(0.8);
    expect(f.get('nitrile')).toBeUndefined(); // heads only: "nitril" opens the compound
    expect(textFeatures('Nitrilhansker', 1, false).get('glov')).toBeUndefined(); // titles are English already
  });
});
