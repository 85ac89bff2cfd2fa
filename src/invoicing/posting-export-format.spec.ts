import { ordered, postingCsv, postingJson, PostingRow, vatRateColumns } from './posting-export-format';

const batch = { id: '3', organisationId: 2, createdAt: '2026-12-01T08:00:00.000Z' };

const invoice: PostingRow = {
  invoiceId: '10',
  kind: 'INVOICE',
  invoiceNumber: 'F-2026-1',
  supplierName: 'Kontor & Co AS',
  supplierOrgNumber: '987654325',
  buyerOrgNumber: '964338531',
  buyerName: 'Storby kommune',
  invoiceDate: '2026-11-28',
  dueDate: '2026-12-28',
  currency: 'NOK',
  accountingString: '6540.100.2026',
  costCentreCode: 'SK-100',
  costCentreName: 'Skole "Nord"',
  orderNumber: 'PO-2026-000001',
  agreementReference: 'RA-2025-11',
  amountExclVat: '1100.0000',
  vat: [
    { category: 'S', rate: '25.00', taxableAmount: '1000', vatAmount: '250' },
    { category: 'S', rate: '15', taxableAmount: '100', vatAmount: '15' },
  ],
  vatTotal: '265',
  totalInclVat: '1365.00',
  payableAmount: '1365.00',
};

const credit: PostingRow = {
  ...invoice,
  invoiceId: '9',
  kind: 'CREDIT_NOTE',
  invoiceNumber: 'K-1',
  costCentreCode: null,
  costCentreName: null,
  orderNumber: null,
  agreementReference: null,
  accountingString: null,
  dueDate: null,
  amountExclVat: '100',
  vat: [{ category: 'S', rate: '25', taxableAmount: '100', vatAmount: '25' }],
  vatTotal: '25',
  totalInclVat: '125',
  payableAmount: '125',
};

describe('posting export CSV', () => {
  it('writes a header and one row per invoice with ; between cells, . as decimal point, amounts bare with two decimals, text quoted', () => {
    const lines = postingCsv(batch, [invoice]).split('\r\n');
    expect(lines[0]).toBe(
      'batch_id;invoice_id;kind;invoice_number;supplier_name;supplier_org_number;buyer_org_number;buyer_name;invoice_date;due_date;currency;accounting_string;cost_centre_code;cost_centre_name;order_number;agreement_reference;amount_excl_vat;vat_25_basis;vat_25_amount;vat_15_basis;vat_15_amount;vat_12_basis;vat_12_amount;vat_0_basis;vat_0_amount;vat_total;total_incl_vat;payable_amount',
    );
    expect(lines[1]).toBe(
      '"3";"10";"INVOICE";"F-2026-1";"Kontor & Co AS";"987654325";"964338531";"Storby kommune";"2026-11-28";"2026-12-28";"NOK";"6540.100.2026";"SK-100";"Skole ""Nord""";"PO-2026-000001";"RA-2025-11";1100.00;1000.00;250.00;100.00;15.00;0.00;0.00;0.00;0.00;265.00;1365.00;1365.00',
    );
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });

  it('signs a credit note’s amounts negative and leaves its missing values empty', () => {
    const [, row] = postingCsv(batch, [credit]).split('\r\n');
    expect(row).toBe(
      '"3";"9";"CREDIT_NOTE";"K-1";"Kontor & Co AS";"987654325";"964338531";"Storby kommune";"2026-11-28";;"NOK";;;;;;-100.00;-100.00;-25.00;0.00;0.00;0.00;0.00;0.00;0.00;-25.00;-125.00;-125.00',
    );
  });

  it('gives the same bytes whatever order the rows come in (invoice id order, numerically)', () => {
    const big = { ...invoice, invoiceId: '100' };
    const a = postingCsv(batch, [big, invoice, credit]);
    expect(postingCsv(batch, [credit, big, invoice])).toBe(a);
    expect(a.split('\r\n').map((l) => l.split(';')[1])).toEqual(['invoice_id', '"9"', '"10"', '"100"', undefined]);
    expect(ordered([big, credit, invoice]).map((r) => r.invoiceId)).toEqual(['9', '10', '100']);
  });

  it('sums two categories of one rate into its columns, and adds a column pair for a rate outside the Norwegian four', () => {
    const mixed = {
      ...invoice,
      vat: [
        { category: 'Z', rate: '0', taxableAmount: '40', vatAmount: '0' },
        { category: 'E', rate: '0.00', taxableAmount: '60', vatAmount: '0' },
        { category: 'S', rate: '11.11', taxableAmount: '90', vatAmount: '10' },
      ],
    };
    expect(vatRateColumns([mixed, invoice])).toEqual(['25', '15', '12', '0', '11.11']);
    const [header, row] = postingCsv(batch, [mixed]).split('\r\n');
    const at = (name: string) => row.split(';')[header.split(';').indexOf(name)];
    expect([at('vat_0_basis'), at('vat_0_amount'), at('vat_11.11_basis'), at('vat_11.11_amount'), at('vat_25_basis')]).toEqual(['100.00', '0.00', '90.00', '10.00', '0.00']);
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    const [, row] = postingCsv(batch, [{ ...invoice, supplierName: '=HYPERLINK("http://x")' }]).split('\r\n');
    expect(row.split(';')[4]).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('writes only the header for no rows', () => {
    expect(postingCsv(batch, [])).toBe(postingCsv(batch, [invoice]).split('\r\n')[0] + '\r\n');
  });
});

describe('posting export JSON', () => {
  it('holds the batch with control totals per currency and each invoice with signed decimal-text amounts', () => {
    const eur = {
      ...invoice,
      invoiceId: '11',
      currency: 'EUR',
      amountExclVat: '10',
      vat: [{ category: 'S', rate: '25', taxableAmount: '10', vatAmount: '2.5' }],
      vatTotal: '2.5',
      totalInclVat: '12.5',
      payableAmount: '12.5',
    };
    const doc = JSON.parse(postingJson(batch, [invoice, eur, credit]));
    expect(doc.batch).toEqual({
      id: '3',
      organisationId: 2,
      createdAt: '2026-12-01T08:00:00.000Z',
      invoiceCount: 3,
      totals: [
        { currency: 'EUR', amountExclVat: '10.00', vatTotal: '2.50', payableAmount: '12.50' },
        { currency: 'NOK', amountExclVat: '1000.00', vatTotal: '240.00', payableAmount: '1240.00' },
      ],
    });
    expect(doc.invoices.map((i: { invoiceId: string }) => i.invoiceId)).toEqual(['9', '10', '11']);
    expect(doc.invoices[0]).toMatchObject({
      kind: 'CREDIT_NOTE',
      costCentre: null,
      amountExclVat: '-100.00',
      vat: [{ category: 'S', rate: '25', taxableAmount: '-100.00', vatAmount: '-25.00' }],
      payableAmount: '-125.00',
    });
    expect(doc.invoices[1]).toEqual({
      invoiceId: '10',
      kind: 'INVOICE',
      invoiceNumber: 'F-2026-1',
      supplier: { name: 'Kontor & Co AS', orgNumber: '987654325' },
      buyer: { name: 'Storby kommune', orgNumber: '964338531' },
      invoiceDate: '2026-11-28',
      dueDate: '2026-12-28',
      currency: 'NOK',
      accountingString: '6540.100.2026',
      costCentre: { code: 'SK-100', name: 'Skole "Nord"' },
      orderNumber: 'PO-2026-000001',
      agreementReference: 'RA-2025-11',
      amountExclVat: '1100.00',
      vat: [
        { category: 'S', rate: '25', taxableAmount: '1000.00', vatAmount: '250.00' },
        { category: 'S', rate: '15', taxableAmount: '100.00', vatAmount: '15.00' },
      ],
      vatTotal: '265.00',
      totalInclVat: '1365.00',
      payableAmount: '1365.00',
    });
  });

  it('gives the same bytes for the same batch whatever the row order', () => {
    expect(postingJson(batch, [credit, invoice])).toBe(postingJson(batch, [invoice, credit]));
  });
});
