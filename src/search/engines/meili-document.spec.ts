import { meiliDocument, meiliQueryText, meiliQueryWords, meiliRelaxation, meiliScoreThreshold, MeiliSourceRow, MIN_SCORE_SHARE } from './meili-document';
import { queryWords } from './search-text';

const row = (over: Partial<MeiliSourceRow> = {}): MeiliSourceRow => ({
  id: '7',
  versionId: 3,
  agreementId: 2,
  supplierId: 5,
  mandatory: true,
  sellerItemId: 'DU-27',
  name: 'Skjerm 27" IPS',
  description: 'Kopipapir 80g til skjermen',
  unspscCode: '43211902',
  price: 2490,
  priceText: '2490.0000',
  currency: 'NOK',
  vatRate: '25.00',
  unitCode: 'EA',
  gtin: null,
  manufacturer: 'Datautstyr',
  attributes: { ecolabel: 'Svanemerket', vekt: '80g' },
  validFrom: '2026-01-01',
  validTo: null,
  categoryText: 'Computer displays',
  ...over,
});

describe('the Meilisearch document of a catalogue row (issue 17 §2)', () => {
  it('keeps name and description as written and adds their unit-normalised text as fields of their own', () => {
    const doc = meiliDocument(row());
    expect(doc).toMatchObject({ name: 'Skjerm 27" IPS', description: 'Kopipapir 80g til skjermen' });
    expect(doc.nameUnits).toBe('Skjerm 27 tommer  IPS');
    expect(doc.descriptionUnits).toBe('Kopipapir 80 g til skjermen');
    // The attribute values are searched only: normalised in place.
    expect(doc.attributeText).toBe('Svanemerket 80 g');
  });
  it('leaves the normalised fields out where units change nothing', () => {
    const doc = meiliDocument(row({ name: 'Kontorstol svart', description: null }));
    expect(doc.nameUnits).toBeUndefined();
    expect(doc.descriptionUnits).toBeUndefined();
    expect(JSON.parse(JSON.stringify(doc))).not.toHaveProperty('nameUnits');
  });
  it('indexes the flags that rank and sort as 0/1 and the dates as numbers', () => {
    expect(meiliDocument(row())).toMatchObject({ mandatory: 1, ecoLabelled: 1, validFrom: 20260101, validTo: 99991231 });
    expect(meiliDocument(row({ mandatory: false, attributes: null }))).toMatchObject({ mandatory: 0, ecoLabelled: 0, attributeText: '', attrFacets: [] });
  });
  it('adds the UNSPSC levels as filterable codes', () => {
    expect(meiliDocument(row())).toMatchObject({ segmentCode: '43000000', familyCode: '43210000', classCode: '43211900' });
    expect(meiliDocument(row({ unspscCode: '43000000' }))).toMatchObject({ familyCode: null, classCode: null });
  });
});

describe('the Meilisearch query text and its relaxation', () => {
  it('normalises units as the PostgreSQL engine reads them (the same normaliser)', () => {
    expect(meiliQueryText(' skjerm 27" ')).toBe('skjerm 27 tommer');
    expect(meiliQueryText('kopipapir 80g')).toBe('kopipapir 80 g');
    expect(meiliQueryWords(meiliQueryText('kopipapir 80g'))).toEqual(queryWords('kopipapir 80g'));
    expect(meiliQueryWords(meiliQueryText('Skjerm 27"'))).toEqual(['Skjerm', '27', 'tommer']);
    expect(meiliQueryText(undefined)).toBe('');
  });
  it('reads at most ten words, split where Meilisearch splits them', () => {
    expect(meiliQueryWords('Wall-paper KL-100')).toEqual(['Wall', 'paper', 'KL', '100']);
    expect(meiliQueryWords('a b c d e f g h i j k l')).toHaveLength(10);
  });
  it('is relaxed when the best hit matched fewer words, the last words given up', () => {
    expect(meiliRelaxation('kopipapir qqqzzzxx', { matchingWords: 1, maxMatchingWords: 2 })).toEqual({ relaxed: true, droppedWords: ['qqqzzzxx'] });
    expect(meiliRelaxation('svart kontorstol med hjul', { matchingWords: 2, maxMatchingWords: 4 })).toEqual({ relaxed: true, droppedWords: ['med', 'hjul'] });
    expect(meiliRelaxation('kopipapir a4', { matchingWords: 2, maxMatchingWords: 2 })).toEqual({ relaxed: false, droppedWords: [] });
    expect(meiliRelaxation('qqqzzzxx', undefined)).toEqual({ relaxed: false, droppedWords: [] });
  });
  it('asks for a share of one word’s score, so hits matching two words or more always pass', () => {
    expect(meiliScoreThreshold('kopipapir')).toBe(MIN_SCORE_SHARE);
    expect(meiliScoreThreshold('kopipapir qqqzzzxx')).toBe(MIN_SCORE_SHARE / 2);
    // a hit matching k of n words scores above (k-1)/n: two of ten is above 1/10, the threshold well below
    expect(meiliScoreThreshold('a b c d e f g h i j k')!).toBeLessThan(1 / 10);
    expect(meiliScoreThreshold('')).toBeUndefined();
  });
});
