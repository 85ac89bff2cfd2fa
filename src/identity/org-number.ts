const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/**
 * Why a Norwegian organisation number is invalid, or null when it is valid:
 * 9 digits whose last is the modulus-11 check digit over weights 3,2,7,6,5,4,3,2.
 */
export function orgNumberProblem(value: string): string | null {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{9}$/.test(digits)) return 'must be 9 digits';
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  if (check === 10) return 'is not a valid organisation number (no check digit exists for these eight digits)';
  if (check !== Number(digits[8])) return `has a wrong check digit (expected ${check})`;
  return null;
}

/** Strips spaces ("974 760 673" → "974760673"). */
export const normaliseOrgNumber = (value: string) => value.replace(/\s/g, '');
