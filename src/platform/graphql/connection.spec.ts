import { DomainError } from '../errors/domain-error';
import { decodeOffset, encodeOffset, MAX_CURSOR_OFFSET } from './connection';

const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('decodeOffset', () => {
  it('reads back the cursors encodeOffset writes, up to the largest offset', () => {
    expect(decodeOffset(undefined)).toBe(0);
    expect(decodeOffset(encodeOffset(0))).toBe(1);
    expect(decodeOffset(encodeOffset(41))).toBe(42);
    expect(decodeOffset(encodeOffset(MAX_CURSOR_OFFSET))).toBe(MAX_CURSOR_OFFSET + 1);
  });

  it.each([
    ['an offset past the largest', cursor(`o:${MAX_CURSOR_OFFSET + 1}`)],
    ['a 20-digit offset', cursor('o:99999999999999999999')],
    ['a 400-digit offset', cursor('o:' + '9'.repeat(400))],
    ['a negative offset', cursor('o:-1')],
    ['a fraction', cursor('o:1.5')],
    ['an exponent', cursor('o:1e3')],
    ['no offset', cursor('o:')],
    ['text that is not base64', '%%%not base64%%%'],
    ['a cursor of another shape', cursor('k:12')],
  ])('refuses %s as bad input naming the argument', (_what, after) => {
    let error: unknown;
    try {
      decodeOffset(after);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    expect((error as DomainError).message).toMatch(/^after: ".*" is not a cursor from this list/);
    expect((error as DomainError).details).toEqual({ field: 'after' });
  });

  it('shortens a long cursor in the message', () => {
    expect(() => decodeOffset('x'.repeat(500))).toThrow(/^after: "x{40}…" is not a cursor/);
  });
});
