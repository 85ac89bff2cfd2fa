import type { UblIdentifier, UblInvoice, UblInvoiceParty, UblPeriod, UblText } from '../peppol';
import { orgNumberProblem } from '../identity/org-number';
import { InvoiceProblem, lineName, num, pathIn, problem, quantityName } from './invoice-checks-support';

/**
 * What an invoice must say besides its arithmetic and VAT: its number, dates, type, currency,
 * parties and references, and each line's essentials. Rule ids are EN 16931's (BR-nn) and
 * PEPPOL's; TORG-… marks Torg's own.
 */

/** PEPPOL-EN16931-P0100 / P0101: the type codes BIS Billing 3 allows for an Invoice and a CreditNote. */
const INVOICE_TYPE_CODES = '71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 875 876 877'.split(' ');
const CREDIT_NOTE_TYPE_CODES = '381 396 81 83 532'.split(' ');

const NORWEGIAN_VAT_NUMBER = /^NO(\d{9})MVA$/;

function checkDate(text: UblText | undefined): InvoiceProblem[] {
  if (!text) return [];
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.value);
  const date = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const valid = !!date && date.getUTCFullYear() === +m[1] && date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3];
  return valid ? [] : [problem(text, undefined, `"${text.value}" is not a date (YYYY-MM-DD)`)];
}

function checkHeader(invoice: UblInvoice): InvoiceProblem[] {
  const problems: InvoiceProblem[] = [];
  const at = (name: string) => pathIn(invoice, name);
  if (!invoice.id?.value) problems.push(problem(invoice.id ?? at('cbc:ID'), 'BR-02', 'The invoice has no invoice number (cbc:ID)'));
  if (!invoice.issueDate?.value) problems.push(problem(invoice.issueDate ?? at('cbc:IssueDate'), 'BR-03', 'The invoice has no issue date (cbc:IssueDate)'));
  problems.push(...checkDate(invoice.issueDate?.value ? invoice.issueDate : undefined), ...checkDate(invoice.dueDate), ...checkDate(invoice.taxPointDate));
  if (!invoice.profileId?.value) problems.push(problem(at('cbc:ProfileID'), 'PEPPOL-EN16931-R001', 'The invoice names no business process (cbc:ProfileID)'));

  const typeName = invoice.kind === 'Invoice' ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode';
  const allowed = invoice.kind === 'Invoice' ? INVOICE_TYPE_CODES : CREDIT_NOTE_TYPE_CODES;
  if (!invoice.typeCode?.value) problems.push(problem(at(typeName), 'BR-04', `The ${invoice.kind} has no type code (${typeName})`));
  else if (!allowed.includes(invoice.typeCode.value)) {
    const rule = invoice.kind === 'Invoice' ? 'PEPPOL-EN16931-P0100' : 'PEPPOL-EN16931-P0101';
    problems.push(problem(invoice.typeCode, rule, `${invoice.typeCode.value} is no ${invoice.kind} type code of BIS Billing 3 (380 invoice, 381 credit note, …)`));
  }

  const currency = invoice.currency;
  if (!currency?.value) problems.push(problem(currency ?? at('cbc:DocumentCurrencyCode'), 'BR-05', 'The invoice has no currency (cbc:DocumentCurrencyCode)'));
  else if (!/^[A-Z]{3}$/.test(currency.value)) problems.push(problem(currency, 'BR-CL-04', `"${currency.value}" is no ISO 4217 currency code`));
  if (invoice.taxCurrency && invoice.taxCurrency.value === currency?.value) {
    problems.push(problem(invoice.taxCurrency, 'PEPPOL-EN16931-R005', `The VAT accounting currency ${invoice.taxCurrency.value} must differ from the invoice currency when given`));
  }

  if (!invoice.buyerReference?.value && !invoice.orderReference?.value) {
    problems.push(
      problem(at('cbc:BuyerReference'), 'PEPPOL-EN16931-R003', 'The invoice has neither a buyer reference (cbc:BuyerReference) nor an order reference (cac:OrderReference/cbc:ID); one is required'),
    );
  }
  problems.push(...checkPeriod(invoice.invoicePeriod, 'BR-29'));
  if (!invoice.lines.length) problems.push(problem(at(lineName(invoice)), 'BR-16', `The ${invoice.kind} has no lines; at least one is required`));
  return problems;
}

/** PEPPOL-COMMON-R041: an identifier of scheme 0192 is a Norwegian organisation number (9 digits, modulus 11). */
function checkOrgNumbers(ids: (UblIdentifier | undefined)[]): InvoiceProblem[] {
  return ids.flatMap((id) => {
    if (id?.schemeId !== '0192') return [];
    const why = orgNumberProblem(id.value);
    return why ? [problem(id, 'PEPPOL-COMMON-R041', `The organisation number (scheme 0192) "${id.value}" ${why}`)] : [];
  });
}

function checkParty(invoice: UblInvoice, party: UblInvoiceParty | undefined, role: 'seller' | 'buyer', norwegian: boolean): InvoiceProblem[] {
  const element = role === 'seller' ? 'cac:AccountingSupplierParty' : 'cac:AccountingCustomerParty';
  const at = pathIn(invoice, element, 'cac:Party');
  if (!party) return [problem(pathIn(invoice, element), role === 'seller' ? 'BR-06' : 'BR-07', `The invoice names no ${role} (${element})`)];
  const problems: InvoiceProblem[] = [];
  if (!party.registrationName?.value) {
    problems.push(
      problem(
        party.registrationName ?? `${at}/cac:PartyLegalEntity/cbc:RegistrationName`,
        role === 'seller' ? 'BR-06' : 'BR-07',
        `The ${role} has no name (cac:PartyLegalEntity/cbc:RegistrationName)`,
      ),
    );
  }
  if (!party.endpointId?.value) {
    problems.push(problem(party.endpointId ?? `${at}/cbc:EndpointID`, role === 'seller' ? 'PEPPOL-EN16931-R020' : 'PEPPOL-EN16931-R010', `The ${role} has no electronic address (cbc:EndpointID)`));
  } else if (!party.endpointId.schemeId) {
    problems.push(problem(party.endpointId, role === 'seller' ? 'BR-62' : 'BR-63', `The ${role}'s electronic address "${party.endpointId.value}" has no scheme (schemeID, e.g. 0192)`));
  }
  if (role === 'seller' && !party.identifiers.length && !party.legalCompanyId?.value && !party.vatNumber?.value) {
    problems.push(problem(party, 'BR-CO-26', 'The seller names no identifier, legal registration or VAT number by which the buyer could know it'));
  }
  if (!party.postalAddress?.countryCode?.value) {
    problems.push(problem(`${at}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`, role === 'seller' ? 'BR-09' : 'BR-11', `The ${role}'s postal address has no country code`));
  }
  const vat = party.vatNumber;
  // A Norwegian seller's VAT number has its own, stricter rule (NO-R-001).
  if (vat && !norwegian && !/^[A-Z]{2}/.test(vat.value)) problems.push(problem(vat, 'BR-CO-09', `The ${role}'s VAT number "${vat.value}" must begin with its country's two-letter code`));
  problems.push(...checkOrgNumbers([party.endpointId, party.legalCompanyId, ...party.identifiers]));
  return problems;
}

/** NO-R-001, and Torg adds the check digit: a Norwegian seller's VAT number is NO + its organisation number + MVA. */
function checkNorwegianSeller(seller: UblInvoiceParty | undefined): InvoiceProblem[] {
  const vat = seller?.vatNumber;
  if (!vat) return [];
  const m = NORWEGIAN_VAT_NUMBER.exec(vat.value);
  if (!m) return [problem(vat, 'NO-R-001', `A Norwegian seller's VAT number is NO, its 9-digit organisation number and MVA (NO999999999MVA); found "${vat.value}"`)];
  const why = orgNumberProblem(m[1]);
  return why ? [problem(vat, 'NO-R-001', `The VAT number "${vat.value}" holds no valid organisation number: ${m[1]} ${why}`)] : [];
}

/** BR-29, BR-30: a period ends on or after it starts (ISO dates compare as text). */
function checkPeriod(period: UblPeriod | undefined, rule: string): InvoiceProblem[] {
  const [start, end] = [period?.startDate, period?.endDate];
  return start && end && end.value < start.value ? [problem(end, rule, `The period ends (${end.value}) before it starts (${start.value})`)] : [];
}

function checkLines(invoice: UblInvoice): InvoiceProblem[] {
  return invoice.lines.flatMap((line) => {
    const problems: InvoiceProblem[] = [];
    const name = `Line ${line.id?.value || line.ordinal}`;
    const at = (child: string) => `${line.path}/${child}`;
    if (!line.id?.value) problems.push(problem(line.id ?? at('cbc:ID'), 'BR-21', `Line ${line.ordinal} has no line id (cbc:ID)`));
    if (!line.quantity?.value) problems.push(problem(line.quantity ?? at(quantityName(invoice)), 'BR-22', `${name} has no quantity (${quantityName(invoice)})`));
    else if (!line.quantity.unitCode) problems.push(problem(line.quantity, 'BR-23', `${name}: the quantity has no unit (unitCode)`));
    if (!line.lineExtensionAmount) problems.push(problem(at('cbc:LineExtensionAmount'), 'BR-24', `${name} has no line amount (cbc:LineExtensionAmount)`));
    if (!line.item.name?.value) problems.push(problem(line.item.name ?? at('cac:Item/cbc:Name'), 'BR-25', `${name}: the item has no name`));
    if (!line.priceAmount) problems.push(problem(at('cac:Price/cbc:PriceAmount'), 'BR-26', `${name} has no net price (cac:Price/cbc:PriceAmount)`));
    problems.push(...checkPeriod(line.invoicePeriod, 'BR-30'));
    return problems;
  });
}

/**
 * A credit note, or an invoice that credits (a negative amount due), should name the invoice it
 * corrects (cac:BillingReference): accounts payable can then match it. A warning: EN 16931 does
 * not require it, and a credit for a bonus or a price settlement may refer to no single invoice.
 */
function checkBillingReference(invoice: UblInvoice): InvoiceProblem[] {
  if (invoice.billingReferences.some((r) => r.id?.value)) return [];
  const payable = num(invoice.totals?.payableAmount);
  const credits = invoice.kind === 'CreditNote' || (payable?.isNegative() ?? false);
  if (!credits) return [];
  const what = invoice.kind === 'CreditNote' ? 'The credit note' : `The invoice credits ${payable!.abs().toFixed()} ${invoice.currency?.value ?? ''}`.trimEnd() + ' (a negative amount due) but';
  return [problem(pathIn(invoice, 'cac:BillingReference'), 'TORG-BILLING-REFERENCE', `${what} names no invoice it corrects (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID)`, 'warning')];
}

export function checkFields(invoice: UblInvoice, context: { norwegianSeller: boolean }): InvoiceProblem[] {
  return [
    ...checkHeader(invoice),
    ...checkParty(invoice, invoice.seller, 'seller', context.norwegianSeller),
    ...checkParty(invoice, invoice.buyer, 'buyer', false),
    ...(context.norwegianSeller ? checkNorwegianSeller(invoice.seller) : []),
    ...checkLines(invoice),
    ...checkBillingReference(invoice),
  ];
}
