import type { UblInvoice } from '../peppol';
import { checkAmounts } from './invoice-checks-amounts';
import { checkArithmetic } from './invoice-checks-arithmetic';
import { checkFields } from './invoice-checks-fields';
import { InvoiceProblem } from './invoice-checks-support';
import { checkVat } from './invoice-checks-vat';
import { checkNumberLimits } from './invoice-number-limits';

export type { InvoiceProblem, InvoiceProblemSeverity } from './invoice-checks-support';
export { NORWEGIAN_STANDARD_RATES } from './invoice-checks-vat';

/**
 * Torg's own checks of a received invoice or credit note (issue 16 §1), pure and fast: what the
 * invoice must say, that its numbers fit what Torg holds (invoice-number-limits), its arithmetic as EN 16931 / PEPPOL BIS Billing 3 define it, its VAT
 * breakdown, and for a Norwegian seller the Norwegian VAT rates and VAT number. The official
 * Schematron rules stay a test tool (test/invoice-conformance.e2e-spec.ts shows that whatever
 * they call fatal, these refuse too). Whether the sender and buyer are known, and whether the
 * invoice is a duplicate or matches an order, is the service's business, not this function's.
 */

export interface InvoiceCheckContext {
  /**
   * Whether the Norwegian rules apply (S at 25/15/12/11.11 %, a VAT number NO + organisation
   * number + MVA). By default they do when the seller is Norwegian: its address is in NO, or its
   * electronic address is a Norwegian organisation number (scheme 0192).
   */
  norwegianSeller?: boolean;
}

export const isNorwegianSeller = (invoice: UblInvoice): boolean => invoice.seller?.postalAddress?.countryCode?.value === 'NO' || invoice.seller?.endpointId?.schemeId === '0192';

/** Every problem found, errors and warnings, in document order of the checks; [] for a clean invoice. */
export function checkInvoice(invoice: UblInvoice, context: InvoiceCheckContext = {}): InvoiceProblem[] {
  const norwegianSeller = context.norwegianSeller ?? isNorwegianSeller(invoice);
  return [...checkFields(invoice, { norwegianSeller }), ...checkAmounts(invoice), ...checkNumberLimits(invoice), ...checkArithmetic(invoice), ...checkVat(invoice, { norwegianSeller })];
}

/** Whether the problems refuse the invoice (any error), or only warn. */
export const refuses = (problems: InvoiceProblem[]): boolean => problems.some((p) => p.severity === 'error');
