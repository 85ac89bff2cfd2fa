import { gs1CheckDigitProblem } from '../../platform/codes/gs1-check-digit';

/**
 * Checks on a delivery address's codes. Null when valid, else why not.
 */

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Two-letter codes CLDR names that are no country of ISO 3166-1 (groupings, "unknown"). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);

/** ISO 3166-1 alpha-2, as PEPPOL's cac:Country/cbc:IdentificationCode wants it. */
export function countryCodeProblem(code: string): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return 'must be an ISO 3166-1 alpha-2 code in capitals, such as NO';
  return NOT_COUNTRIES.has(code) || REGIONS.of(code) === undefined ? 'is no ISO 3166-1 country code' : null;
}

/** Norwegian postcodes have four digits; elsewhere 2–16 letters, digits, spaces or hyphens. */
export function postalCodeProblem(postalCode: string, countryCode: string): string | null {
  if (countryCode === 'NO') return /^\d{4}$/.test(postalCode) ? null : 'must be four digits in Norway';
  return /^[A-Za-z0-9][A-Za-z0-9 -]{1,15}$/.test(postalCode) ? null : 'must be 2–16 letters, digits, spaces or hyphens';
}

/** GS1 Global Location Number: 13 digits with the GS1 mod-10 check digit (the same as a GTIN-13's). */
export function glnProblem(gln: string): string | null {
  if (!/^\d{13}$/.test(gln)) return 'must be 13 digits';
  return gs1CheckDigitProblem(gln);
}
