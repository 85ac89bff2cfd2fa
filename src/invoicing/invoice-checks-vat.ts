import Decimal from 'decimal.js';
import type { UblInvoice, UblInvoiceTaxCategory, UblLocated, UblTaxSubtotal } from '../peppol';
import { documentTaxTotal } from './invoice-checks-arithmetic';
import { InvoiceProblem, money, num, pathIn, plain, problem, round2, sum } from './invoice-checks-support';

/**
 * VAT as EN 16931 breaks it down: every line, document allowance and charge carries a category
 * (UNCL 5305) and rate; each (category, rate) has one subtotal whose taxable amount is the sum of
 * what carries it and whose tax is that amount times the rate. Plus, for a Norwegian seller, the
 * Norwegian rates (TORG-NO-VAT-RATE: stricter than the official rules, which accept any rate).
 */

/** UNCL 5305 as EN 16931 uses it, with the infix of each category's own rules (BR-IC-… for K). */
// A Map, not an object: a category written "constructor" must not find Object's members.
const CATEGORY_RULES = new Map(Object.entries({ S: 'S', Z: 'Z', E: 'E', AE: 'AE', K: 'IC', G: 'G', O: 'O', L: 'IG', M: 'IP', B: 'B' }));
/** Categories whose rate is 0: zero rated, exempt, reverse charge, intra-community, export. */
const RATE_ZERO = new Set(['Z', 'E', 'AE', 'K', 'G']);
/** Categories that must say why no VAT is charged (BR-x-10), and those that must not. */
const NEEDS_EXEMPTION_REASON = new Set(['E', 'AE', 'K', 'G', 'O']);
const NO_EXEMPTION_REASON = new Set(['S', 'Z']);

/**
 * Norwegian VAT rates of category S (merverdiavgiftsloven): 25 general, 15 food and drink, 12
 * transport, cinema, accommodation and the like; 11.11 is the compensation rate on raw fish sold
 * through the fish sales organisations (SAF-T tax code 11), rare in public purchasing but lawful.
 */
export const NORWEGIAN_STANDARD_RATES = ['25', '15', '12', '11.11'];

export interface VatContext {
  norwegianSeller: boolean;
}

/** Something that carries a VAT category: a line (its amount counts +), a document charge (+) or allowance (−). */
interface Carrier {
  at: UblLocated;
  /** How messages name it: "Line 3", "The document charge". */
  name: string;
  kind: 'line' | 'allowance' | 'charge';
  category?: UblInvoiceTaxCategory;
  amount?: Decimal;
}

const key = (categoryId: string, percent: Decimal | undefined) => `${categoryId}|${percent ? plain(percent) : ''}`;
const groupName = (categoryId: string, percent: Decimal | undefined) => `${categoryId}${percent ? ` ${plain(percent)} %` : ''}`;
const ruleOf = (categoryId: string, n: string) => (CATEGORY_RULES.has(categoryId) ? `BR-${CATEGORY_RULES.get(categoryId)}-${n}` : undefined);

function carriers(invoice: UblInvoice): Carrier[] {
  return [
    ...invoice.lines.map((l): Carrier => ({ at: l, name: `Line ${l.id?.value || l.ordinal}`, kind: 'line', category: l.item.taxCategory, amount: num(l.lineExtensionAmount) })),
    ...invoice.allowanceCharges.map((a): Carrier => {
      const charge = a.chargeIndicator?.value === 'true';
      const amount = num(a.amount);
      const kind = charge ? 'charge' : 'allowance';
      return { at: a, name: `The document ${kind}`, kind, category: a.taxCategory, amount: charge ? amount : amount?.negated() };
    }),
  ];
}

/** The category and rate of one line, allowance or charge: known code, rate as the category requires (BR-x-05/06/07). */
function checkCarrier(c: Carrier, context: VatContext): InvoiceProblem[] {
  const what = c.name;
  const id = c.category?.id;
  if (!id?.value) {
    const rule = c.kind === 'line' ? 'BR-CO-04' : c.kind === 'allowance' ? 'BR-32' : 'BR-37';
    return [problem(c.category ?? c.at, rule, `${what} has no VAT category (${c.kind === 'line' ? 'cac:ClassifiedTaxCategory' : 'cac:TaxCategory'}/cbc:ID)`)];
  }
  if (!CATEGORY_RULES.has(id.value)) return [problem(id, 'BR-CL-18', `${what}: "${id.value}" is no VAT category of UNCL 5305 (S, Z, E, AE, K, G, O, L, M, B)`)];
  const n = c.kind === 'line' ? '05' : c.kind === 'allowance' ? '06' : '07';
  const rule = ruleOf(id.value, n);
  const percentText = c.category?.percent;
  const percent = num(percentText);
  const problems: InvoiceProblem[] = [];
  if (id.value === 'O') {
    if (percentText) problems.push(problem(percentText, rule, `${what} is not subject to VAT (O) and must carry no VAT rate, found ${percentText.value} %`));
  } else if (!percentText) {
    problems.push(problem(c.category, rule, `${what} has VAT category ${id.value} but no VAT rate (cbc:Percent)`));
  } else if (percent && RATE_ZERO.has(id.value) && !percent.isZero()) {
    problems.push(problem(percentText, rule, `${what} has VAT category ${id.value}, whose rate must be 0; found ${plain(percent)} %`));
  } else if (percent && id.value === 'S' && !percent.gt(0)) {
    problems.push(problem(percentText, rule, `${what} is standard rated (S), whose rate must be above 0; found ${plain(percent)} %`));
  }
  if (context.norwegianSeller) problems.push(...norwegianCategory(what, id, percentText));
  return problems;
}

function norwegianCategory(what: string, id: { value: string } & UblLocated, percentText: (UblLocated & { value: string }) | undefined): InvoiceProblem[] {
  const percent = num(percentText);
  if (id.value === 'S' && percent && percent.gt(0) && !NORWEGIAN_STANDARD_RATES.some((r) => percent.eq(r))) {
    return [problem(percentText, 'TORG-NO-VAT-RATE', `${what}: ${plain(percent)} % is no Norwegian VAT rate; a Norwegian seller charges S at ${NORWEGIAN_STANDARD_RATES.join(', ')} %`)];
  }
  if (['K', 'L', 'M', 'B'].includes(id.value)) {
    return [
      problem(
        id,
        'TORG-NO-VAT-CATEGORY',
        `${what}: VAT category ${id.value} is for sellers in the EU (or Italy, Spain's Canary Islands, Ceuta and Melilla); a Norwegian seller has no use for it`,
        'warning',
      ),
    ];
  }
  return [];
}

/** One subtotal on its own: known category, tax = taxable × rate (BR-CO-17) or zero, the exemption reason as required. */
function checkSubtotal(s: UblTaxSubtotal, contributions: number, context: VatContext): InvoiceProblem[] {
  const id = s.category?.id;
  if (!id?.value) return [problem(s.category ?? s, 'BR-47', 'The VAT subtotal has no VAT category (cac:TaxCategory/cbc:ID)')];
  if (!CATEGORY_RULES.has(id.value)) return [problem(id, 'BR-CL-17', `"${id.value}" is no VAT category of UNCL 5305 (S, Z, E, AE, K, G, O, L, M, B)`)];
  const problems: InvoiceProblem[] = [];
  const percent = num(s.category?.percent);
  const what = `The VAT subtotal ${groupName(id.value, percent)}`;
  if (id.value !== 'O' && !s.category?.percent) problems.push(problem(s.category, 'BR-48', `${what} has no VAT rate (cbc:Percent); only "not subject to VAT" (O) goes without`));
  const [taxable, tax] = [num(s.taxableAmount), num(s.taxAmount)];
  if (!s.taxableAmount) problems.push(problem(s, 'BR-45', `${what} has no TaxableAmount`));
  if (!s.taxAmount) problems.push(problem(s, 'BR-46', `${what} has no TaxAmount`));
  if (tax && (RATE_ZERO.has(id.value) || id.value === 'O') && !tax.isZero()) {
    problems.push(problem(s.taxAmount, ruleOf(id.value, '09'), `${what}: the tax amount is ${money(tax)}; VAT category ${id.value} carries no VAT, so it must be 0`));
  } else if (tax && taxable && percent) {
    // Per-line rounding may leave up to half a cent per line, allowance or charge between the tax of
    // the sum and the sum of the taxes; the official rule allows a whole unit (±1), Torg only that.
    const expected = round2(taxable.times(percent).div(100));
    const tolerance = Decimal.max(new Decimal('0.01'), new Decimal('0.005').times(contributions).toDecimalPlaces(2, Decimal.ROUND_DOWN));
    if (tax.minus(expected).abs().gt(tolerance)) {
      const how = `TaxableAmount ${money(taxable)} × ${plain(percent)} %, rounded to 2 decimals (± ${money(tolerance)})`;
      problems.push(problem(s.taxAmount, 'BR-CO-17', `${what}: the tax amount is ${money(tax)}; expected ${money(expected)} = ${how}`));
    }
  }
  const reason = s.category?.exemptionReason ?? s.category?.exemptionReasonCode;
  if (NEEDS_EXEMPTION_REASON.has(id.value) && !reason) {
    problems.push(problem(s.category, ruleOf(id.value, '10'), `${what} must say why no VAT is charged (TaxExemptionReason or TaxExemptionReasonCode)`));
  }
  if (NO_EXEMPTION_REASON.has(id.value) && reason) {
    problems.push(problem(reason, ruleOf(id.value, '10'), `${what} must carry no VAT exemption reason, found "${reason.value}"`));
  }
  if (context.norwegianSeller) problems.push(...norwegianCategory(what, id, s.category?.percent));
  return problems;
}

interface VatGroup {
  categoryId: string;
  percent?: Decimal;
  carriers: Carrier[];
  subtotals: UblTaxSubtotal[];
}

/** One (category, rate): a subtotal, only one, whose taxable amount is the sum of what carries it (BR-x-08). */
function checkTaxable(g: VatGroup, categoriesWithSubtotal: Set<string | undefined>): InvoiceProblem[] {
  const name = groupName(g.categoryId, g.percent);
  const problems: InvoiceProblem[] = [];
  if (g.subtotals.length > 1)
    problems.push(problem(g.subtotals[1], ruleOf(g.categoryId, '08'), `The invoice has ${g.subtotals.length} VAT subtotals for ${name}; one per category and rate is allowed`));
  const amounts = g.carriers.map((c) => c.amount);
  if (!amounts.every((a): a is Decimal => !!a)) return problems; // a line or allowance amount that is no decimal is reported elsewhere
  const expected = sum(amounts);
  // Only a problem's message says what carries the rate: not summed and printed for every invoice that has none.
  const partsText = () =>
    (['line', 'charge', 'allowance'] as const)
      .map((kind) => [kind, g.carriers.filter((c) => c.kind === kind)] as const)
      .filter(([, list]) => list.length)
      .map(([kind, list]) => `${kind}s ${money(sum(list.map((c) => c.amount!)).abs())}`)
      .join(', ');
  const [subtotal] = g.subtotals;
  if (!subtotal) {
    const rule = ruleOf(g.categoryId, categoriesWithSubtotal.has(g.categoryId) ? '08' : '01');
    const at = g.carriers[0].category ?? g.carriers[0].at;
    return [...problems, problem(at, rule, `Lines, allowances or charges carry VAT ${name} (taxable ${money(expected)}: ${partsText()}) but the invoice has no VAT subtotal for it`)];
  }
  const taxable = num(subtotal.taxableAmount);
  if (taxable && !taxable.eq(expected)) {
    const parts = partsText();
    const how = parts ? `the sum of what carries ${name}: ${parts}` : `nothing on the invoice carries ${name}`;
    problems.push(problem(subtotal.taxableAmount, ruleOf(g.categoryId, '08'), `The VAT subtotal ${name}: the taxable amount is ${money(taxable)}; expected ${money(expected)} (${how})`));
  }
  return problems;
}

/** The breakdown as a whole: one subtotal per (category, rate), its taxable amount the sum of what carries it (BR-x-08), and the VAT total. */
function checkBreakdown(invoice: UblInvoice, all: Carrier[], context: VatContext): InvoiceProblem[] {
  const problems: InvoiceProblem[] = [];
  const withSubtotals = invoice.taxTotals.filter((t) => t.subtotals.length > 0);
  if (withSubtotals.length > 1) problems.push(problem(withSubtotals[1], 'PEPPOL-EN16931-R053', `The invoice has ${withSubtotals.length} TaxTotals with subtotals; only one is allowed`));
  const withoutSubtotals = invoice.taxTotals.filter((t) => t.subtotals.length === 0);
  if (invoice.taxCurrency && withoutSubtotals.length !== 1) {
    problems.push(
      problem(
        invoice.taxCurrency,
        'PEPPOL-EN16931-R054',
        `With a tax currency (${invoice.taxCurrency.value}) the invoice needs exactly one TaxTotal without subtotals, found ${withoutSubtotals.length}`,
      ),
    );
  }
  const taxTotal = documentTaxTotal(invoice);
  if (!taxTotal) return [...problems, problem(pathIn(invoice, 'cac:TaxTotal'), 'BR-CO-18', 'The invoice has no TaxTotal, so no VAT breakdown')];
  const subtotals = taxTotal.subtotals;
  if (!subtotals.length) problems.push(problem(taxTotal, 'BR-CO-18', 'The invoice has no VAT subtotal (cac:TaxSubtotal); at least one is required'));

  const groups = new Map<string, VatGroup>();
  const group = (categoryId: string, percent: Decimal | undefined) => {
    const k = key(categoryId, percent);
    if (!groups.has(k)) groups.set(k, { categoryId, percent, carriers: [], subtotals: [] });
    return groups.get(k)!;
  };
  // Categories without VAT are one group each whatever rate is written (a wrong rate is reported
  // on its own, BR-x-05/06/07), as the official BR-Z-08, BR-E-08… sum them.
  const groupOf = (category: UblInvoiceTaxCategory | undefined) => {
    const id = category?.id?.value;
    return id && CATEGORY_RULES.has(id) ? group(id, RATE_ZERO.has(id) || id === 'O' ? undefined : num(category.percent)) : undefined;
  };
  for (const c of all) groupOf(c.category)?.carriers.push(c);
  for (const s of subtotals) {
    const g = groupOf(s.category);
    if (g) g.subtotals.push(s);
    else problems.push(...checkSubtotal(s, 1, context)); // no category, or none UNCL 5305 knows
  }

  const categoriesWithSubtotal = new Set(subtotals.map((s) => s.category?.id?.value));
  for (const g of groups.values()) {
    problems.push(...checkTaxable(g, categoriesWithSubtotal));
    problems.push(...g.subtotals.flatMap((s) => checkSubtotal(s, Math.max(1, g.carriers.length), context)));
  }
  if (subtotals.length > 1) {
    const outside = subtotals.find((s) => s.category?.id?.value === 'O');
    if (outside) problems.push(problem(outside, 'BR-O-11', 'An invoice with a VAT subtotal "not subject to VAT" (O) must have no other VAT subtotal'));
  }

  return problems;
}

/**
 * Who charges (or does not charge) the VAT: a line, allowance or charge with VAT needs the seller's
 * VAT number, tax registration or tax representative (BR-S-02…04, and the same for Z, E, AE, K,
 * G); one not subject to VAT (O) allows none of them, nor the buyer's VAT number (BR-O-02…04).
 * Reported once per category and kind, at the seller.
 */
function checkSellerVatIdentity(invoice: UblInvoice, all: Carrier[]): InvoiceProblem[] {
  const seller = invoice.seller;
  const at = seller ?? pathIn(invoice, 'cac:AccountingSupplierParty', 'cac:Party');
  const identified = !!(seller?.vatNumber?.value || seller?.taxRegistrationId?.value || invoice.taxRepresentativeVatNumber?.value);
  const n = { line: '02', allowance: '03', charge: '04' } as const;
  const seen = new Set<string>();
  const problems: InvoiceProblem[] = [];
  for (const c of all) {
    const id = c.category?.id?.value;
    if (!id || !CATEGORY_RULES.has(id) || seen.has(`${id}|${c.kind}`)) continue;
    seen.add(`${id}|${c.kind}`);
    const carrier = c.kind === 'line' ? 'a line' : `a document ${c.kind}`;
    if (['S', 'Z', 'E', 'AE', 'K', 'G'].includes(id) && !identified) {
      problems.push(problem(at, ruleOf(id, n[c.kind]), `The invoice has ${carrier} with VAT category ${id} but names no seller VAT number, tax registration or tax representative`));
    }
    const named = [seller?.vatNumber, invoice.taxRepresentativeVatNumber, invoice.buyer?.vatNumber].filter((v) => v?.value);
    if (id === 'O' && named.length) {
      problems.push(problem(named[0], ruleOf(id, n[c.kind]), `The invoice has ${carrier} not subject to VAT (O), so it must name no VAT number; found "${named[0]!.value}"`));
    }
  }
  return problems;
}

export function checkVat(invoice: UblInvoice, context: VatContext): InvoiceProblem[] {
  const all = carriers(invoice);
  return [...all.flatMap((c) => checkCarrier(c, context)), ...checkSellerVatIdentity(invoice, all), ...checkBreakdown(invoice, all, context)];
}
