import { describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n';
import { paymentProblems, queryProblems, reasonText } from './reason-text';

describe('invoice differences and accounts payable’s forms', () => {
  it('names a known difference in Norwegian and English, and keeps the API’s words for an unknown one', async () => {
    const price = { code: 'PRICE_ABOVE_AGREED', message: 'Invoice line 1: the unit price 47.00 is above the agreed 45.07' };
    await i18n.changeLanguage('nb');
    expect(reasonText(price, i18n.t)).toBe('Prisen er høyere enn avtalt');
    expect(reasonText({ code: 'SOMETHING_NEW', message: 'Something new' }, i18n.t)).toBe('Something new');
    await i18n.changeLanguage('en');
    expect(reasonText(price, i18n.t)).toBe('The price is above the agreed one');
    await i18n.changeLanguage('nb');
  });

  it('asks for the question’s text and keeps notes and texts within 1000 characters', () => {
    expect(queryProblems({ text: '  ', note: '' })).toEqual({ text: 'extra.payables.query.textMissing' });
    expect(queryProblems({ text: 'x'.repeat(1001), note: 'y'.repeat(1001) })).toEqual({ text: 'extra.payables.query.textTooLong', note: 'extra.payables.query.noteTooLong' });
    expect(queryProblems({ text: 'Hvorfor er prisen høyere?', note: '' })).toEqual({});
  });

  it('refuses a payment date in the future or missing, and a payment with no invoice chosen', () => {
    expect(paymentProblems({ paidOn: '2026-12-02', reference: '', chosen: 1 }, '2026-12-01')).toEqual({ paidOn: 'extra.payables.pay.dateFuture' });
    expect(paymentProblems({ paidOn: '', reference: 'r'.repeat(201), chosen: 0 }, '2026-12-01')).toEqual({
      paidOn: 'extra.payables.pay.dateMissing',
      reference: 'extra.payables.pay.referenceTooLong',
      chosen: 'extra.payables.pay.noneChosen',
    });
    expect(paymentProblems({ paidOn: '2026-12-01', reference: 'Betalingsjobb 118', chosen: 3 }, '2026-12-01')).toEqual({});
  });
});
