import { paymentAccount } from './payment-account';

describe('paymentAccount', () => {
  it('takes a Norwegian account number with a right MOD11 check digit, written with spaces or dots', () => {
    expect(paymentAccount('1503 20 80119')).toEqual({ account: '15032080119' });
    expect(paymentAccount('8601.11.17947')).toEqual({ account: '86011117947' });
  });

  it('refuses a Norwegian account number with one digit wrong, saying to check the digits', () => {
    const result = paymentAccount('1503 20 80118');
    expect(result).toEqual({ problem: expect.stringMatching(/check digit is wrong/) });
  });

  it('takes an IBAN with right check digits (upper-cased, spaces out) and refuses one with a digit changed', () => {
    expect(paymentAccount('no93 8601 1117 947')).toEqual({ account: 'NO9386011117947' });
    expect(paymentAccount('GB82 WEST 1234 5698 7654 32')).toEqual({ account: 'GB82WEST12345698765432' });
    expect(paymentAccount('NO93 8601 1117 948')).toEqual({ problem: expect.stringMatching(/not an IBAN/) });
  });

  it('says what an account number looks like when given something else', () => {
    expect(paymentAccount('12345')).toEqual({ problem: expect.stringMatching(/11 digits of a Norwegian account.*or an IBAN/) });
    expect(paymentAccount('')).toEqual({ problem: expect.stringMatching(/no account number/) });
  });
});
