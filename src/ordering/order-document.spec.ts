import { fatalRules, RULES } from '../../test/support/peppol-rules';
import { readUblOrder, writeOrder } from '../peppol';
import { customerReferenceSent, OrderDocumentInput, orderDocument, taxCategoryOf, unitCodeForDocument } from './order-document';
import { needShared } from '../../test/support/shared-data';

const T01 = 'PEPPOLBIS-T01.sef.json';
const EHF = 'EHF-ORDER-3.0.sef.json';

/** An approved order of Nordby skole to Kontorland AS: two catalogue lines (one at 15 %), one free-text line, one at 0 %. */
function input(over: Partial<OrderDocumentInput> = {}): OrderDocumentInput {
  return {
    profile: 'ehf',
    order: {
      orderNo: 'PO-2026-000007',
      requisitionNo: 'REQ-2026-000012',
      currency: 'NOK',
      // 23:30 UTC on 30 November is 1 December in Norway.
      decidedAt: new Date('2026-11-30T23:30:00Z'),
      customerReference: null,
      accountingString: '4010-7120',
      noteToSupplier: 'Leveres i resepsjonen',
      wantedDeliveryDate: '2026-12-14',
    },
    lines: [
      { lineNo: 1, name: 'Kopipapir A4', unspscCode: '14111507', quantity: '3', unitCode: 'PK', unitPrice: '12.3456', vatRate: '25', sellerItemId: 'KL-100', gtin: '07311041012315' },
      { lineNo: 2, name: 'Kaffe', unspscCode: '50201706', quantity: '0.5', unitCode: 'KGM', unitPrice: '45.07', vatRate: '15.00', sellerItemId: 'KL-200', gtin: null },
      { lineNo: 3, name: 'Venstrehendt saks', unspscCode: '44121618', quantity: '2', unitCode: 'EA', unitPrice: '89.995', vatRate: '25', sellerItemId: null, gtin: null },
      { lineNo: 4, name: 'Ordbok', unspscCode: '55101509', quantity: '1', unitCode: 'EA', unitPrice: '300', vatRate: '0', sellerItemId: 'KL-300', gtin: null },
    ],
    buyer: { name: 'Nordby skole', orgNumber: '987654325' },
    buyerContact: { name: 'Berit Bestiller', email: 'bestiller@nordby.example' },
    supplier: { name: 'Kontorland AS', orgNumber: '123456785' },
    delivery: { streetName: 'Skoleveien 1', additionalStreetName: null, addressLine: null, postalCode: '0123', city: 'Storby', countryCode: 'NO', gln: '7080000123456' },
    agreementReference: '2025-001',
    ...over,
  };
}

describe('orderDocument', () => {
  it('fills the header from the order: number, Oslo issue date, note, references, contract, 0192 parties, delivery', () => {
    const doc = orderDocument(input());
    expect(doc).toMatchObject({
      profile: 'ehf',
      id: 'PO-2026-000007',
      issueDate: '2026-12-01',
      note: 'Leveres i resepsjonen',
      currency: 'NOK',
      customerReference: 'REQ-2026-000012',
      accountingCost: '4010-7120',
      contractId: '2025-001',
      buyer: {
        endpointId: { value: '987654325', schemeId: '0192' },
        legalEntity: { registrationName: 'Nordby skole', companyId: { value: '987654325', schemeId: '0192' } },
        contact: { name: 'Berit Bestiller', email: 'bestiller@nordby.example' },
      },
      seller: { endpointId: { value: '123456785', schemeId: '0192' }, name: 'Kontorland AS', postalAddress: { countryCode: 'NO' } },
      delivery: {
        locationId: { value: '7080000123456', schemeId: '0088' },
        address: { streetName: 'Skoleveien 1', cityName: 'Storby', postalZone: '0123', countryCode: 'NO' },
        requestedPeriod: { endDate: '2026-12-14' },
      },
    });
  });

  it("takes the order's own customer reference over the requisition number; leaves out what the order lacks", () => {
    const base = input();
    const doc = orderDocument({
      ...base,
      order: { ...base.order, customerReference: 'Ola / 2100', accountingString: null, noteToSupplier: null, wantedDeliveryDate: null },
      delivery: { ...base.delivery, gln: null },
      agreementReference: null,
    });
    expect(doc.customerReference).toBe('Ola / 2100');
    expect(doc).not.toHaveProperty('accountingCost');
    expect(doc).not.toHaveProperty('note');
    expect(doc).not.toHaveProperty('contractId');
    expect(doc.delivery).not.toHaveProperty('locationId');
    expect(doc.delivery).not.toHaveProperty('requestedPeriod');
  });

  it('rounds each line, then sums the rounded lines, and takes VAT per rate (PEPPOL rounding)', () => {
    const doc = orderDocument(input());
    // 3 × 12.3456 = 37.0368 → 37.04; 0.5 × 45.07 = 22.535 → 22.54; 2 × 89.995 = 179.99; 300.
    expect(doc.lines.map((l) => l.lineExtensionAmount)).toEqual(['37.04', '22.54', '179.99', '300.00']);
    // VAT: 25 % of (37.04 + 179.99) = 54.2575 → 54.26; 15 % of 22.54 = 3.381 → 3.38; 0 % of 300.
    expect(doc.taxAmount).toBe('57.64');
    expect(doc.totals).toEqual({ lineExtension: '539.57', taxExclusive: '539.57', taxInclusive: '597.21', payable: '597.21' });
  });

  it('writes lines with LineID, seller item id, GTIN (0160), UNSPSC (MP), unit price as given and the tax category', () => {
    const [paper, coffee, , book] = orderDocument(input()).lines;
    expect(paper).toEqual({
      id: '1',
      quantity: { value: '3', unitCode: 'XPK' },
      lineExtensionAmount: '37.04',
      price: { amount: '12.3456' },
      item: {
        name: 'Kopipapir A4',
        sellersItemId: 'KL-100',
        standardItemId: { value: '07311041012315', schemeId: '0160' },
        classifications: [{ code: '14111507', listId: 'MP' }],
        taxCategory: { id: 'S', percent: '25' },
      },
    });
    expect(coffee.item).not.toHaveProperty('standardItemId');
    expect(coffee.item.taxCategory).toEqual({ id: 'S', percent: '15.00' });
    expect(book.item.taxCategory).toEqual({ id: 'Z', percent: '0' });
    expect(taxCategoryOf('0.00')).toEqual({ id: 'Z', percent: '0' });
  });

  it('writes the older unit codes catalogues still use the way the order rules accept them (PK pack → XPK, NPR → PR)', () => {
    expect(['PK', 'BX', 'NPR', 'EA', 'KGM', 'XPK'].map(unitCodeForDocument)).toEqual(['XPK', 'XBX', 'PR', 'EA', 'KGM', 'XPK']);
  });

  it('describes a free-text line by its name alone: no seller item id', () => {
    const freeText = orderDocument(input()).lines[2];
    expect(freeText.item).toEqual({ name: 'Venstrehendt saks', classifications: [{ code: '44121618', listId: 'MP' }], taxCategory: { id: 'S', percent: '25' } });
  });

  it('refuses a requisition not yet approved (no order number)', () => {
    const base = input();
    expect(() => orderDocument({ ...base, order: { ...base.order, orderNo: null, decidedAt: null } })).toThrow('requisition REQ-2026-000012 has no order number yet');
  });

  it('reads back as written', async () => {
    const doc = orderDocument(input());
    expect(await readUblOrder(Buffer.from(writeOrder(doc)))).toEqual(doc);
  });
});

const describeRules = needShared('the official rules checks of the order document', RULES) ? describe : describe.skip;

describe('customerReferenceSent', () => {
  it('is the buyer’s reference when given, else the requisition number (what the invoice must return as BuyerReference)', () => {
    expect(customerReferenceSent({ customerReference: 'Ola / 2100', requisitionNo: 'REQ-2026-000012' })).toBe('Ola / 2100');
    expect(customerReferenceSent({ customerReference: null, requisitionNo: 'REQ-2026-000012' })).toBe('REQ-2026-000012');
    expect(customerReferenceSent({ customerReference: '  ', requisitionNo: 'REQ-2026-000012' })).toBe('REQ-2026-000012');
  });
});

describeRules('orderDocument against the official rules', () => {
  it('EHF Order 3.0: no fatal assert, with GLN and without, with and without an agreement', () => {
    expect(fatalRules(EHF, writeOrder(orderDocument(input())))).toEqual([]);
    const base = input();
    const bare = { ...base, buyerContact: undefined, delivery: { ...base.delivery, gln: null }, agreementReference: null, order: { ...base.order, wantedDeliveryDate: null, noteToSupplier: null } };
    expect(fatalRules(EHF, writeOrder(orderDocument(bare)))).toEqual([]);
  });

  it('PEPPOL BIS Ordering 3: no fatal assert', () => {
    expect(fatalRules(T01, writeOrder(orderDocument(input({ profile: 'peppol-ordering' }))))).toEqual([]);
  });
});
