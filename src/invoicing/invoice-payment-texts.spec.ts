import Decimal from 'decimal.js';
import { paymentTexts } from './invoice-payment-texts';

const d = (v: string) => new Decimal(v);

describe('paymentTexts', () => {
  it('says what a part payment paid, what is paid in all and what remains, in the PPD reason', () => {
    expect(paymentTexts({ amount: d('200'), paidAfter: d('200'), payable: d('563.38'), paidOn: '2026-12-01', reference: 'DELBETALING-1', currency: 'NOK' })).toEqual({
      note: 'Paid 200.00 NOK on 2026-12-01, payment reference DELBETALING-1.',
      partially: 'Partially paid: 200.00 NOK of 563.38 NOK paid, 363.38 NOK remains to be paid.',
    });
    // A second part: the total paid so far, exact to the øre.
    expect(paymentTexts({ amount: d('0.1'), paidAfter: d('400.3'), payable: d('563.38'), paidOn: '2026-12-02', reference: null, currency: 'EUR' })).toEqual({
      note: 'Paid 0.10 EUR on 2026-12-02.',
      partially: 'Partially paid: 400.30 EUR of 563.38 EUR paid, 163.08 EUR remains to be paid.',
    });
  });

  it('has no PPD text for the payment that completes the invoice', () => {
    expect(paymentTexts({ amount: d('363.38'), paidAfter: d('563.38'), payable: d('563.38'), paidOn: '2026-12-03', reference: 'DELBETALING-2', currency: 'NOK' })).toEqual({
      note: 'Paid 2026-12-03, payment reference DELBETALING-2.',
    });
  });
});
