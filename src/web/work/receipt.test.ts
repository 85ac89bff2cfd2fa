import { describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n';
import { budgetFor } from './budget';
import { checkDelegation, EMPTY_DELEGATION } from './delegation';
import { checkReceipt, outstanding, receivable } from './receipt';

const t = i18n.t.bind(i18n);
const lines = [
  { lineId: '1', quantity: '8.00', receivedQuantity: '5.0000', status: 'ACCEPTED' },
  { lineId: '2', quantity: '4.00', receivedQuantity: '0', status: 'ACCEPTED' },
  { lineId: '3', quantity: '2.00', receivedQuantity: '0', status: 'NOT_ACCEPTED' },
];
const draft = (quantity: string, reason = '') => ({ quantity, reason });

describe('goods receipt form', () => {
  it('receives the lines given (comma as decimal sign), skips empty ones and lines the supplier refused', () => {
    expect(receivable(lines).map((l) => l.lineId)).toEqual(['1', '2']);
    expect(outstanding(lines[0])).toBe('3');
    expect(checkReceipt('receive', { '1': draft('2,5'), '2': draft(''), '3': draft('2') }, lines, t)).toEqual({ errors: {}, lines: [{ lineId: '1', quantity: '2.5' }] });
  });

  it('asks for something to register, and for sane quantities', () => {
    expect(checkReceipt('receive', {}, lines, t).errors).toEqual({ '': 'Skriv et antall for minst én linje.' });
    const bad = checkReceipt('receive', { '1': draft('0'), '2': draft('1.23456') }, lines, t);
    expect(bad.lines).toBeUndefined();
    expect(bad.errors).toEqual({ '1': 'Skriv et antall større enn 0, med høyst fire desimaler.', '2': 'Skriv et antall større enn 0, med høyst fire desimaler.' });
  });

  it('sends a return as a negative quantity with its reason, never more than was received', () => {
    expect(checkReceipt('return', { '1': draft('1', '  Skadet  ') }, lines, t)).toEqual({ errors: {}, lines: [{ lineId: '1', quantity: '-1', reason: 'Skadet' }] });
    expect(checkReceipt('return', { '1': draft('1', 'x') }, lines, t).errors).toEqual({ '1-reason': 'Skriv årsaken til returen (minst 3 tegn).' });
    expect(checkReceipt('return', { '1': draft('6', 'Skadet') }, lines, t).errors).toEqual({ '1': 'Du kan ikke returnere mer enn de 5 som er mottatt.' });
  });
});

describe('budget of a requisition', () => {
  const budgets = [{ year: 2026, amount: '1000.00', committed: '600.00', remaining: '400.00', currency: 'NOK' }];
  it('says what remains after approval and whether it goes over', () => {
    expect(budgetFor(budgets, 2026, '150.50')).toEqual({ remaining: '400.00', after: '249.50', over: false, currency: 'NOK' });
    expect(budgetFor(budgets, 2026, '400.01')).toMatchObject({ after: '-0.01', over: true });
    expect(budgetFor(budgets, 2027, '1')).toBeNull();
  });
});

describe('delegation form', () => {
  it('asks for a substitute and a period that does not end before it starts', () => {
    expect(checkDelegation(EMPTY_DELEGATION, t).errors).toEqual({ substituteUserId: 'Velg en stedfortreder.', validFrom: 'Velg startdato.', validTo: 'Velg sluttdato.' });
    expect(checkDelegation({ substituteUserId: '4', validFrom: '2026-07-10', validTo: '2026-07-01' }, t).errors).toEqual({ validTo: 'Sluttdatoen kan ikke være før startdatoen.' });
    expect(checkDelegation({ substituteUserId: '4', validFrom: '2026-07-01', validTo: '2026-07-01' }, t).input).toEqual({ substituteUserId: 4, validFrom: '2026-07-01', validTo: '2026-07-01' });
  });
});
