import { copyField, copyText } from './copy-rows';

describe('COPY text format', () => {
  it('writes null as \\N and escapes what would end a field or row', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('\\N')).toBe('\\\\N'); // the text "\N" stays text
    expect(copyField(12.5)).toBe('12.5');
    expect(copyField('Blå «stol»')).toBe('Blå «stol»');
  });
  it('joins fields with tabs and rows with line breaks', () => {
    expect(
      copyText([
        ['a', null],
        ['b\tc', 1],
      ]),
    ).toBe('a\t\\N\nb\\tc\t1\n');
  });
});
