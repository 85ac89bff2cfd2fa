import { parse } from 'graphql';
import { findNul, findNulLiteral } from './input-guard';

describe('findNul', () => {
  it('names the path of the first string holding a NUL', () => {
    expect(findNul({ input: { text: 'ok', attributes: [{ name: 'a', values: ['x', 'y\0'] }] } }, '$')).toBe('$.input.attributes[0].values[1]');
    expect(findNul('a\0', '$e')).toBe('$e');
    expect(findNul({ ['k\0']: 1 }, '$')).toBe('$."k\\u0000"');
  });

  it('finds nothing in clean values of any shape', () => {
    expect(findNul({ a: [1, true, null, 'text', { b: 'æøå' }] }, '$')).toBeNull();
    expect(findNul(undefined, '$')).toBeNull();
  });

  it('walks deeply nested values without overflowing the stack', () => {
    let deep: unknown = 'end\0';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findNul(deep, '$')?.endsWith('[0]')).toBe(true);
  });
});

describe('findNulLiteral', () => {
  it('names the argument and input fields of a literal holding a NUL', () => {
    expect(findNulLiteral(parse('{ searchProducts(input: { attributes: [{ name: "eco\\u0000", values: ["x"] }] }) { totalCount } }'))).toBe('input.attributes.name');
    expect(findNulLiteral(parse('mutation { devLogin(email: "a\\u0000") { token } }'))).toBe('email');
    expect(findNulLiteral(parse('query($e: String = "a\\u0000") { me(x: $e) { id } }'))).toBe('$e');
    expect(findNulLiteral(parse('{ a @skip(if: false) { b(c: """block\\u0000""") } }'))).toBeNull(); // block strings have no escapes
  });

  it('finds nothing in a clean document', () => {
    expect(findNulLiteral(parse('{ searchProducts(input: { text: "kopipapir" }) { totalCount } }'))).toBeNull();
  });
});
