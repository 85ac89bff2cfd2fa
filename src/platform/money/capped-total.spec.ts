import { DomainError } from '../errors/domain-error';
import { fitsUnder, ledgerAmount, ledgerCharge, ledgerSource, remainingUnder, settledAmount } from './capped-total';
import { Money } from './money';

const nok = (amount: string) => Money.of(amount, 'NOK');

describe('a running total under a cap', () => {
  it('leaves cap − taken, negative once over, and nothing without a cap', () => {
    expect(remainingUnder(nok('1000'), nok('250.50'))!.toDecimalString()).toBe('749.5');
    expect(remainingUnder(nok('1000'), nok('1000.01'))!.toDecimalString()).toBe('-0.01');
    expect(remainingUnder(null, nok('5'))).toBeNull();
  });

  it('lets an amount in up to the cap exactly, and not a øre beyond it', () => {
    expect(fitsUnder(nok('1000'), nok('600'), nok('400'))).toBe(true);
    expect(fitsUnder(nok('1000'), nok('600'), nok('400.01'))).toBe(false);
    expect(fitsUnder(nok('0'), nok('0'), nok('0'))).toBe(true);
    expect(fitsUnder(nok('0'), nok('0'), nok('0.01'))).toBe(false);
  });

  it('lets everything in without a cap', () => {
    expect(fitsUnder(null, nok('999999999'), nok('1'))).toBe(true);
  });

  it('refuses mixing currencies (a bug in the caller)', () => {
    expect(() => fitsUnder(Money.of('10', 'EUR'), nok('1'), nok('1'))).toThrow('different currencies');
  });
});

describe('ledgerAmount', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DomainError ? `${e.code}: ${e.message}` : String(e);
    }
    return 'accepted';
  };

  it('accepts what numeric(18,2) stores in the ledger’s currency', () => {
    expect(ledgerAmount(nok('0'), 'NOK').toDecimalString()).toBe('0');
    expect(ledgerAmount(nok('1499.5'), 'NOK').toDecimalString()).toBe('1499.5');
    expect(ledgerAmount(nok('9999999999999999.99'), 'NOK').toDecimalString()).toBe('9999999999999999.99');
  });

  it('refuses negatives, a third decimal, too many digits and another currency, naming the field', () => {
    expect(refusal(() => ledgerAmount(nok('-0.01'), 'NOK'))).toBe('BAD_USER_INPUT: amount must not be negative (-0.01 NOK)');
    expect(refusal(() => ledgerAmount(nok('1.005'), 'NOK', 'total'))).toBe('BAD_USER_INPUT: total must have at most 2 decimals (1.005 NOK): round it first');
    expect(refusal(() => ledgerAmount(nok('10000000000000000'), 'NOK'))).toMatch(/too large/);
    expect(refusal(() => ledgerAmount(Money.of('5', 'EUR'), 'NOK'))).toBe('BAD_USER_INPUT: amount must be in NOK, not EUR');
  });
});

describe('settledAmount', () => {
  it('becomes what was delivered, never more than the entry holds', () => {
    expect(settledAmount(nok('450.70'), nok('180.28')).toDecimalString()).toBe('180.28');
    // Over-received: settling books nothing new.
    expect(settledAmount(nok('450.70'), nok('500.00')).toDecimalString()).toBe('450.7');
    expect(settledAmount(nok('450.70'), nok('0')).toDecimalString()).toBe('0');
  });

  it('leaves what was invoiced to the charge: a closed entry invoiced beyond its delivery still charges the invoiced amount', () => {
    const settled = settledAmount(nok('450.70'), nok('180.28'));
    expect(settled.toDecimalString()).toBe('180.28');
    expect(ledgerCharge(settled, nok('270.42')).toDecimalString()).toBe('270.42');
    // A credit note for the part not delivered brings the charge down to the value delivered.
    expect(ledgerCharge(settled, nok('180.28')).toDecimalString()).toBe('180.28');
  });
});

describe('ledgerCharge', () => {
  it('charges what was committed until more than that is invoiced, then what was invoiced', () => {
    expect(ledgerCharge(nok('1629.06'), nok('0')).toDecimalString()).toBe('1629.06');
    expect(ledgerCharge(nok('1629.06'), nok('270.42')).toDecimalString()).toBe('1629.06');
    expect(ledgerCharge(nok('1629.06'), nok('1629.06')).toDecimalString()).toBe('1629.06');
    // A price variance approved with a reason: 7.72 more than the order committed.
    expect(ledgerCharge(nok('1629.06'), nok('1636.78')).toDecimalString()).toBe('1636.78');
  });

  it('never goes below the commitment when a credit note lowers what was invoiced', () => {
    expect(ledgerCharge(nok('1629.06'), nok('1629.05')).toDecimalString()).toBe('1629.06');
    expect(ledgerCharge(nok('1629.06'), nok('0')).toDecimalString()).toBe('1629.06');
  });

  it('keeps what was invoiced of a released entry (amount 0): spent money stays spent', () => {
    expect(ledgerCharge(nok('0'), nok('250')).toDecimalString()).toBe('250');
    expect(ledgerCharge(nok('0'), nok('0')).isZero()).toBe(true);
  });

  it('refuses mixing currencies (a bug in the caller)', () => {
    expect(() => ledgerCharge(Money.of('10', 'EUR'), nok('1'))).toThrow('different currencies');
  });
});

describe('ledgerSource', () => {
  it('trims and keeps a sound source, refuses a blank or overlong one', () => {
    expect(ledgerSource({ type: ' ORDER ', id: '42' })).toEqual({ type: 'ORDER', id: '42' });
    expect(() => ledgerSource({ type: ' ', id: '42' })).toThrow('source type must be 1–40 characters');
    expect(() => ledgerSource({ type: 'ORDER', id: 'x'.repeat(101) })).toThrow('source id must be 1–100 characters');
  });
});
