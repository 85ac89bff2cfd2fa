import { describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n';
import { changeText } from './OrderAnswer';

const t = i18n.t.bind(i18n) as unknown as (k: string, o?: Record<string, string>) => string;
const ordered = {
  __typename: 'OrderLine' as const,
  id: 1,
  lineId: '1',
  name: 'A4',
  quantity: '10.00',
  receivedQuantity: '0',
  unitCode: 'PK',
  price: '45.07',
  lineAmount: '450.70',
  status: 'CHANGED' as const,
  substituteName: null,
};
const answered = (patch: Record<string, unknown>) => ({
  __typename: 'OrderResponseLine' as const,
  lineId: '1',
  status: 'CHANGED' as const,
  quantity: null,
  price: null,
  note: null,
  substitute: null,
  ...patch,
});
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe("the supplier's changes in words", () => {
  it('says what changes from what, and what it was changed to once accepted', () => {
    expect(plain(changeText(answered({ quantity: '8.00', price: '47.00' }), ordered, 'NOK', t))).toBe('Antall 10 → 8; Pris 45,07 kr → 47,00 kr');
    expect(changeText(answered({ quantity: '10.00' }), ordered, 'NOK', t)).toBe('Antall endret til 10');
    expect(changeText(answered({ substitute: { __typename: 'SubstituteItem', name: 'A4 resirkulert', sellerItemId: 'X' } }), ordered, 'NOK', t)).toBe('Erstattes med A4 resirkulert');
    expect(changeText(answered({ status: 'NOT_ACCEPTED' }), ordered, 'NOK', t)).toBe('Leveres ikke');
    expect(changeText(answered({ status: 'ACCEPTED' }), ordered, 'NOK', t)).toBe('Uendret');
  });
});
