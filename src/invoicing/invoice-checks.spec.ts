import Decimal from 'decimal.js';
import fc from 'fast-check';
import type { UblAmount, UblInvoice } from '../peppol';
import { checkInvoice, InvoiceProblem, isNorwegianSeller, refuses } from './invoice-checks';
import { TestInvoice, testInvoice } from './invoice-checks.test-invoice';

/** A Norwegian invoice: two S 25 % lines (one with a base quantity of 10 and a line discount), a 15 % line, a freight charge. */
const NORWEGIAN: TestInvoice = {
  lines: [
    { quantity: '4', price: '125.50' },
    { quantity: '30', price: '49.90', baseQuantity: '10', allowances: ['5.00'] },
    { quantity: '2', price: '12.35', percent: '15' },
  ],
  allowanceCharges: [{ charge: true, amount: '150' }],
};

const errors = (problems: InvoiceProblem[]) => problems.filter((p) => p.severity === 'error');
const rules = (problems: InvoiceProblem[]) => problems.map((p) => p.rule);
/** The invoice with one change made to a copy. */
function changed(spec: TestInvoice, change: (i: UblInvoice) => void): UblInvoice {
  const invoice = structuredClone(testInvoice(spec));
  change(invoice);
  return invoice;
}
const set = (a: UblAmount | undefined, value: string) => {
  a!.value = value;
};

describe('checkInvoice: a consistent invoice', () => {
  it('passes a Norwegian invoice, a foreign one and a credit note without a problem', () => {
    const built = testInvoice(NORWEGIAN);
    // The builder's sums, so the tests below change known values: 502.00 + 144.70 + 24.70 + 150 freight.
    expect([built.totals?.lineExtensionAmount?.value, built.totals?.taxExclusiveAmount?.value, built.taxTotals[0].taxAmount?.value, built.totals?.payableAmount?.value]).toEqual([
      '671.40',
      '821.40',
      '202.89',
      '1024.29',
    ]);
    expect(checkInvoice(built)).toEqual([]);
    expect(checkInvoice(testInvoice({ ...NORWEGIAN, sellerCountry: 'SE', currency: 'EUR' }))).toEqual([]);
    expect(checkInvoice(testInvoice({ ...NORWEGIAN, kind: 'CreditNote' }))).toEqual([]);
  });

  it('decides the Norwegian rules by the seller: country NO or an 0192 endpoint, unless the context says', () => {
    expect(isNorwegianSeller(testInvoice(NORWEGIAN))).toBe(true);
    expect(isNorwegianSeller(testInvoice({ ...NORWEGIAN, sellerCountry: 'SE' }))).toBe(false);
    const swedishAddressNorwegianEndpoint = changed({ ...NORWEGIAN, sellerCountry: 'SE' }, (i) => {
      i.seller!.endpointId = { value: '974760673', schemeId: '0192', path: 'x', line: 1 };
    });
    expect(isNorwegianSeller(swedishAddressNorwegianEndpoint)).toBe(true);
    const twenty = { lines: [{ quantity: '1', price: '100', percent: '20' }] };
    expect(rules(checkInvoice(testInvoice({ ...twenty, sellerCountry: 'SE' })))).toEqual([]);
    expect(rules(checkInvoice(testInvoice({ ...twenty, sellerCountry: 'SE' }), { norwegianSeller: true }))).toContain('TORG-NO-VAT-RATE');
    expect(rules(checkInvoice(testInvoice(twenty), { norwegianSeller: false }))).toEqual([]);
  });
});

describe('checkInvoice: what an invoice must say', () => {
  it('an invoice number (BR-02), an issue date that is a date (BR-03), a known type code (P0100, P0101), a currency (BR-05)', () => {
    const noNumber = checkInvoice(changed(NORWEGIAN, (i) => delete i.id));
    expect(noNumber).toEqual([{ path: '/Invoice/cbc:ID', rule: 'BR-02', message: 'The invoice has no invoice number (cbc:ID)', severity: 'error' }]);
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => delete i.issueDate)))).toEqual(['BR-03']);
    const feb30 = checkInvoice(changed(NORWEGIAN, (i) => (i.issueDate!.value = '2026-02-30')));
    expect(feb30).toMatchObject([{ path: '/Invoice/cbc:IssueDate', message: '"2026-02-30" is not a date (YYYY-MM-DD)', severity: 'error' }]);
    expect(checkInvoice(changed(NORWEGIAN, (i) => (i.typeCode!.value = '999')))).toMatchObject([
      { rule: 'PEPPOL-EN16931-P0100', message: '999 is no Invoice type code of BIS Billing 3 (380 invoice, 381 credit note, …)' },
    ]);
    expect(rules(checkInvoice(changed({ ...NORWEGIAN, kind: 'CreditNote' }, (i) => (i.typeCode!.value = '380'))))).toEqual(['PEPPOL-EN16931-P0101']);
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => delete i.currency)))).toEqual(['BR-05']);
  });

  it('a buyer reference or an order reference (PEPPOL-EN16931-R003): either is enough, neither is refused', () => {
    expect(checkInvoice(changed(NORWEGIAN, (i) => delete i.buyerReference))).toEqual([]);
    expect(checkInvoice(changed(NORWEGIAN, (i) => delete i.orderReference))).toEqual([]);
    const neither = checkInvoice(
      changed(NORWEGIAN, (i) => {
        delete i.buyerReference;
        delete i.orderReference;
      }),
    );
    expect(neither).toEqual([
      {
        path: '/Invoice/cbc:BuyerReference',
        rule: 'PEPPOL-EN16931-R003',
        message: 'The invoice has neither a buyer reference (cbc:BuyerReference) nor an order reference (cac:OrderReference/cbc:ID); one is required',
        severity: 'error',
      },
    ]);
  });

  it('at least one line (BR-16), and on each line an id, quantity with unit, amount, item name and price (BR-21 … BR-26)', () => {
    const noLines = checkInvoice(changed(NORWEGIAN, (i) => (i.lines = [])));
    expect(noLines.find((p) => p.rule === 'BR-16')).toMatchObject({ path: '/Invoice/cac:InvoiceLine', message: 'The Invoice has no lines; at least one is required' });
    const bare = checkInvoice(
      changed({ lines: [{ quantity: '1', price: '10' }] }, (i) => {
        const [line] = i.lines;
        delete line.id;
        delete line.quantity!.unitCode;
        delete line.item.name;
        delete line.priceAmount;
      }),
    );
    expect(rules(bare).sort()).toEqual(['BR-21', 'BR-23', 'BR-25', 'BR-26']);
    expect(bare.find((p) => p.rule === 'BR-26')).toMatchObject({ path: '/Invoice/cac:InvoiceLine[1]/cac:Price/cbc:PriceAmount', message: 'Line 1 has no net price (cac:Price/cbc:PriceAmount)' });
  });

  it('the parties: names and electronic addresses (BR-06, BR-07, R020, R010), organisation numbers of scheme 0192 with their check digit (PEPPOL-COMMON-R041)', () => {
    const p = checkInvoice(
      changed(NORWEGIAN, (i) => {
        delete i.seller!.registrationName;
        delete i.buyer!.endpointId;
        i.seller!.legalCompanyId!.value = '974760672';
      }),
    );
    expect(rules(p)).toEqual(['BR-06', 'PEPPOL-COMMON-R041', 'PEPPOL-EN16931-R010']);
    expect(p[1]).toMatchObject({
      path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID',
      message: 'The organisation number (scheme 0192) "974760672" has a wrong check digit (expected 3)',
    });
  });

  it('electronic addresses have a scheme (BR-62, BR-63); the seller is identifiable (BR-CO-26); periods do not end before they start (BR-29, BR-30)', () => {
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => delete i.seller!.endpointId!.schemeId)))).toEqual(['BR-62']);
    const unknown = changed({ ...NORWEGIAN, sellerCountry: 'SE' }, (i) => {
      delete i.seller!.vatNumber;
      i.seller!.taxRegistrationId = { value: 'F-skatt', path: 'r', line: 1 };
    });
    expect(rules(checkInvoice(unknown))).toEqual(['BR-CO-26']);
    const backwards = changed(NORWEGIAN, (i) => {
      i.invoicePeriod = {
        startDate: { value: '2026-11-30', path: '/Invoice/cac:InvoicePeriod/cbc:StartDate', line: 1 },
        endDate: { value: '2026-11-01', path: '/Invoice/cac:InvoicePeriod/cbc:EndDate', line: 2 },
      };
    });
    expect(checkInvoice(backwards)).toEqual([
      { path: '/Invoice/cac:InvoicePeriod/cbc:EndDate', line: 2, rule: 'BR-29', message: 'The period ends (2026-11-01) before it starts (2026-11-30)', severity: 'error' },
    ]);
  });

  it("a Norwegian seller's VAT number is NO + a valid organisation number + MVA (NO-R-001, Torg adds the check digit); a foreign one only starts with its country (BR-CO-09)", () => {
    const shape = checkInvoice(changed(NORWEGIAN, (i) => (i.seller!.vatNumber!.value = '974760673MVA')));
    expect(shape).toEqual([
      {
        path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
        line: expect.any(Number),
        rule: 'NO-R-001',
        message: 'A Norwegian seller\'s VAT number is NO, its 9-digit organisation number and MVA (NO999999999MVA); found "974760673MVA"',
        severity: 'error',
      },
    ]);
    const checkDigit = checkInvoice(changed(NORWEGIAN, (i) => (i.seller!.vatNumber!.value = 'NO974760674MVA')));
    expect(checkDigit).toMatchObject([{ rule: 'NO-R-001', message: 'The VAT number "NO974760674MVA" holds no valid organisation number: 974760674 has a wrong check digit (expected 3)' }]);
    const foreign = { ...NORWEGIAN, sellerCountry: 'SE' };
    expect(checkInvoice(changed(foreign, (i) => (i.seller!.vatNumber!.value = 'SE123')))).toEqual([]);
    expect(rules(checkInvoice(changed(foreign, (i) => (i.seller!.vatNumber!.value = '556677889901'))))).toEqual(['BR-CO-09']);
  });

  it('a credit note, or an invoice with a negative amount due, should name the invoice it corrects: a warning, which does not refuse', () => {
    const credit = checkInvoice(changed({ ...NORWEGIAN, kind: 'CreditNote' }, (i) => (i.billingReferences = [])));
    expect(credit).toEqual([
      {
        path: '/CreditNote/cac:BillingReference',
        rule: 'TORG-BILLING-REFERENCE',
        message: 'The credit note names no invoice it corrects (cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID)',
        severity: 'warning',
      },
    ]);
    expect(refuses(credit)).toBe(false);
    const negative = checkInvoice(testInvoice({ lines: [{ quantity: '-2', price: '100' }] }));
    expect(negative).toMatchObject([{ rule: 'TORG-BILLING-REFERENCE', message: expect.stringMatching(/^The invoice credits 250 NOK \(a negative amount due\) but names no invoice it corrects/) }]);
    expect(checkInvoice(testInvoice({ lines: [{ quantity: '2', price: '100' }] }))).toEqual([]);
  });
});

describe('checkInvoice: amounts as written', () => {
  it('at most two decimals on every amount, by the BR-DEC rule of its kind; unit prices may have more', () => {
    const three = checkInvoice(changed(NORWEGIAN, (i) => set(i.lines[0].lineExtensionAmount, '502.000')));
    expect(three).toEqual([
      {
        path: '/Invoice/cac:InvoiceLine[1]/cbc:LineExtensionAmount',
        line: expect.any(Number),
        rule: 'BR-DEC-23',
        message: 'The amount 502.000 has 3 decimals; at most 2 are allowed',
        severity: 'error',
      },
    ]);
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => set(i.totals?.payableAmount, '1024.290'))))).toEqual(['BR-DEC-18']);
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => set(i.taxTotals[0].subtotals[0].taxAmount, '199.180'))))).toEqual(['BR-DEC-20']);
    expect(checkInvoice(testInvoice({ lines: [{ quantity: '3', price: '0.3333' }] }))).toEqual([]);
  });

  it('numbers within what Torg holds (invoice-number-limits): amounts below 10^16, quantities and prices below 10^14 with at most 10 decimals, VAT rates 0–100', () => {
    const limited = (change: (i: UblInvoice) => void) => checkInvoice(changed(NORWEGIAN, change)).filter((p) => p.rule === 'TORG-NUMBER-LIMIT');
    expect(limited((i) => set(i.totals?.payableAmount, '10000000000000000.00'))).toEqual([
      {
        path: '/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount',
        line: expect.any(Number),
        rule: 'TORG-NUMBER-LIMIT',
        message: 'The amount 10000000000000000.00 is beyond what Torg holds: amounts must be below 10000000000000000 (10^16) in size',
        severity: 'error',
      },
    ]);
    expect(limited((i) => set(i.totals?.payableAmount, '-9999999999999999.99'))).toEqual([]);
    expect(limited((i) => (i.lines[0].quantity!.value = '-100000000000000')).map((p) => p.message)).toEqual([
      'The quantity -100000000000000 is beyond what Torg holds: quantities must be below 100000000000000 (10^14) in size',
    ]);
    expect(limited((i) => (i.lines[1].baseQuantity!.value = '0.00000000001')).map((p) => [p.path, p.message])).toEqual([
      ['/Invoice/cac:InvoiceLine[2]/cac:Price/cbc:BaseQuantity', 'The base quantity 0.00000000001 has 11 decimals; Torg keeps at most 10'],
    ]);
    // Trailing zeros say nothing: ten decimals of value, however many are written.
    expect(limited((i) => (i.lines[0].quantity!.value = '4.0000000001000000'))).toEqual([]);
    expect(limited((i) => set(i.lines[0].priceAmount, '125.500000000000000001')).map((p) => p.message)).toEqual(['The price 125.500000000000000001 has 18 decimals; Torg keeps at most 10']);
    expect(limited((i) => (i.lines[2].item.taxCategory!.percent!.value = '100.5')).map((p) => p.message)).toEqual(['The VAT rate 100.5 is outside 0–100 percent']);
    expect(limited((i) => (i.lines[2].item.taxCategory!.percent!.value = '15.001')).map((p) => p.message)).toEqual(['The VAT rate 15.001 has 3 decimals; Torg keeps at most 2']);
  });

  it('every amount in the invoice currency (PEPPOL-EN16931-R051), at the currencyID it names', () => {
    const mixed = checkInvoice(changed(NORWEGIAN, (i) => (i.lines[1].lineExtensionAmount!.currency!.value = 'EUR')));
    expect(mixed).toEqual([
      {
        path: '/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount/@currencyID',
        line: expect.any(Number),
        rule: 'PEPPOL-EN16931-R051',
        message: 'The amount is in EUR; every amount must be in the invoice currency NOK',
        severity: 'error',
      },
    ]);
    expect(checkInvoice(changed(NORWEGIAN, (i) => delete i.totals!.payableAmount!.currency))).toMatchObject([
      { rule: 'PEPPOL-EN16931-R051', message: 'The amount has no currencyID; it must be NOK, the invoice currency' },
    ]);
  });

  it('text that is no number is named, and the sums that need it are not guessed', () => {
    const p = checkInvoice(changed(NORWEGIAN, (i) => set(i.lines[0].lineExtensionAmount, '5O2.00')));
    expect(p).toEqual([{ path: '/Invoice/cac:InvoiceLine[1]/cbc:LineExtensionAmount', line: expect.any(Number), message: '"5O2.00" is not a decimal number', severity: 'error' }]);
  });
});

describe('checkInvoice: the arithmetic', () => {
  it('line amount = quantity × (price / base quantity) + charges − allowances, rounded to 2 decimals (PEPPOL-EN16931-R120)', () => {
    const p = checkInvoice(changed(NORWEGIAN, (i) => set(i.lines[1].lineExtensionAmount, '149.70')));
    expect(p.find((x) => x.rule === 'PEPPOL-EN16931-R120')).toEqual({
      path: '/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount',
      line: expect.any(Number),
      rule: 'PEPPOL-EN16931-R120',
      message: 'Line 2: the line amount is 149.70; expected 144.70 = 30 × (49.9 / 10) + charges 0.00 − allowances 5.00, rounded to 2 decimals',
      severity: 'error',
    });
    // 3 × 0.3333 = 0.9999 → 1.00; the half cent rounds away from zero (0.005 → 0.01, −0.005 → −0.01).
    expect(checkInvoice(testInvoice({ lines: [{ quantity: '3', price: '0.3333' }] }))).toEqual([]);
    expect(rules(checkInvoice(changed({ lines: [{ quantity: '3', price: '0.3333' }] }, (i) => set(i.lines[0].lineExtensionAmount, '0.99'))))).toContain('PEPPOL-EN16931-R120');
  });

  it('a base quantity above zero (R121) in the unit of the quantity (R130); a net price that is the gross price less its discount (R046), never negative (BR-27)', () => {
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => set(i.lines[1].baseQuantity, '0'))))).toEqual(['PEPPOL-EN16931-R121']);
    expect(checkInvoice(changed(NORWEGIAN, (i) => (i.lines[1].baseQuantity!.unitCode = 'KGM')))).toMatchObject([
      { rule: 'PEPPOL-EN16931-R130', message: 'The base quantity is in KGM but the quantity in EA; they must be the same unit' },
    ]);
    const discounted = changed(NORWEGIAN, (i) => {
      const line = i.lines[0];
      line.priceAllowance = { amount: { ...line.priceAmount!, value: '20' }, baseAmount: { ...line.priceAmount!, value: '150' } };
    });
    expect(checkInvoice(discounted)).toMatchObject([{ rule: 'PEPPOL-EN16931-R046', message: 'The net price is 125.5; expected 130 = gross price 150 − price discount 20' }]);
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => set(i.lines[0].priceAmount, '-125.50'))))).toContain('BR-27');
  });

  it('allowances and charges: a true/false indicator (R043), an amount, and the percentage of the base when both are given (R040)', () => {
    const p = checkInvoice(
      changed(NORWEGIAN, (i) => {
        const freight = i.allowanceCharges[0];
        freight.baseAmount = { ...freight.amount!, value: '1000' };
        freight.multiplierFactor = { ...freight.amount!, value: '15' };
      }),
    );
    // 15 % of 1000 is the 150 stated.
    expect(p).toEqual([]);
    const wrong = checkInvoice(
      changed(NORWEGIAN, (i) => {
        const freight = i.allowanceCharges[0];
        freight.baseAmount = { ...freight.amount!, value: '1000' };
        freight.multiplierFactor = { ...freight.amount!, value: '12.5' };
      }),
    );
    expect(wrong).toMatchObject([{ rule: 'PEPPOL-EN16931-R040', path: '/Invoice/cac:AllowanceCharge/cbc:Amount', message: 'The amount is 150.00; expected 125.00 = base 1000.00 × 12.5 %' }]);
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => (i.allowanceCharges[0].chargeIndicator!.value = 'yes'))))).toContain('PEPPOL-EN16931-R043');
    expect(checkInvoice(changed(NORWEGIAN, (i) => delete i.allowanceCharges[0].reason))).toMatchObject([
      { rule: 'BR-38', path: '/Invoice/cac:AllowanceCharge', message: 'The charge gives no reason (AllowanceChargeReason or AllowanceChargeReasonCode)' },
    ]);
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => delete i.lines[1].allowanceCharges[0].reason)))).toEqual(['BR-42']);
  });

  it('the totals: lines (BR-CO-10), allowances (BR-CO-11), charges (BR-CO-12), tax exclusive (BR-CO-13), tax inclusive (BR-CO-15), payable (BR-CO-16), each saying what it expected', () => {
    const lines = checkInvoice(changed(NORWEGIAN, (i) => set(i.totals?.lineExtensionAmount, '671.41')));
    expect(lines[0]).toEqual({
      path: '/Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount',
      line: expect.any(Number),
      rule: 'BR-CO-10',
      message: 'LineExtensionAmount is 671.41; expected 671.40 = the sum of the 3 line amounts',
      severity: 'error',
    });
    expect(rules(lines)).toEqual(['BR-CO-10', 'BR-CO-13']);
    expect(checkInvoice(changed(NORWEGIAN, (i) => set(i.totals?.chargeTotalAmount, '100')))).toMatchObject([
      { rule: 'BR-CO-12', message: 'ChargeTotalAmount is 100.00; expected 150.00 = the sum of the 1 document charges' },
      { rule: 'BR-CO-13' },
    ]);
    // An allowance with no AllowanceTotalAmount: the absent total counts as 0.
    const allowance = { ...NORWEGIAN, allowanceCharges: [{ charge: false, amount: '20' }] };
    expect(checkInvoice(changed(allowance, (i) => delete i.totals!.allowanceTotalAmount))).toMatchObject([
      { rule: 'BR-CO-11', path: '/Invoice/cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount', message: 'AllowanceTotalAmount is 0.00; expected 20.00 = the sum of the 1 document allowances' },
      { rule: 'BR-CO-13' },
    ]);
    expect(checkInvoice(changed(NORWEGIAN, (i) => set(i.totals?.taxExclusiveAmount, '671.40')))).toMatchObject([
      { rule: 'BR-CO-13', message: 'TaxExclusiveAmount is 671.40; expected 821.40 = LineExtensionAmount 671.40 − AllowanceTotalAmount 0.00 + ChargeTotalAmount 150.00' },
      { rule: 'BR-CO-15' },
    ]);
    expect(checkInvoice(changed(NORWEGIAN, (i) => set(i.totals?.taxInclusiveAmount, '1025.00')))).toMatchObject([
      { rule: 'BR-CO-15', message: 'TaxInclusiveAmount is 1025.00; expected 1024.29 = TaxExclusiveAmount 821.40 + VAT 202.89' },
      { rule: 'BR-CO-16' },
    ]);
    const prepaid = { ...NORWEGIAN, prepaid: '24.29', rounding: '0.00' };
    expect(checkInvoice(testInvoice(prepaid))).toEqual([]);
    expect(checkInvoice(changed(prepaid, (i) => set(i.totals?.payableAmount, '1024.29')))).toMatchObject([
      { rule: 'BR-CO-16', message: 'PayableAmount is 1024.29; expected 1000.00 = TaxInclusiveAmount 1024.29 − PrepaidAmount 24.29 + PayableRoundingAmount 0.00' },
    ]);
  });
});

describe('checkInvoice: VAT', () => {
  it('the taxable amount per category and rate is what carries it (BR-S-08, BR-Z-08, BR-E-08…), and each has a subtotal', () => {
    expect(checkInvoice(changed(NORWEGIAN, (i) => set(i.taxTotals[0].subtotals[0].taxableAmount, '796.70')))).toEqual([]);
    const wrong = checkInvoice(changed(NORWEGIAN, (i) => set(i.taxTotals[0].subtotals[0].taxableAmount, '646.70')));
    expect(wrong).toEqual([
      {
        path: '/Invoice/cac:TaxTotal/cac:TaxSubtotal[1]/cbc:TaxableAmount',
        line: expect.any(Number),
        rule: 'BR-S-08',
        message: 'The VAT subtotal S 25 %: the taxable amount is 646.70; expected 796.70 (the sum of what carries S 25 %: lines 646.70, charges 150.00)',
        severity: 'error',
      },
      // 646.70 × 25 % is not the 199.18 stated either.
      expect.objectContaining({ rule: 'BR-CO-17', message: 'The VAT subtotal S 25 %: the tax amount is 199.18; expected 161.68 = TaxableAmount 646.70 × 25 %, rounded to 2 decimals (± 0.01)' }),
    ]);
    const zero = checkInvoice(
      changed(
        {
          lines: [
            { quantity: '1', price: '100' },
            { quantity: '1', price: '40', category: 'Z' },
          ],
        },
        (i) => set(i.taxTotals[0].subtotals[1].taxableAmount, '0.00'),
      ),
    );
    expect(rules(zero)).toEqual(['BR-Z-08']);
    const missing = checkInvoice(changed(NORWEGIAN, (i) => i.taxTotals[0].subtotals.splice(1, 1)));
    expect(missing.find((x) => x.rule === 'BR-S-08')).toMatchObject({
      path: '/Invoice/cac:InvoiceLine[3]/cac:Item/cac:ClassifiedTaxCategory',
      message: 'Lines, allowances or charges carry VAT S 15 % (taxable 24.70: lines 24.70) but the invoice has no VAT subtotal for it',
    });
  });

  it('the tax of a subtotal is its taxable amount × its rate, rounded, within half a cent per line that carries it (BR-CO-17), and the total is their sum (BR-CO-14)', () => {
    // S 25 %: 796.70 × 0.25 = 199.175 → 199.18; one cent off may be per-line rounding of three lines (two lines and the freight), eight cents is not.
    expect(
      rules(
        checkInvoice(
          changed(
            NORWEGIAN,
            (i) =>
              void (
                set(i.taxTotals[0].subtotals[0].taxAmount, '199.17'),
                set(i.taxTotals[0].taxAmount, '202.88'),
                set(i.totals?.taxInclusiveAmount, '1024.28'),
                set(i.totals?.payableAmount, '1024.28')
              ),
          ),
        ),
      ),
    ).toEqual([]);
    const off = checkInvoice(
      changed(
        NORWEGIAN,
        (i) =>
          void (set(i.taxTotals[0].subtotals[0].taxAmount, '199.10'), set(i.taxTotals[0].taxAmount, '202.81'), set(i.totals?.taxInclusiveAmount, '1024.21'), set(i.totals?.payableAmount, '1024.21')),
      ),
    );
    expect(off).toEqual([
      {
        path: '/Invoice/cac:TaxTotal/cac:TaxSubtotal[1]/cbc:TaxAmount',
        line: expect.any(Number),
        rule: 'BR-CO-17',
        message: 'The VAT subtotal S 25 %: the tax amount is 199.10; expected 199.18 = TaxableAmount 796.70 × 25 %, rounded to 2 decimals (± 0.01)',
        severity: 'error',
      },
    ]);
    expect(checkInvoice(changed(NORWEGIAN, (i) => set(i.taxTotals[0].taxAmount, '202.90')))).toMatchObject([
      { rule: 'BR-CO-14', path: '/Invoice/cac:TaxTotal/cbc:TaxAmount', message: "The total VAT is 202.90; expected 202.89 = the sum of the 2 VAT subtotals' tax amounts" },
      { rule: 'BR-CO-15' },
    ]);
  });

  it('rates as the category requires: S above 0 (BR-S-05), Z/E/AE/K/G at 0 (BR-Z-05…), O without a rate (BR-O-05), a known category (BR-CL-18)', () => {
    expect(rules(checkInvoice(changed({ lines: [{ quantity: '1', price: '100', category: 'Z' }] }, (i) => (i.lines[0].item.taxCategory!.percent!.value = '25'))))).toEqual(['BR-Z-05']);
    const sZero = checkInvoice(changed({ lines: [{ quantity: '1', price: '100' }] }, (i) => (i.lines[0].item.taxCategory!.percent!.value = '0')));
    expect(sZero.find((p) => p.rule === 'BR-S-05')).toMatchObject({ message: 'Line 1 is standard rated (S), whose rate must be above 0; found 0 %' });
    const oRate = checkInvoice(
      changed({ lines: [{ quantity: '1', price: '100', category: 'O' }] }, (i) => {
        i.lines[0].item.taxCategory!.percent = { value: '0', path: 'p', line: 1 };
        delete i.seller!.vatNumber;
      }),
    );
    expect(rules(oRate)).toEqual(['BR-O-05']);
    const unknown = checkInvoice(changed({ lines: [{ quantity: '1', price: '100' }] }, (i) => (i.lines[0].item.taxCategory!.id!.value = 'X')));
    expect(unknown[0]).toMatchObject({ rule: 'BR-CL-18', message: 'Line 1: "X" is no VAT category of UNCL 5305 (S, Z, E, AE, K, G, O, L, M, B)' });
    // Names of Object's own members are no category either.
    const hostile = checkInvoice(changed({ lines: [{ quantity: '1', price: '100' }] }, (i) => (i.lines[0].item.taxCategory!.id!.value = 'constructor')));
    expect(hostile[0]).toMatchObject({ rule: 'BR-CL-18', message: 'Line 1: "constructor" is no VAT category of UNCL 5305 (S, Z, E, AE, K, G, O, L, M, B)' });
    expect(rules(checkInvoice(changed({ lines: [{ quantity: '1', price: '100' }] }, (i) => delete i.lines[0].item.taxCategory)))).toContain('BR-CO-04');
  });

  it('exempt categories say why (BR-E-10), zero rated and standard rated do not (BR-Z-10), and carry no tax (BR-E-09)', () => {
    const exempt = { lines: [{ quantity: '1', price: '100', category: 'E' }] };
    expect(checkInvoice(testInvoice(exempt))).toEqual([]);
    expect(rules(checkInvoice(changed(exempt, (i) => delete i.taxTotals[0].subtotals[0].category!.exemptionReason)))).toEqual(['BR-E-10']);
    expect(rules(checkInvoice(changed(exempt, (i) => void (set(i.taxTotals[0].subtotals[0].taxAmount, '25.00'), set(i.taxTotals[0].taxAmount, '25.00')))))).toEqual(['BR-CO-15', 'BR-E-09']);
    const zeroWithReason = changed(
      { lines: [{ quantity: '1', price: '100', category: 'Z' }] },
      (i) => (i.taxTotals[0].subtotals[0].category!.exemptionReason = { value: 'Export', path: 'r', line: 1 }),
    );
    expect(checkInvoice(zeroWithReason)).toMatchObject([{ rule: 'BR-Z-10', message: 'The VAT subtotal Z 0 % must carry no VAT exemption reason, found "Export"' }]);
  });

  it('who charges VAT is named: a seller VAT number, tax registration or representative for S, Z, E… (BR-S-02, BR-Z-03…), and none for O (BR-O-02)', () => {
    const anonymous = checkInvoice(changed(NORWEGIAN, (i) => delete i.seller!.vatNumber));
    expect(anonymous).toEqual([
      {
        path: '/Invoice/cac:AccountingSupplierParty/cac:Party',
        line: expect.any(Number),
        rule: 'BR-S-02',
        message: 'The invoice has a line with VAT category S but names no seller VAT number, tax registration or tax representative',
        severity: 'error',
      },
      expect.objectContaining({ rule: 'BR-S-04', message: 'The invoice has a document charge with VAT category S but names no seller VAT number, tax registration or tax representative' }),
    ]);
    const registered = changed(NORWEGIAN, (i) => {
      delete i.seller!.vatNumber;
      i.seller!.taxRegistrationId = { value: 'Foretaksregisteret', path: 'r', line: 1 };
    });
    expect(checkInvoice(registered)).toEqual([]);
    const outside = checkInvoice(testInvoice({ lines: [{ quantity: '1', price: '100', category: 'O' }] }));
    expect(outside).toMatchObject([
      {
        rule: 'BR-O-02',
        path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
        message: 'The invoice has a line not subject to VAT (O), so it must name no VAT number; found "NO974760673MVA"',
      },
    ]);
  });

  it('each subtotal names its category (BR-47) and, unless O, its rate (BR-48)', () => {
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => delete i.taxTotals[0].subtotals[1].category!.percent)))).toContain('BR-48');
    expect(rules(checkInvoice(changed(NORWEGIAN, (i) => delete i.taxTotals[0].subtotals[1].category!.id)))).toContain('BR-47');
  });

  it('a Norwegian seller charges S at 25, 15, 12 or 11.11 % (TORG-NO-VAT-RATE, stricter than the official rules), and has no use for K, L, M or B (a warning)', () => {
    const twenty = checkInvoice(testInvoice({ lines: [{ quantity: '1', price: '100', percent: '20' }] }));
    expect(twenty).toEqual([
      {
        path: '/Invoice/cac:InvoiceLine[1]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent',
        line: expect.any(Number),
        rule: 'TORG-NO-VAT-RATE',
        message: 'Line 1: 20 % is no Norwegian VAT rate; a Norwegian seller charges S at 25, 15, 12, 11.11 %',
        severity: 'error',
      },
      expect.objectContaining({ rule: 'TORG-NO-VAT-RATE', path: '/Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent' }),
    ]);
    for (const rate of ['25', '25.00', '15', '12', '11.11']) expect(checkInvoice(testInvoice({ lines: [{ quantity: '1', price: '100', percent: rate }] }))).toEqual([]);
    const intraCommunity = checkInvoice(testInvoice({ lines: [{ quantity: '1', price: '100', category: 'K' }] }));
    expect(intraCommunity.map((p) => [p.rule, p.severity])).toEqual([
      ['TORG-NO-VAT-CATEGORY', 'warning'],
      ['TORG-NO-VAT-CATEGORY', 'warning'],
    ]);
    expect(refuses(intraCommunity)).toBe(false);
  });
});

/** Invoices built consistently: 1–6 lines of any category Norway uses, base quantities, line and document allowances and charges, prepaid and rounding. */
const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => new Decimal(n).div(100).toFixed(2));
const lineArb = fc.record({
  quantity: fc.integer({ min: -50_000, max: 500_000 }).map((n) => new Decimal(n).div(1000).toFixed()),
  price: fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(10_000).toFixed()),
  baseQuantity: fc.option(fc.constantFrom('1', '10', '12', '100'), { nil: undefined }),
  charges: fc.array(cents(1, 10_000), { maxLength: 2 }),
  allowances: fc.array(cents(1, 10_000), { maxLength: 2 }),
  vat: fc.constantFrom(['S', '25'], ['S', '15'], ['S', '12'], ['Z', '0'], ['E', '0']),
});
const invoiceArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  allowanceCharges: fc.array(fc.record({ charge: fc.boolean(), amount: cents(1, 50_000), vat: fc.constantFrom(['S', '25'], ['S', '15'], ['Z', '0']) }), { maxLength: 3 }),
  prepaid: fc.option(cents(0, 100_000), { nil: undefined }),
  rounding: fc.option(cents(-49, 49), { nil: undefined }),
  kind: fc.constantFrom('Invoice' as const, 'CreditNote' as const),
});
const specOf = (v: typeof invoiceArb extends fc.Arbitrary<infer T> ? T : never): TestInvoice => ({
  kind: v.kind,
  lines: v.lines.map(({ vat: [category, percent], ...l }) => ({ ...l, category, percent })),
  allowanceCharges: v.allowanceCharges.map(({ vat: [category, percent], ...a }) => ({ ...a, category, percent })),
  prepaid: v.prepaid,
  rounding: v.rounding,
});

/** Each amount a property may change, with the rule that must then refuse the invoice. */
const MUTATIONS: [string, (i: UblInvoice) => UblAmount | undefined, string][] = [
  ['a line amount', (i) => i.lines[0].lineExtensionAmount, 'PEPPOL-EN16931-R120'],
  ['the sum of lines', (i) => i.totals?.lineExtensionAmount, 'BR-CO-10'],
  ['the allowance total', (i) => i.totals?.allowanceTotalAmount, 'BR-CO-11'],
  ['the charge total', (i) => i.totals?.chargeTotalAmount, 'BR-CO-12'],
  ['the tax exclusive amount', (i) => i.totals?.taxExclusiveAmount, 'BR-CO-13'],
  ['a taxable amount', (i) => i.taxTotals[0].subtotals[0].taxableAmount, 'BR-*-08'],
  ['a subtotal tax amount', (i) => i.taxTotals[0].subtotals[0].taxAmount, 'BR-CO-14'],
  ['the total VAT', (i) => i.taxTotals[0].taxAmount, 'BR-CO-14'],
  ['the tax inclusive amount', (i) => i.totals?.taxInclusiveAmount, 'BR-CO-15'],
  ['the prepaid amount', (i) => i.totals?.prepaidAmount, 'BR-CO-16'],
  ['the rounding amount', (i) => i.totals?.payableRoundingAmount, 'BR-CO-16'],
  ['the payable amount', (i) => i.totals?.payableAmount, 'BR-CO-16'],
];

describe('checkInvoice: properties of the arithmetic', () => {
  it('any invoice built consistently passes, whatever its lines, rates, allowances, charges, prepaid and rounding', () => {
    fc.assert(
      fc.property(invoiceArb, (v) => {
        const problems = checkInvoice(testInvoice(specOf(v)));
        // A credit with no billing reference warns; nothing refuses.
        expect(errors(problems)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('changing any one amount by a cent (up or down) is refused, with the rule about that amount', () => {
    fc.assert(
      fc.property(invoiceArb, fc.constantFrom(...MUTATIONS), fc.constantFrom('0.01', '-0.01'), (v, [what, pick, rule], delta) => {
        const invoice = testInvoice(specOf(v));
        const amount = pick(invoice);
        fc.pre(amount !== undefined);
        if (!amount) return;
        amount.value = new Decimal(amount.value).plus(delta).toFixed(2);
        const found = errors(checkInvoice(invoice)).map((p) => p.rule ?? '');
        const expected = rule === 'BR-*-08' ? found.some((r) => /^BR-[A-Z]+-08$/.test(r)) : found.includes(rule);
        if (!expected) throw new Error(`changing ${what} by ${delta} gave ${JSON.stringify(found)}, not ${rule}`);
      }),
      { numRuns: 600 },
    );
  });
});
