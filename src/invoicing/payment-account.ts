/**
 * The seller's account on an invoice Torg writes for it (cac:PayeeFinancialAccount/cbc:ID): a
 * Norwegian account number (BBAN, 11 digits with its MOD11 check digit) or an IBAN (ISO 13616,
 * MOD 97). Pure. A mistyped digit would send the buyer's money nowhere, so the check digits are
 * verified, not only the shape.
 */
export type PaymentAccountCheck = { account: string } | { problem: string };

/** The account as written on the invoice (spaces and dots taken out, IBAN upper case), or why it is no account. */
export function paymentAccount(typed: string): PaymentAccountCheck {
  const compact = typed.replace(/[\s.]/g, '').toUpperCase();
  if (/^\d{11}$/.test(compact)) return bbanValid(compact) ? { account: compact } : { problem: `${typed.trim()} is not a Norwegian account number: its check digit is wrong (check every digit)` };
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact))
    return ibanValid(compact) ? { account: compact } : { problem: `${typed.trim()} is not an IBAN: its check digits are wrong (check every character)` };
  return { problem: `"${typed.trim()}" is no account number: give the 11 digits of a Norwegian account (1234 56 78903) or an IBAN (NO93 8601 1117 947)` };
}

/** MOD11 with weights 5 4 3 2 7 6 5 4 3 2 over the first ten digits; remainder 0 → 0, 1 → invalid. */
function bbanValid(digits: string): boolean {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(digits[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(digits[10]);
}

/** ISO 13616: the first four characters moved to the end, letters as 10..35, the number mod 97 is 1. */
function ibanValid(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}
