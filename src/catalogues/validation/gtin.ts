/** GS1 GTIN-8/12/13/14: digits with a mod-10 check digit (weights 3,1 from the right). Null when valid. */
export function gtinProblem(value: string): string | null {
  if (!/^\d+$/.test(value)) return 'must contain digits only';
  if (![8, 12, 13, 14].includes(value.length)) return 'must have 8, 12, 13 or 14 digits';
  const digits = value.split('').map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  const expected = (10 - (sum % 10)) % 10;
  return expected === check ? null : `has a wrong check digit (expected ${expected})`;
}
