import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { needShared, sharedData } from '../../test/support/shared-data';
import { UblInvoice } from './ubl-invoice';
import { readUblInvoice } from './ubl-invoice-reader';

/** The invoices and credit notes OpenPEPPOL and DFØ publish, read in place from ../shared/data. */
const SHARED = sharedData('peppol');
const EXAMPLES = SHARED.dir;
const describeShared = needShared('the published PEPPOL invoice tests', SHARED) ? describe : describe.skip;
const read = (folder: string, name: string) => readUblInvoice(readFileSync(join(EXAMPLES, folder, name)));
const xmlFiles = (folder: string) => readdirSync(join(EXAMPLES, folder)).filter((f) => f.endsWith('.xml'));

/** The totals as written, in one object. */
const totals = (i: UblInvoice) => Object.fromEntries(Object.entries(i.totals ?? {}).flatMap(([k, v]) => (typeof v === 'object' && 'value' in v ? [[k, `${v.value} ${v.currency?.value}`]] : [])));
/** Each VAT subtotal as [category, percent, taxable, tax]. */
const vat = (i: UblInvoice, total = 0) => i.taxTotals[total].subtotals.map((s) => [s.category?.id?.value, s.category?.percent?.value, s.taxableAmount?.value, s.taxAmount?.value]);
/** Each line as [id, quantity unit, line amount, price, base quantity, tax category/percent, order line]. */
const lines = (i: UblInvoice) =>
  i.lines.map((l) => [
    l.id?.value,
    `${l.quantity?.value} ${l.quantity?.unitCode}`,
    l.lineExtensionAmount?.value,
    l.priceAmount?.value,
    l.baseQuantity?.value,
    `${l.item.taxCategory?.id?.value}/${l.item.taxCategory?.percent?.value}`,
    l.orderLineId?.value,
  ]);
/** Allowances and charges as [charge?, reason code, reason, amount, base, multiplier]. */
const charges = (list: UblInvoice['allowanceCharges']) =>
  list.map((a) => [a.chargeIndicator?.value, a.reasonCode?.value, a.reason?.value, a.amount?.value, a.baseAmount?.value, a.multiplierFactor?.value]);

describeShared('published invoices and credit notes read into typed documents', () => {
  it('the folders hold exactly the known examples, and every one is read', async () => {
    expect(xmlFiles('invoice').sort()).toEqual(['Allowance-example.xml', 'Norwegian-example-1.xml', 'base-example.xml', 'ehf-3-faktura-1.xml']);
    expect(xmlFiles('credit-note')).toEqual(['base-creditnote-correction.xml']);
    for (const f of xmlFiles('invoice')) expect((await read('invoice', f)).kind).toBe('Invoice');
    expect((await read('credit-note', 'base-creditnote-correction.xml')).kind).toBe('CreditNote');
  });

  it('base-example: header, parties, a document charge, one VAT subtotal, totals and two lines (one negative)', async () => {
    const i = await read('invoice', 'base-example.xml');
    expect(i).toMatchObject({
      kind: 'Invoice',
      specification: 'peppol',
      customizationId: { value: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0' },
      profileId: { value: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0' },
      id: { value: 'Snippet1', path: '/Invoice/cbc:ID', line: 7 },
      issueDate: { value: '2017-11-13' },
      dueDate: { value: '2017-12-01' },
      typeCode: { value: '380', path: '/Invoice/cbc:InvoiceTypeCode' },
      currency: { value: 'EUR', path: '/Invoice/cbc:DocumentCurrencyCode', line: 11 },
      accountingCost: { value: '4025:123:4343' },
      buyerReference: { value: '0150abc', path: '/Invoice/cbc:BuyerReference', line: 13 },
      notes: [],
      billingReferences: [],
      seller: {
        endpointId: { value: '9482348239847239874', schemeId: '0088' },
        vatNumber: { value: 'GB1232434', path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID' },
        registrationName: { value: 'SupplierOfficialName Ltd' },
        legalCompanyId: { value: 'GB983294' },
        postalAddress: { countryCode: { value: 'GB' } },
      },
      buyer: { endpointId: { value: 'FR23342', schemeId: '0002' }, vatNumber: { value: 'SE4598375937' }, legalCompanyId: { value: '39937423947', schemeId: '0183' } },
      delivery: { actualDeliveryDate: { value: '2017-11-01' }, locationId: { value: '9483759475923478', schemeId: '0088' } },
      paymentMeans: [{ code: { value: '30' }, paymentId: { value: 'Snippet1' }, account: { value: 'IBAN32423940' } }],
      paymentTerms: { value: 'Payment within 10 days, 2% discount' },
    });
    expect(i.orderReference).toBeUndefined();
    expect(charges(i.allowanceCharges)).toEqual([['true', undefined, 'Insurance', '25', undefined, undefined]]);
    expect(i.allowanceCharges[0]).toMatchObject({
      amount: { currency: { value: 'EUR', path: '/Invoice/cac:AllowanceCharge/cbc:Amount/@currencyID' } },
      taxCategory: { id: { value: 'S' }, percent: { value: '25.0' }, taxScheme: { value: 'VAT' } },
    });
    expect(i.taxTotals).toHaveLength(1);
    expect(i.taxTotals[0].taxAmount).toMatchObject({ value: '331.25', currency: { value: 'EUR' } });
    expect(vat(i)).toEqual([['S', '25.0', '1325', '331.25']]);
    expect(totals(i)).toEqual({
      lineExtensionAmount: '1300 EUR',
      taxExclusiveAmount: '1325 EUR',
      taxInclusiveAmount: '1656.25 EUR',
      chargeTotalAmount: '25 EUR',
      payableAmount: '1656.25 EUR',
    });
    expect(lines(i)).toEqual([
      ['1', '7 DAY', '2800', '400', undefined, 'S/25.0', '123'],
      ['2', '-3 DAY', '-1500', '500', undefined, 'S/25.0', '123'],
    ]);
    expect(i.lines[0]).toMatchObject({
      ordinal: 1,
      path: '/Invoice/cac:InvoiceLine[1]',
      quantity: { path: '/Invoice/cac:InvoiceLine[1]/cbc:InvoicedQuantity' },
      accountingCost: { value: 'Konteringsstreng' },
      allowanceCharges: [],
      item: {
        name: { value: 'item name' },
        description: { value: 'Description of item' },
        standardItemId: { value: '21382183120983', schemeId: '0088' },
        classifications: [{ value: '09348023', listId: 'SRV' }],
      },
    });
    expect(i.lines[1].path).toBe('/Invoice/cac:InvoiceLine[2]');
  });

  it('Norwegian-example-1: NOK, 0192 parties with NO…MVA, order and contract references, S 25/15 and E, prepaid and rounding, line allowances and charges', async () => {
    const i = await read('invoice', 'Norwegian-example-1.xml');
    expect(i).toMatchObject({
      id: { value: 'TOSL108' },
      issueDate: { value: '2013-06-30' },
      taxPointDate: { value: '2013-06-30' },
      currency: { value: 'NOK' },
      buyerReference: { value: '3150bdn' },
      orderReference: { value: '123', path: '/Invoice/cac:OrderReference/cbc:ID', line: 35 },
      contractReference: { value: 'Contract321', path: '/Invoice/cac:ContractDocumentReference/cbc:ID' },
      invoicePeriod: { startDate: { value: '2013-06-01' }, endDate: { value: '2013-06-30' } },
      notes: [{ value: 'Ordered in our booth at the convention.' }],
      seller: {
        endpointId: { value: '123456785', schemeId: '0192' },
        // The first of two PartyTaxSchemes; the second (TAX: Foretaksregisteret) is no VAT number.
        vatNumber: { value: 'NO123456785MVA', path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[1]/cbc:CompanyID' },
        taxRegistrationId: { value: 'Foretaksregisteret', path: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[2]/cbc:CompanyID' },
        legalCompanyId: { value: '123456785', schemeId: '0192' },
        postalAddress: { countryCode: { value: 'NO' } },
      },
      buyer: { endpointId: { value: '987654325', schemeId: '0192' }, vatNumber: { value: 'NO987654325MVA' }, legalCompanyId: { value: '987654325', schemeId: '0192' } },
      payee: { name: { value: 'Ebeneser Scrooge AS' }, companyId: { value: '999999999', schemeId: '0192' } },
      taxRepresentativeVatNumber: { value: 'NO999999999MVA', path: '/Invoice/cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:CompanyID' },
      paymentMeans: [{ code: { value: '31' }, paymentId: { value: '0003434323213231' }, account: { value: 'NO9386011117947' } }],
    });
    expect(charges(i.allowanceCharges)).toEqual([
      ['true', 'FC', 'Freight', '100', undefined, undefined],
      ['false', '95', 'Promotion discount', '100', undefined, undefined],
    ]);
    expect(i.allowanceCharges.map((a) => a.path)).toEqual(['/Invoice/cac:AllowanceCharge[1]', '/Invoice/cac:AllowanceCharge[2]']);
    expect(i.taxTotals[0].taxAmount?.value).toBe('365.28');
    expect(vat(i)).toEqual([
      ['S', '25', '1460.5', '365.13'],
      ['S', '15', '1', '0.15'],
      ['E', '0', '-25', '0'],
    ]);
    expect(i.taxTotals[0].subtotals[2].category?.exemptionReason?.value).toBe('Exempt New Means of Transport');
    expect(totals(i)).toEqual({
      lineExtensionAmount: '1436.5 NOK',
      taxExclusiveAmount: '1436.5 NOK',
      taxInclusiveAmount: '1801.78 NOK',
      allowanceTotalAmount: '100 NOK',
      chargeTotalAmount: '100 NOK',
      prepaidAmount: '1000 NOK',
      payableRoundingAmount: '0.22 NOK',
      payableAmount: '802.00 NOK',
    });
    expect(lines(i)).toEqual([
      ['1', '1 NAR', '1273', '1273', '1', 'S/25', '1'],
      ['2', '-1 NAR', '-3.96', '3.96', '1', 'S/15', '5'],
      ['3', '2 NAR', '4.96', '2.48', '1', 'S/15', '3'],
      ['4', '-1 NAR', '-25', '25', '1', 'E/0', '2'],
      ['5', '250 MTR', '187.5', '0.75', '1', 'S/25', '4'],
    ]);
    const [first] = i.lines;
    expect(charges(first.allowanceCharges)).toEqual([
      ['false', undefined, 'Damage', '12', undefined, undefined],
      ['true', undefined, 'Testing', '12', undefined, undefined],
    ]);
    // Line allowances carry no tax category: they take the line's.
    expect(first.allowanceCharges[0].taxCategory).toBeUndefined();
    expect(first.priceAllowance).toMatchObject({ amount: { value: '227' }, baseAmount: { value: '1500' } });
    expect(first).toMatchObject({
      note: { value: 'Scratch on box' },
      invoicePeriod: { startDate: { value: '2013-06-01' } },
      item: {
        name: { value: 'Laptop computer' },
        sellerItemId: { value: 'JB007' },
        standardItemId: { value: '1234567890124', schemeId: '0088' },
        classifications: [
          { value: '12344321', listId: 'MP' },
          { value: '65434568', listId: 'STI' },
        ],
      },
    });
  });

  it('ehf-3-faktura-1: the same invoice as DFØ publishes it (its account number without the country prefix)', async () => {
    const ehf = await read('invoice', 'ehf-3-faktura-1.xml');
    const norwegian = await read('invoice', 'Norwegian-example-1.xml');
    expect(ehf.paymentMeans[0].account?.value).toBe('86011117947');
    expect(lines(ehf)).toEqual(lines(norwegian));
    expect(vat(ehf)).toEqual(vat(norwegian));
    expect(totals(ehf)).toEqual(totals(norwegian));
    expect(ehf).toMatchObject({ id: { value: 'TOSL108' }, seller: { vatNumber: { value: 'NO123456785MVA' } }, buyer: { endpointId: { value: '987654325', schemeId: '0192' } } });
  });

  it('Allowance-example: a tax currency (SEK) with its own TaxTotal, document and line allowances and charges with base amounts, a base quantity of 2', async () => {
    const i = await read('invoice', 'Allowance-example.xml');
    expect(i).toMatchObject({ id: { value: 'Snippet1' }, currency: { value: 'EUR' }, taxCurrency: { value: 'SEK' }, contractReference: { value: 'framework no 1' } });
    expect(i.seller?.endpointId).toMatchObject({ value: '7300010000001', schemeId: '0088' });
    expect(charges(i.allowanceCharges)).toEqual([
      ['true', 'CG', 'Cleaning', '200', '1000', '20'],
      ['false', '95', 'Discount', '200', undefined, undefined],
    ]);
    expect(i.taxTotals.map((t) => `${t.taxAmount?.value} ${t.taxAmount?.currency?.value}`)).toEqual(['1225.00 EUR', '9324.00 SEK']);
    expect(i.taxTotals[1]).toMatchObject({ path: '/Invoice/cac:TaxTotal[2]', subtotals: [] });
    expect(vat(i)).toEqual([
      ['S', '25', '4900.0', '1225'],
      ['E', '0', '1000.0', '0'],
    ]);
    expect(totals(i)).toEqual({
      lineExtensionAmount: '5900 EUR',
      taxExclusiveAmount: '5900 EUR',
      taxInclusiveAmount: '7125 EUR',
      allowanceTotalAmount: '200 EUR',
      chargeTotalAmount: '200 EUR',
      prepaidAmount: '1000 EUR',
      payableAmount: '6125.00 EUR',
    });
    expect(lines(i)).toEqual([
      ['1', '10 C62', '4000.00', '410', '1', 'S/25.0', undefined],
      ['2', '10 C62', '1000.00', '200', '2', 'E/0.0', '124'],
      ['3', '10 C62', '900.00', '100', undefined, 'S/25.0', '124'],
    ]);
    expect(i.lines[1].baseQuantity).toMatchObject({ value: '2', unitCode: 'C62', path: '/Invoice/cac:InvoiceLine[2]/cac:Price/cbc:BaseQuantity' });
    expect(charges(i.lines[0].allowanceCharges)).toEqual([
      ['true', 'CG', 'Cleaning', '1', '100', '1'],
      ['false', '95', 'Discount', '101', undefined, undefined],
    ]);
    expect(i.lines[0].priceAllowance).toMatchObject({ amount: { value: '40' }, baseAmount: { value: '450' } });
  });

  it('base-creditnote-correction: a CreditNote (381) crediting base-example by BillingReference, its lines CreditNoteLines with CreditedQuantity', async () => {
    const c = await read('credit-note', 'base-creditnote-correction.xml');
    const invoice = await read('invoice', 'base-example.xml');
    expect(c).toMatchObject({
      kind: 'CreditNote',
      specification: 'peppol',
      id: { value: 'Snippet1', path: '/CreditNote/cbc:ID' },
      typeCode: { value: '381', path: '/CreditNote/cbc:CreditNoteTypeCode', line: 9 },
      currency: { value: 'EUR' },
      buyerReference: { value: '0150abc' },
      billingReferences: [{ path: '/CreditNote/cac:BillingReference/cac:InvoiceDocumentReference', id: { value: 'Snippet1', line: 16 } }],
      seller: { endpointId: { value: '9482348239847239874', schemeId: '0088' }, vatNumber: { value: 'GB1232434' } },
      buyer: { endpointId: { value: 'FR23342', schemeId: '0002' }, vatNumber: { value: 'SE4598375937' } },
    });
    // It credits the invoice it names: that invoice's id, and the same amounts.
    expect(c.billingReferences[0].id?.value).toBe(invoice.id?.value);
    expect(vat(c)).toEqual([['S', '25.0', '1325', '331.25']]);
    expect(totals(c)).toEqual(totals(invoice));
    expect(lines(c)).toEqual(lines(invoice));
    expect(c.lines.map((l) => [l.path, l.quantity?.path])).toEqual([
      ['/CreditNote/cac:CreditNoteLine[1]', '/CreditNote/cac:CreditNoteLine[1]/cbc:CreditedQuantity'],
      ['/CreditNote/cac:CreditNoteLine[2]', '/CreditNote/cac:CreditNoteLine[2]/cbc:CreditedQuantity'],
    ]);
  });
});
