import { gs1CheckDigitProblem } from '../../platform/codes/gs1-check-digit';

/** GS1 GTIN-8/12/13/14: digits with a mod-10 check digit (weights 3,1 from the right). Null when valid. */
export function gtinProblem(value: string): string | null {
  if (!/^\d+$/.test(value)) return 'must contain digits only';
  if (![8, 12, 13, 14].includes(value.length)) return 'must have 8, 12, 13 or 14 digits';
  return gs1CheckDigitProblem(value);
}
