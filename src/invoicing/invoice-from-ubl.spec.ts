import type { UblText } from '../peppol';
import type { UblInvoice, UblInvoiceLine } from '../peppol/ubl-invoice';
import { invoiceDraft } from './invoice-from-ubl';

const t = (value: string, path = '/Invoice/x'): UblText => ({ value, path, line: 1 });
const amount = (value: string) => ({ ...t(value), currency: t('NOK') });

function line(n: number, quantity: string, price: string, lineAmount: string, more: Partial<UblInvoiceLine> = {}): UblInvoiceLine {
  return {
    ordinal: n,
    path: `/Invoice/cac:InvoiceLine[${n}]`,
    line: 10 * n,
    id: t(String(n)),
    quantity: { ...t(quantity), unitCode: 'EA' },
    lineExtensionAmount: amount(lineAmount),
    orderLineId: t(String(n)),
    allowanceCharges: [],
    priceAmount: amount(price),
    item: {
      path: 'i',
      line: 1,
      name: t(`Item ${n}`),
      sellerItemId: t(`S-${n}`),
      standardItemId: { ...t('7311234567890'), schemeId: '0160' },
      classifications: [{ ...t('44121701'), listId: 'TST' }],
      taxCategory: { path: 'c', line: 1, id: t('S'), percent: t('25') },
    },
    ...more,
  };
}

function invoice(more: Partial<UblInvoice> = {}): UblInvoice {
  return {
    kind: 'Invoice',
    specification: 'peppol',
    id: t('INV-1'),
    issueDate: t('2026-11-30'),
    dueDate: t('2026-12-30'),
    currency: t('NOK'),
    notes: [],
    buyerReference: t('Ref 7'),
    orderReference: t('PO-2026-000001'),
    billingReferences: [],
    paymentMeans: [{ path: 'p', line: 1, code: t('30'), paymentId: t('1234'), account: t('12345678903') }],
    allowanceCharges: [],
    seller: { path: 's', line: 1, identifiers: [], endpointId: { ...t('987654321'), schemeId: '0192' }, vatNumber: t('NO987654321MVA') },
    buyer: { path: 'b', line: 1, identifiers: [], endpointId: { ...t('123456785'), schemeId: '0192' } },
    taxTotals: [
      {
        path: 'tt',
        line: 1,
        taxAmount: amount('50'),
        subtotals: [{ path: 'ts', line: 1, taxableAmount: amount('200'), taxAmount: amount('50'), category: { path: 'c', line: 1, id: t('S'), percent: t('25') } }],
      },
    ],
    totals: { path: 'm', line: 1, lineExtensionAmount: amount('200'), taxExclusiveAmount: amount('200'), taxInclusiveAmount: amount('250'), payableAmount: amount('250') },
    lines: [line(1, '2', '50', '100'), line(2, '4', '25', '100')],
    ...more,
  };
}

describe('an invoice as Torg stores it', () => {
  it('takes the header, totals, VAT per rate and each line with its references and item identities', () => {
    const result = invoiceDraft(invoice());
    expect('draft' in result).toBe(true);
    if (!('draft' in result)) return;
    const d = result.draft;
    expect(d).toMatchObject({ kind: 'INVOICE', invoiceNumber: 'INV-1', typeCode: '380', issueDate: '2026-11-30', dueDate: '2026-12-30', currency: 'NOK', buyerReference: 'Ref 7', paymentId: '1234' });
    expect(d.orderReference?.value).toBe('PO-2026-000001');
    expect(d.totals).toMatchObject({ lineExtensionAmount: '200', taxExclusiveAmount: '200', taxAmount: '50', taxInclusiveAmount: '250', payableAmount: '250', prepaidAmount: '0' });
    expect(d.subtotals).toEqual([{ category: 'S', rate: '25', taxableAmount: '200', taxAmount: '50', exemptionReason: null }]);
    expect(d.lines[1]).toEqual({
      lineId: '2',
      quantity: '4',
      unitCode: 'EA',
      netUnitPrice: '25',
      baseQuantity: '1',
      lineAmount: '100',
      vatCategory: 'S',
      vatRate: '25',
      itemName: 'Item 2',
      sellerItemId: 'S-2',
      gtin: '7311234567890',
      unspscCode: '44121701',
      accountingCost: null,
      orderLineRef: '2',
    });
  });

  it('reads a negative invoice that names the invoice it corrects as a credit note, with positive amounts', () => {
    const result = invoiceDraft(
      invoice({
        billingReferences: [{ path: 'br', line: 1, id: t('INV-0') }],
        totals: { path: 'm', line: 1, lineExtensionAmount: amount('-100'), taxExclusiveAmount: amount('-100'), taxInclusiveAmount: amount('-125'), payableAmount: amount('-125') },
        lines: [line(1, '-2', '50', '-100')],
      }),
    );
    if (!('draft' in result)) throw new Error(JSON.stringify(result));
    expect(result.draft).toMatchObject({ kind: 'CREDIT_NOTE', totals: { taxExclusiveAmount: '100', payableAmount: '125' } });
    expect(result.draft.billingReference?.value).toBe('INV-0');
    expect(result.draft.lines[0]).toMatchObject({ quantity: '2', lineAmount: '100', netUnitPrice: '50' });
  });

  it('refuses a negative invoice that names no invoice it corrects, saying where', () => {
    const result = invoiceDraft(
      invoice({
        totals: { path: 'm', line: 1, lineExtensionAmount: amount('-100'), taxExclusiveAmount: amount('-100'), taxInclusiveAmount: amount('-125'), payableAmount: amount('-125') },
        lines: [line(1, '-2', '50', '-100')],
      }),
    );
    expect(result).toEqual({
      problems: [
        {
          path: '/Invoice/cac:BillingReference',
          rule: 'TORG-BILLING-REFERENCE',
          message: expect.stringMatching(/^The Invoice credits 100 NOK excluding VAT \(negative amounts\) but names no invoice it corrects/),
        },
      ],
    });
  });

  it('keeps an invoice with a negative line but a positive total an invoice, needing no reference', () => {
    const result = invoiceDraft(invoice({ lines: [line(1, '-2', '50', '-100')] }));
    if (!('draft' in result)) throw new Error(JSON.stringify(result));
    expect(result.draft.kind).toBe('INVOICE');
  });

  it('says every missing value it needs, with where', () => {
    const result = invoiceDraft(invoice({ id: undefined, currency: undefined, lines: [line(1, 'x', '50', '100', { item: { path: 'i', line: 1, classifications: [] } })] }));
    expect('problems' in result && result.problems.map((p) => p.message)).toEqual([
      'The Invoice has no invoice number (cbc:ID)',
      'The Invoice has no currency (cbc:DocumentCurrencyCode)',
      'Line 1 has no quantity (cbc:InvoicedQuantity)',
      'Line 1 has no item name (cac:Item/cbc:Name)',
      'Line 1 has no VAT category (cac:Item/cac:ClassifiedTaxCategory/cbc:ID)',
    ]);
  });
});
