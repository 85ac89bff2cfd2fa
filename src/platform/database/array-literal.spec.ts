import { textArrayLiteral } from './array-literal';

describe('text array literal', () => {
  it('quotes every element and escapes backslashes and double quotes', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['a=b', 'farge=rød, blå'])).toBe('{"a=b","farge=rød, blå"}');
    expect(textArrayLiteral(['NULL', '{x}', 'say "hi"', 'c:\\dir'])).toBe('{"NULL","{x}","say \\"hi\\"","c:\\\\dir"}');
  });
});
