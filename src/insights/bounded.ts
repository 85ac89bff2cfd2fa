import { badInput } from '../platform/errors/domain-error';

/** `n` when it is a whole number within [min, max]; BAD_USER_INPUT naming the field otherwise. */
export function bounded(n: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(n) || n < min || n > max) throw badInput(`${field} must be a whole number from ${min} to ${max}`, { field });
  return n;
}
