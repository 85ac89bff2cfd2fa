/**
 * GS1's mod-10 check digit (weights 3, 1 from the right), shared by GTINs and GLNs. `digits` must
 * be digits only; null when the last digit is right, else the problem.
 */
export function gs1CheckDigitProblem(digits: string): string | null {
  const values = digits.split('').map(Number);
  const check = values.pop()!;
  const sum = values.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  const expected = (10 - (sum % 10)) % 10;
  return expected === check ? null : `has a wrong check digit (expected ${expected})`;
}
