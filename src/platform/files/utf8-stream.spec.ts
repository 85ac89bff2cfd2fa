import { firstInvalidUtf8, InvalidUtf8Error, Utf8Stream, utf16Of } from './utf8-stream';

function decodeAll(chunks: Buffer[]): string {
  const s = new Utf8Stream();
  const text = chunks.map((c) => s.decode(c)).join('');
  s.end();
  return text;
}

function errorOf(chunks: Buffer[]): InvalidUtf8Error {
  try {
    decodeAll(chunks);
  } catch (e) {
    if (e instanceof InvalidUtf8Error) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

describe('Utf8Stream', () => {
  it('keeps characters split between chunks whole, at every split point', () => {
    const bytes = Buffer.from('a,blå,€,😀\nø');
    for (let at = 0; at <= bytes.length; at++) expect(decodeAll([bytes.subarray(0, at), bytes.subarray(at)])).toBe('a,blå,€,😀\nø');
  });

  it('names the line and byte of the first Latin-1 byte, also in a later chunk', () => {
    const e = errorOf([Buffer.from('id,name\nA-1,ok\n'), Buffer.from('A-2,Bl\xe5 perm\n', 'latin1')]);
    expect({ line: e.line, column: e.column, byte: e.byte }).toEqual({ line: 3, column: 7, byte: 0xe5 });
  });

  it('refuses a character cut off at the end of the input', () => {
    const e = errorOf([Buffer.from('ok\nbl'), Buffer.from([0xc3])]);
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/ends in the middle of a UTF-8 character/);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid text', Buffer.from('blå €'), -1],
    ['a lone continuation byte', Buffer.from([0x61, 0x80]), 1],
    ['an overlong slash', Buffer.from([0x61, 0xc0, 0xaf]), 1],
    ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80]), 0],
    ['a code point above U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['Latin-1 å before a space', Buffer.from([0x62, 0x6c, 0xe5, 0x20]), 2],
  ])('%s', (_what, bytes, at) => expect(firstInvalidUtf8(bytes)).toBe(at));
});

describe('utf16Of', () => {
  it('tells UTF-16 by its byte-order mark or by interleaved NUL bytes', () => {
    expect(utf16Of(Buffer.from([0xff, 0xfe, 0x61, 0]))).toBe('UTF-16LE');
    expect(utf16Of(Buffer.from([0xfe, 0xff, 0, 0x61]))).toBe('UTF-16BE');
    expect(utf16Of(Buffer.from('id,name\r\n', 'utf16le'))).toBe('UTF-16LE');
    expect(utf16Of(Buffer.from('id,name\r\n', 'utf16le').swap16())).toBe('UTF-16BE');
    expect(utf16Of(Buffer.from('id,name\nA,B\n'))).toBeUndefined();
  });
});
