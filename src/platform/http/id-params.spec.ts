import { DomainError } from '../errors/domain-error';
import { MAX_ID, parseId } from './id-params';

const parse = (value: string) => parseId('agreementId', value);

describe('parseId', () => {
  it('reads ids from 1 to 2^31 - 1', () => {
    expect(parse('1')).toBe(1);
    expect(parse('42')).toBe(42);
    expect(parse(String(MAX_ID))).toBe(2 ** 31 - 1);
  });

  it.each(['0', '-1', '2147483648', '3000000000', '99999999999999999999999', '1e3', '1.0', '007', ' 5', 'abc', ''])('refuses %j, naming the parameter', (value) => {
    let error: unknown;
    try {
      parseId('agreementId', value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    expect((error as DomainError).message).toMatch(/^agreementId in the path must be a whole number from 1 to 2147483647, not ".*"$/);
    expect((error as DomainError).details).toEqual({ field: 'agreementId' });
  });
});
