import { splitIntoRequisitions, SplittableLine } from './requisition-split';

type Line = SplittableLine & { no: number };
const line = (no: number, over: Partial<SplittableLine>): Line => ({ no, supplierId: null, supplierName: null, currency: 'NOK', agreementId: null, ...over });
const summary = (lines: Line[]) =>
  splitIntoRequisitions(lines).map((g) => ({ supplierId: g.supplierId, supplierName: g.supplierName, currency: g.currency, agreementId: g.agreementId, lines: g.lines.map((l) => l.no) }));

describe('splitting a cart into requisitions', () => {
  it('makes one requisition per supplier, in the order suppliers first appear, lines in cart order', () => {
    expect(summary([line(1, { supplierId: 7, agreementId: 70 }), line(2, { supplierId: 8, agreementId: 80 }), line(3, { supplierId: 7, agreementId: 70 })])).toEqual([
      { supplierId: 7, supplierName: null, currency: 'NOK', agreementId: 70, lines: [1, 3] },
      { supplierId: 8, supplierName: null, currency: 'NOK', agreementId: 80, lines: [2] },
    ]);
  });

  it('splits a supplier’s lines by agreement and by currency: an EHF order names one contract and one currency', () => {
    expect(summary([line(1, { supplierId: 7, agreementId: 70 }), line(2, { supplierId: 7, agreementId: 71 }), line(3, { supplierId: 7, agreementId: 70, currency: 'EUR' })])).toEqual([
      { supplierId: 7, supplierName: null, currency: 'NOK', agreementId: 70, lines: [1] },
      { supplierId: 7, supplierName: null, currency: 'NOK', agreementId: 71, lines: [2] },
      { supplierId: 7, supplierName: null, currency: 'EUR', agreementId: 70, lines: [3] },
    ]);
  });

  it('lets a free-text line for a registered supplier join that supplier’s one agreement order, else stand alone', () => {
    expect(summary([line(1, { supplierId: 7 }), line(2, { supplierId: 7, agreementId: 70 })])).toEqual([{ supplierId: 7, supplierName: null, currency: 'NOK', agreementId: 70, lines: [1, 2] }]);
    expect(summary([line(1, { supplierId: 7, agreementId: 70 }), line(2, { supplierId: 7, agreementId: 71 }), line(3, { supplierId: 7 })]).map((g) => g.lines)).toEqual([[1], [2], [3]]);
    expect(summary([line(1, { supplierId: 9 })])).toEqual([{ supplierId: 9, supplierName: null, currency: 'NOK', agreementId: null, lines: [1] }]);
  });

  it('groups suppliers named in free text by name (case and spaces aside), and lines with no supplier together', () => {
    expect(summary([line(1, { supplierName: 'Lokal Smed AS' }), line(2, {}), line(3, { supplierName: ' lokal smed as ' }), line(4, {})])).toEqual([
      { supplierId: null, supplierName: 'Lokal Smed AS', currency: 'NOK', agreementId: null, lines: [1, 3] },
      { supplierId: null, supplierName: null, currency: 'NOK', agreementId: null, lines: [2, 4] },
    ]);
  });

  it('returns nothing for no lines', () => {
    expect(splitIntoRequisitions([])).toEqual([]);
  });
});
