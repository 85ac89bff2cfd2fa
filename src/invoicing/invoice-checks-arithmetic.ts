import Decimal from 'decimal.js';
import type { UblAllowanceCharge, UblAmount, UblInvoice, UblInvoiceLine } from '../peppol';
import { InvoiceProblem, money, num, numOrZero, pathIn, plain, problem, round2, sum } from './invoice-checks-support';

/**
 * The invoice's arithmetic as EN 16931 and PEPPOL BIS Billing 3 define it: each line, then the
 * document totals from the amounts the document states. Torg compares exactly where the
 * specification's result is a sum of two-decimal amounts (no rounding is involved), and after
 * rounding to two decimals where a product is (the line amount): the official rules allow slack
 * there (±0.02 for PEPPOL-EN16931-R120), Torg does not.
 */

const isCharge = (a: UblAllowanceCharge) => a.chargeIndicator?.value === 'true';
const isAllowance = (a: UblAllowanceCharge) => a.chargeIndicator?.value === 'false';

/** The amounts of those allowances or charges, or undefined when one is no decimal (reported elsewhere). */
function amountsOf(list: UblAllowanceCharge[], which: (a: UblAllowanceCharge) => boolean): Decimal | undefined {
  const values = list.filter(which).map((a) => num(a.amount));
  return values.every((v): v is Decimal => !!v) ? sum(values) : undefined;
}

/** PEPPOL-EN16931-R043 and R040: a true/false indicator, and an amount that is its percentage of its base. */
function checkAllowanceCharge(a: UblAllowanceCharge, level: 'document' | 'line'): InvoiceProblem[] {
  const problems: InvoiceProblem[] = [];
  const indicator = a.chargeIndicator;
  if (!indicator || !['true', 'false'].includes(indicator.value)) {
    problems.push(problem(indicator ?? a, 'PEPPOL-EN16931-R043', `ChargeIndicator must be "true" (a charge) or "false" (an allowance), found ${indicator ? `"${indicator.value}"` : 'none'}`));
  }
  if (!a.reason?.value && !a.reasonCode?.value) {
    const rule = level === 'document' ? (isCharge(a) ? 'BR-38' : 'BR-33') : isCharge(a) ? 'BR-44' : 'BR-42';
    problems.push(problem(a, rule, `The ${isCharge(a) ? 'charge' : 'allowance'} gives no reason (AllowanceChargeReason or AllowanceChargeReasonCode)`));
  }
  if (!a.amount) {
    const rule = level === 'document' ? (isCharge(a) ? 'BR-36' : 'BR-31') : isCharge(a) ? 'BR-43' : 'BR-41';
    problems.push(problem(a, rule, `The ${isCharge(a) ? 'charge' : 'allowance'} has no Amount`));
  }
  const [amount, base, percent] = [num(a.amount), num(a.baseAmount), num(a.multiplierFactor)];
  if (amount && base && percent) {
    const expected = base.times(percent).div(100);
    // R040 allows 0.02 of slack; the result is an amount, so Torg rounds it to two decimals and compares exactly.
    if (!round2(expected).eq(amount)) {
      problems.push(problem(a.amount, 'PEPPOL-EN16931-R040', `The amount is ${money(amount)}; expected ${money(round2(expected))} = base ${money(base)} × ${plain(percent)} %`));
    }
  }
  return problems;
}

/** PEPPOL-EN16931-R120 and what it needs: quantity × (price / base quantity) + line charges − line allowances. */
function checkLine(line: UblInvoiceLine): InvoiceProblem[] {
  const problems = line.allowanceCharges.flatMap((a) => checkAllowanceCharge(a, 'line'));
  const base = line.baseQuantity ? num(line.baseQuantity) : new Decimal(1);
  if (line.baseQuantity && base && base.lte(0)) {
    problems.push(problem(line.baseQuantity, 'PEPPOL-EN16931-R121', `The base quantity is ${plain(base)}; it must be above zero`));
  }
  const quantityUnit = line.quantity?.unitCode;
  const baseUnit = line.baseQuantity?.unitCode;
  if (baseUnit && quantityUnit && baseUnit !== quantityUnit) {
    problems.push(problem(line.baseQuantity, 'PEPPOL-EN16931-R130', `The base quantity is in ${baseUnit} but the quantity in ${quantityUnit}; they must be the same unit`));
  }
  const price = num(line.priceAmount);
  if (price?.isNegative()) problems.push(problem(line.priceAmount, 'BR-27', `The net price is ${plain(price)}; it must not be negative`));
  const gross = num(line.priceAllowance?.baseAmount);
  if (gross?.isNegative()) problems.push(problem(line.priceAllowance?.baseAmount, 'BR-28', `The gross price is ${plain(gross)}; it must not be negative`));
  const discount = num(line.priceAllowance?.amount);
  if (price && gross && discount && !gross.minus(discount).eq(price)) {
    problems.push(
      problem(line.priceAmount, 'PEPPOL-EN16931-R046', `The net price is ${plain(price)}; expected ${plain(gross.minus(discount))} = gross price ${plain(gross)} − price discount ${plain(discount)}`),
    );
  }
  const [quantity, amount] = [num(line.quantity), num(line.lineExtensionAmount)];
  const charges = amountsOf(line.allowanceCharges, isCharge);
  const allowances = amountsOf(line.allowanceCharges, isAllowance);
  if (!quantity || !price || !base || base.lte(0) || !amount || !charges || !allowances) return problems;
  const expected = round2(quantity.times(price.div(base)).plus(charges).minus(allowances));
  if (!expected.eq(amount)) {
    const how = `${plain(quantity)} × (${plain(price)} / ${plain(base)}) + charges ${money(charges)} − allowances ${money(allowances)}`;
    problems.push(
      problem(
        line.lineExtensionAmount,
        'PEPPOL-EN16931-R120',
        `Line ${line.id?.value ?? line.ordinal}: the line amount is ${money(amount)}; expected ${money(expected)} = ${how}, rounded to 2 decimals`,
      ),
    );
  }
  return problems;
}

/** A stated total against what it should be; an absent total is zero where the specification says so. */
function compare(at: UblAmount | string, rule: string, name: string, found: Decimal, expected: Decimal, how: string): InvoiceProblem[] {
  return found.eq(expected) ? [] : [problem(at, rule, `${name} is ${money(found)}; expected ${money(expected)} = ${how}`)];
}

/** BR-CO-10 … BR-CO-16: the document totals (BR-CO-14 the VAT total's), each from the amounts the document states. */
function checkTotals(invoice: UblInvoice): InvoiceProblem[] {
  const t = invoice.totals;
  const at = (name: string) => pathIn(invoice, 'cac:LegalMonetaryTotal', `cbc:${name}`);
  if (!t) return [problem(pathIn(invoice, 'cac:LegalMonetaryTotal'), 'BR-12', 'The invoice has no LegalMonetaryTotal (its totals)')];
  const problems: InvoiceProblem[] = [];
  const required: [keyof typeof t, string, string][] = [
    ['lineExtensionAmount', 'LineExtensionAmount', 'BR-12'],
    ['taxExclusiveAmount', 'TaxExclusiveAmount', 'BR-13'],
    ['taxInclusiveAmount', 'TaxInclusiveAmount', 'BR-14'],
    ['payableAmount', 'PayableAmount', 'BR-15'],
  ];
  for (const [key, name, rule] of required) if (!t[key]) problems.push(problem(at(name), rule, `The invoice has no ${name}`));

  const lineAmounts = invoice.lines.map((l) => num(l.lineExtensionAmount));
  const lineExtension = num(t.lineExtensionAmount);
  if (lineExtension && lineAmounts.every((a): a is Decimal => !!a)) {
    problems.push(...compare(t.lineExtensionAmount!, 'BR-CO-10', 'LineExtensionAmount', lineExtension, sum(lineAmounts), `the sum of the ${invoice.lines.length} line amounts`));
  }
  const allowances = amountsOf(invoice.allowanceCharges, isAllowance);
  const charges = amountsOf(invoice.allowanceCharges, isCharge);
  const allowanceTotal = numOrZero(t.allowanceTotalAmount);
  const chargeTotal = numOrZero(t.chargeTotalAmount);
  const countOf = (which: (a: UblAllowanceCharge) => boolean) => invoice.allowanceCharges.filter(which).length;
  if (allowances && allowanceTotal) {
    problems.push(
      ...compare(t.allowanceTotalAmount ?? at('AllowanceTotalAmount'), 'BR-CO-11', 'AllowanceTotalAmount', allowanceTotal, allowances, `the sum of the ${countOf(isAllowance)} document allowances`),
    );
  }
  if (charges && chargeTotal) {
    problems.push(...compare(t.chargeTotalAmount ?? at('ChargeTotalAmount'), 'BR-CO-12', 'ChargeTotalAmount', chargeTotal, charges, `the sum of the ${countOf(isCharge)} document charges`));
  }
  const taxExclusive = num(t.taxExclusiveAmount);
  if (taxExclusive && lineExtension && allowanceTotal && chargeTotal) {
    const how = `LineExtensionAmount ${money(lineExtension)} − AllowanceTotalAmount ${money(allowanceTotal)} + ChargeTotalAmount ${money(chargeTotal)}`;
    problems.push(...compare(t.taxExclusiveAmount!, 'BR-CO-13', 'TaxExclusiveAmount', taxExclusive, lineExtension.minus(allowanceTotal).plus(chargeTotal), how));
  }
  const taxTotal = documentTaxTotal(invoice);
  const vat = taxTotal ? num(taxTotal.taxAmount) : undefined;
  const taxes = taxTotal?.subtotals.map((s) => num(s.taxAmount)) ?? [];
  if (taxTotal && !taxTotal.taxAmount) problems.push(problem(taxTotal, 'BR-CO-14', 'The TaxTotal has no TaxAmount (the invoice total VAT)'));
  else if (taxTotal?.subtotals.length && vat && taxes.every((x): x is Decimal => !!x) && !vat.eq(sum(taxes))) {
    problems.push(problem(taxTotal.taxAmount, 'BR-CO-14', `The total VAT is ${money(vat)}; expected ${money(sum(taxes))} = the sum of the ${taxes.length} VAT subtotals' tax amounts`));
  }
  const taxInclusive = num(t.taxInclusiveAmount);
  if (taxInclusive && taxExclusive && vat) {
    problems.push(...compare(t.taxInclusiveAmount!, 'BR-CO-15', 'TaxInclusiveAmount', taxInclusive, taxExclusive.plus(vat), `TaxExclusiveAmount ${money(taxExclusive)} + VAT ${money(vat)}`));
  }
  const payable = num(t.payableAmount);
  const prepaid = numOrZero(t.prepaidAmount);
  const rounding = numOrZero(t.payableRoundingAmount);
  if (payable && taxInclusive && prepaid && rounding) {
    const how = `TaxInclusiveAmount ${money(taxInclusive)} − PrepaidAmount ${money(prepaid)} + PayableRoundingAmount ${money(rounding)}`;
    problems.push(...compare(t.payableAmount!, 'BR-CO-16', 'PayableAmount', payable, taxInclusive.minus(prepaid).plus(rounding), how));
  }
  return problems;
}

/** The TaxTotal in the document currency: the one with subtotals (PEPPOL-EN16931-R053 allows one). */
export function documentTaxTotal(invoice: UblInvoice) {
  return invoice.taxTotals.find((t) => t.subtotals.length > 0) ?? invoice.taxTotals.find((t) => t.taxAmount?.currency?.value === invoice.currency?.value) ?? invoice.taxTotals[0];
}

export function checkArithmetic(invoice: UblInvoice): InvoiceProblem[] {
  return [...invoice.lines.flatMap(checkLine), ...invoice.allowanceCharges.flatMap((a) => checkAllowanceCharge(a, 'document')), ...checkTotals(invoice)];
}
