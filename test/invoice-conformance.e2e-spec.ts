import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInvoice, InvoiceProblem, isNorwegianSeller } from '../src/invoicing/invoice-checks';
import { readUblInvoice, UblError } from '../src/peppol';
import { fatalRules, RULES } from './support/peppol-rules';
import { needShared, sharedData } from './support/shared-data';

/**
 * Torg's own invoice checks against the official rules (issue 16 §1, conformance): every published
 * invoice and credit note, and mutated copies of them (string edits: a wrong sum, a wrong VAT, a
 * missing reference…), go through readUblInvoice + checkInvoice AND the official Schematron
 * (CEN-EN16931-UBL + PEPPOL-EN16931-UBL). Whatever the official rules call fatal, Torg refuses
 * too (at least one error), and each case states which official rule ids correspond to which of
 * Torg's. Where Torg is stricter (Norwegian rates, exact line rounding), the case says so: the
 * official rules pass the document and Torg refuses it. The official rules stay a test tool;
 * the running service uses checkInvoice alone.
 */

const EXAMPLES = sharedData('peppol');
const describeShared = needShared('the invoice conformance tests (the published examples and the official rules)', EXAMPLES, RULES) ? describe : describe.skip;

const CEN = 'CEN-EN16931-UBL.sef.json';
const PEPPOL = 'PEPPOL-EN16931-UBL.sef.json';

const example = (folder: string, name: string) => readFileSync(join(EXAMPLES.dir, folder, name), 'utf8');
const NORWEGIAN = () => example('invoice', 'Norwegian-example-1.xml');
const BASE = () => example('invoice', 'base-example.xml');
const ALLOWANCE = () => example('invoice', 'Allowance-example.xml');
const CREDIT = () => example('credit-note', 'base-creditnote-correction.xml');

/** Replaces each `from` once (or every time, with a /g RegExp), failing loudly when the example no longer holds it. */
function edit(xml: string, ...edits: [string | RegExp, string][]): string {
  for (const [from, to] of edits) {
    const found = typeof from === 'string' ? xml.includes(from) : from.test(xml);
    if (!found) throw new Error(`the example holds no ${String(from)}`);
    xml = xml.replace(from, to);
  }
  return xml;
}

interface Verdict {
  official: string[];
  torgErrors: string[];
  torgWarnings: string[];
  problems: InvoiceProblem[];
}

async function judge(xml: string): Promise<Verdict> {
  const official = [...new Set([...fatalRules(CEN, xml), ...fatalRules(PEPPOL, xml)])].sort();
  let problems: InvoiceProblem[];
  try {
    problems = checkInvoice(await readUblInvoice(Buffer.from(xml, 'utf8')));
  } catch (e) {
    if (!(e instanceof UblError)) throw e;
    problems = [{ message: e.message, severity: 'error', rule: 'UBL' }];
  }
  const ids = (severity: string) => [...new Set(problems.filter((p) => p.severity === severity).map((p) => p.rule ?? '(no rule id)'))].sort();
  return { official, torgErrors: ids('error'), torgWarnings: ids('warning'), problems };
}

interface Case {
  name: string;
  xml: () => string;
  /** The official fatal asserts, exactly. */
  official: string[];
  /** Torg's error rule ids, exactly. */
  torg: string[];
  /** Torg's warnings, when it has any. */
  warnings?: string[];
  /** Why Torg differs from the official rules, where it does. */
  stricter?: string;
}

/** Each official fatal id of the mutations, and the Torg problem that answers it: the reason mapping, printed at the end. */
const mapping = new Map<string, Set<string>>();

const MUTATIONS: Case[] = [
  {
    name: 'wrong sum of lines (Norwegian-example-1: LineExtensionAmount 1436.5 → 1436.6)',
    xml: () => edit(NORWEGIAN(), ['<cbc:LineExtensionAmount currencyID="NOK">1436.5</cbc:LineExtensionAmount>', '<cbc:LineExtensionAmount currencyID="NOK">1436.6</cbc:LineExtensionAmount>']),
    official: ['BR-CO-10', 'BR-CO-13'],
    torg: ['BR-CO-10', 'BR-CO-13'],
  },
  {
    name: 'wrong line amount (line 5: 250 × 0.75 = 187.5, written 188.5, and the totals with it)',
    xml: () => edit(NORWEGIAN(), ['>187.5<', '>188.5<']),
    official: ['BR-CO-10', 'BR-S-08', 'PEPPOL-EN16931-R120'],
    torg: ['BR-CO-10', 'BR-S-08', 'PEPPOL-EN16931-R120'],
  },
  {
    name: 'line amount off by one cent (line 5: 187.51, totals kept in step): within the official slack of ±0.02, refused by Torg',
    xml: () =>
      edit(
        NORWEGIAN(),
        ['>187.5<', '>187.51<'],
        ['<cbc:LineExtensionAmount currencyID="NOK">1436.5<', '<cbc:LineExtensionAmount currencyID="NOK">1436.51<'],
        ['<cbc:TaxExclusiveAmount currencyID="NOK">1436.5<', '<cbc:TaxExclusiveAmount currencyID="NOK">1436.51<'],
        ['<cbc:TaxableAmount currencyID="NOK">1460.5<', '<cbc:TaxableAmount currencyID="NOK">1460.51<'],
        ['>1801.78<', '>1801.79<'],
        ['<cbc:PayableRoundingAmount currencyID="NOK">0.22<', '<cbc:PayableRoundingAmount currencyID="NOK">0.21<'],
      ),
    official: [],
    torg: ['PEPPOL-EN16931-R120'],
    stricter: 'PEPPOL-EN16931-R120 allows the line amount 0.02 of slack; Torg rounds quantity × price to 2 decimals and compares exactly',
  },
  {
    name: 'wrong VAT total (TaxAmount 365.28 → 365.29)',
    xml: () => edit(NORWEGIAN(), ['<cbc:TaxAmount currencyID="NOK">365.28</cbc:TaxAmount>', '<cbc:TaxAmount currencyID="NOK">365.29</cbc:TaxAmount>']),
    official: ['BR-CO-14', 'BR-CO-15'],
    torg: ['BR-CO-14', 'BR-CO-15'],
  },
  {
    name: 'wrong VAT of a subtotal (S 25 %: 365.13 → 366.13, total and payable kept in step)',
    xml: () => edit(NORWEGIAN(), ['>365.13<', '>366.13<'], ['>365.28<', '>366.28<'], ['>1801.78<', '>1802.78<'], ['>802.00<', '>803.00<']),
    official: ['BR-CO-17', 'BR-S-09'],
    torg: ['BR-CO-17'],
  },
  {
    name: 'VAT of a subtotal 0.50 off (S 25 %: 365.13 → 365.63, totals kept in step): within the official ±1, refused by Torg',
    xml: () => edit(NORWEGIAN(), ['>365.13<', '>365.63<'], ['>365.28<', '>365.78<'], ['>1801.78<', '>1802.28<'], ['>802.00<', '>802.50<']),
    official: [],
    torg: ['BR-CO-17'],
    stricter: 'BR-CO-17 allows the tax of a subtotal to be a whole unit off; Torg allows half a cent per line, allowance or charge in it (what rounding each line may leave), at least one cent',
  },
  {
    name: 'wrong tax exclusive amount (1436.5 → 1437.5)',
    xml: () => edit(NORWEGIAN(), ['<cbc:TaxExclusiveAmount currencyID="NOK">1436.5<', '<cbc:TaxExclusiveAmount currencyID="NOK">1437.5<']),
    official: ['BR-CO-13', 'BR-CO-15'],
    torg: ['BR-CO-13', 'BR-CO-15'],
  },
  {
    name: 'wrong payable amount (802.00 → 801.00)',
    xml: () => edit(NORWEGIAN(), ['>802.00<', '>801.00<']),
    official: ['BR-CO-16'],
    torg: ['BR-CO-16'],
  },
  {
    name: 'wrong allowance total (Allowance-example: 200 → 201)',
    xml: () => edit(ALLOWANCE(), ['<cbc:AllowanceTotalAmount currencyID="EUR">200<', '<cbc:AllowanceTotalAmount currencyID="EUR">201<']),
    official: ['BR-CO-11', 'BR-CO-13'],
    torg: ['BR-CO-11', 'BR-CO-13'],
  },
  {
    name: 'missing BuyerReference and OrderReference',
    xml: () => edit(NORWEGIAN(), ['<cbc:BuyerReference>3150bdn</cbc:BuyerReference>', ''], [/<cac:OrderReference>\s*<cbc:ID>123<\/cbc:ID>\s*<\/cac:OrderReference>/, '']),
    official: ['PEPPOL-EN16931-R003'],
    torg: ['PEPPOL-EN16931-R003'],
  },
  {
    name: 'missing invoice number',
    xml: () => edit(NORWEGIAN(), ['<cbc:ID>TOSL108</cbc:ID>', '']),
    official: ['BR-02'],
    torg: ['BR-02'],
  },
  {
    name: 'wrong invoice type code (380 → 999)',
    xml: () => edit(NORWEGIAN(), ['<cbc:InvoiceTypeCode>380<', '<cbc:InvoiceTypeCode>999<']),
    official: ['BR-CL-01', 'PEPPOL-EN16931-P0100'],
    torg: ['PEPPOL-EN16931-P0100'],
  },
  {
    name: 'category S at 0 % (base-example: the insurance charge, still in the S 25 % subtotal)',
    xml: () => edit(BASE(), [/<cbc:Percent>25\.0<\/cbc:Percent>/, '<cbc:Percent>0</cbc:Percent>']),
    official: ['BR-S-07', 'BR-S-08'],
    torg: ['BR-S-07', 'BR-S-08'],
  },
  {
    name: 'category Z with 25 % (line 4 was E 0 %: now Z 25 %, its subtotal Z)',
    xml: () =>
      edit(
        NORWEGIAN(),
        [/<cbc:ID schemeID="UNCL5305">E<\/cbc:ID>\s*<cbc:Percent>0<\/cbc:Percent>/, '<cbc:ID schemeID="UNCL5305">Z</cbc:ID><cbc:Percent>25</cbc:Percent>'],
        [/<cbc:ID>E<\/cbc:ID>\s*<cbc:Percent>0<\/cbc:Percent>\s*<cbc:TaxExemptionReason>Exempt New Means of Transport<\/cbc:TaxExemptionReason>/, '<cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent>'],
      ),
    official: ['BR-Z-05'],
    torg: ['BR-Z-05'],
  },
  {
    name: 'a Norwegian seller charging S at 20 % (the 15 % lines, subtotal and totals recomputed: arithmetically consistent)',
    xml: () =>
      edit(
        NORWEGIAN(),
        [/<cbc:Percent>15<\/cbc:Percent>/g, '<cbc:Percent>20</cbc:Percent>'],
        ['<cbc:TaxAmount currencyID="NOK">0.15<', '<cbc:TaxAmount currencyID="NOK">0.20<'],
        ['>365.28<', '>365.33<'],
        ['>1801.78<', '>1801.83<'],
        ['>802.00<', '>802.05<'],
      ),
    official: [],
    torg: ['TORG-NO-VAT-RATE'],
    stricter: 'the official rules accept any rate above 0 for S; a Norwegian seller may charge only 25, 15, 12 or 11.11 % (TORG-NO-VAT-RATE)',
  },
  {
    name: 'the same 20 % from a British seller (base-example, recomputed): the Norwegian rules do not apply',
    xml: () => edit(BASE(), [/<cbc:Percent>25\.0<\/cbc:Percent>/g, '<cbc:Percent>20.0</cbc:Percent>'], [/>331\.25</g, '>265.00<'], [/>1656\.25</g, '>1590.00<']),
    official: [],
    torg: [],
  },
  {
    name: 'an exempt subtotal without its exemption reason',
    xml: () => edit(NORWEGIAN(), ['<cbc:TaxExemptionReason>Exempt New Means of Transport</cbc:TaxExemptionReason>', '']),
    official: ['BR-E-10'],
    torg: ['BR-E-10'],
  },
  {
    name: 'a VAT subtotal missing (the E subtotal removed, total VAT unchanged)',
    xml: () => edit(NORWEGIAN(), [/<cac:TaxSubtotal>\s*<cbc:TaxableAmount currencyID="NOK">-25<\/cbc:TaxableAmount>[\s\S]*?<\/cac:TaxSubtotal>/, '']),
    official: ['BR-E-01'],
    torg: ['BR-E-01'],
  },
  {
    name: 'amounts with 3 decimals (line 5: 187.500, the same value)',
    xml: () => edit(NORWEGIAN(), ['>187.5<', '>187.500<']),
    official: ['BR-DEC-23', 'UBL-DT-01'],
    torg: ['BR-DEC-23'],
  },
  {
    name: 'mixed currency (PayableAmount in EUR on a NOK invoice)',
    xml: () => edit(NORWEGIAN(), ['<cbc:PayableAmount currencyID="NOK">', '<cbc:PayableAmount currencyID="EUR">']),
    official: ['PEPPOL-EN16931-R051'],
    torg: ['PEPPOL-EN16931-R051'],
  },
  {
    name: "a Norwegian seller's VAT number without MVA",
    xml: () => edit(NORWEGIAN(), ['<cbc:CompanyID>NO123456785MVA</cbc:CompanyID>', '<cbc:CompanyID>NO123456785</cbc:CompanyID>']),
    official: ['NO-R-001'],
    torg: ['NO-R-001'],
  },
  {
    name: 'an organisation number (0192) with a wrong check digit (the seller endpoint 123456785 → 123456784)',
    xml: () => edit(NORWEGIAN(), ['<cbc:EndpointID schemeID="0192">123456785<', '<cbc:EndpointID schemeID="0192">123456784<']),
    official: ['PEPPOL-COMMON-R041'],
    torg: ['PEPPOL-COMMON-R041'],
  },
  {
    name: "the seller's VAT number removed (base-example: a British seller with no other tax registration)",
    xml: () => edit(BASE(), [/<cac:PartyTaxScheme>\s*<cbc:CompanyID>GB1232434<\/cbc:CompanyID>[\s\S]*?<\/cac:PartyTaxScheme>/, '']),
    official: ['BR-S-02', 'BR-S-04'],
    torg: ['BR-S-02', 'BR-S-04'],
  },
  {
    name: 'a document charge without a reason (base-example: the insurance charge)',
    xml: () => edit(BASE(), ['<cbc:AllowanceChargeReason>Insurance</cbc:AllowanceChargeReason>', '']),
    official: ['BR-38', 'BR-CO-22'],
    torg: ['BR-38'],
  },
  {
    name: 'a base quantity of 0 (Allowance-example line 2)',
    xml: () => edit(ALLOWANCE(), ['<cbc:BaseQuantity unitCode="C62">2</cbc:BaseQuantity>', '<cbc:BaseQuantity unitCode="C62">0</cbc:BaseQuantity>']),
    official: ['PEPPOL-EN16931-R120', 'PEPPOL-EN16931-R121'],
    torg: ['PEPPOL-EN16931-R121'],
  },
  {
    name: 'credited quantity with the wrong sign (credit note line 1: 7 → -7, the amount still 2800)',
    xml: () => edit(CREDIT(), ['<cbc:CreditedQuantity unitCode="DAY">7<', '<cbc:CreditedQuantity unitCode="DAY">-7<']),
    official: ['PEPPOL-EN16931-R120'],
    torg: ['PEPPOL-EN16931-R120'],
  },
  {
    name: 'a credit note without BillingReference: the official rules accept it, Torg only warns',
    xml: () => edit(CREDIT(), [/<cac:BillingReference>[\s\S]*?<\/cac:BillingReference>/, '']),
    official: [],
    torg: [],
    warnings: ['TORG-BILLING-REFERENCE'],
  },
];

describeShared('invoice conformance: Torg refuses what the official rules call fatal, and says why', () => {
  const published = () => [...readdirSync(join(EXAMPLES.dir, 'invoice')).map((f) => ['invoice', f]), ...readdirSync(join(EXAMPLES.dir, 'credit-note')).map((f) => ['credit-note', f])];

  it('every published invoice and credit note passes the official rules and Torg; the Norwegian checks apply only to the Norwegian sellers', async () => {
    const seen: string[] = [];
    for (const [folder, name] of published().filter(([, f]) => f.endsWith('.xml'))) {
      const xml = example(folder, name);
      const v = await judge(xml);
      const norwegian = isNorwegianSeller(await readUblInvoice(Buffer.from(xml)));
      seen.push(
        `${name}: official ${v.official.length ? v.official.join(' ') : 'none'}; Torg ${v.problems.length ? v.torgErrors.concat(v.torgWarnings).join(' ') : 'none'}; Norwegian seller ${norwegian}`,
      );
      expect({ name, official: v.official, torg: v.problems }).toEqual({ name, official: [], torg: [] });
    }
    console.log(`Published examples:\n${seen.join('\n')}`);
    expect(seen.map((s) => s.split(':')[0]).sort()).toEqual(['Allowance-example.xml', 'Norwegian-example-1.xml', 'base-creditnote-correction.xml', 'base-example.xml', 'ehf-3-faktura-1.xml']);
    expect(seen.filter((s) => s.endsWith('Norwegian seller true')).map((s) => s.split(':')[0])).toEqual(['Norwegian-example-1.xml', 'ehf-3-faktura-1.xml']);
  });

  it.each(MUTATIONS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const v = await judge(c.xml());
    console.log(
      `${c.name}\n  official fatal: ${v.official.join(' ') || 'none'}\n  Torg errors:    ${v.torgErrors.join(' ') || 'none'}${v.torgWarnings.length ? `\n  Torg warnings:  ${v.torgWarnings.join(' ')}` : ''}\n  ${v.problems.map((p) => `${p.rule}: ${p.message}`).join('\n  ')}`,
    );
    expect({ official: v.official, torg: v.torgErrors, warnings: v.torgWarnings }).toEqual({ official: c.official, torg: c.torg, warnings: c.warnings ?? [] });
    // The point of it all: what the network refuses, Torg refuses.
    if (v.official.length) expect(v.torgErrors.length).toBeGreaterThan(0);
    // And where Torg refuses what the network accepts, the case says why.
    if (!v.official.length && v.torgErrors.length) expect(c.stricter).toBeDefined();
    // Torg's own problem of the same id answers an official one; else the problems it has that the official rules do not name.
    for (const id of v.official) {
      const own = v.torgErrors.filter((t) => !v.official.includes(t));
      const answer = v.torgErrors.includes(id) ? [id] : own.length ? own : v.torgErrors;
      mapping.set(id, new Set([...(mapping.get(id) ?? []), ...answer]));
    }
  });

  afterAll(() => {
    if (!mapping.size) return;
    for (const [id, torg] of mapping) expect([id, torg.size]).not.toEqual([id, 0]);
    const rows = [...mapping].sort(([a], [b]) => a.localeCompare(b)).map(([id, torg]) => `  ${id.padEnd(28)} ↔ ${[...torg].join(', ')}`);
    console.log(`Official fatal rule → Torg's problems in the same documents:\n${rows.join('\n')}`);
  });
});
