/** A quantity as typed ("2", "1,5") → the API's decimal string, or null (more than 0, up to four decimals). */
export function parseQuantity(typed: string): string | null {
  const clean = typed.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,4})?$/.test(clean)) return null;
  return Number(clean) > 0 && Number(clean) <= 1_000_000 ? clean : null;
}
