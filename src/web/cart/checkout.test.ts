import { describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n';
import { checkCheckout, EMPTY_CHECKOUT, submitRefusal } from './checkout';

const t = i18n.t.bind(i18n);

describe('checkout', () => {
  it('asks for cost centre and delivery address, and refuses a date in the past', () => {
    const { errors, input } = checkCheckout({ ...EMPTY_CHECKOUT, wantedDeliveryDate: '2026-01-01' }, t, '2026-06-01');
    expect(input).toBeUndefined();
    expect(errors).toEqual({ costCentreId: 'Velg koststed.', deliveryAddressId: 'Velg leveringsadresse.', wantedDeliveryDate: 'Leveringsdatoen kan ikke være tilbake i tid.' });
  });

  it('builds the SubmitCartInput, leaving out what was not given', () => {
    const { input } = checkCheckout({ ...EMPTY_CHECKOUT, costCentreId: '4', deliveryAddressId: '7', noteToSupplier: '  Bakdøren  ', wantedDeliveryDate: '2026-06-01' }, t, '2026-06-01');
    expect(input).toEqual({ costCentreId: 4, deliveryAddressId: 7, noteToSupplier: 'Bakdøren', wantedDeliveryDate: '2026-06-01' });
  });

  it('says what to do about each refusal, with amounts in NOK', () => {
    const budget = submitRefusal({ __typename: 'BudgetExceededError', costCentreCode: '2100', remaining: '1000', requested: '2500.5', currency: 'NOK', year: 2026 }, t);
    expect(budget.field).toBe('costCentreId');
    expect(budget.message.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Koststed 2100 har 1 000,00 kr igjen av budsjettet for 2026, men bestillingen er på 2 500,50 kr. Velg et annet koststed eller fjern varer.',
    );
    expect(submitRefusal({ __typename: 'CartNotOrderableError', lines: [{ name: 'Stol', reason: 'withdrawn' }] }, t).message).toBe(
      'Disse linjene kan ikke bestilles: Stol (withdrawn). Gå tilbake til handlekurven og rett dem opp.',
    );
  });
});
