import type { CatalogueItemInput, RawCatalogueLine } from '../catalogue-line';
import { DuplicateItems } from './duplicate-items';

const item = (sellerItemId: string, gtin: string | null = null) => ({ sellerItemId, gtin }) as CatalogueItemInput;
const line = (lineNo: number, paths?: Record<string, string>) => ({ lineNo, location: `line ${lineNo}`, paths }) as RawCatalogueLine;

describe('DuplicateItems', () => {
  it('lets each seller item id through once and names the first line of a repeat', () => {
    const seen = new DuplicateItems();
    expect(seen.check(item('A-1'), line(2))).toBeNull();
    expect(seen.check(item('B-1'), line(3))).toBeNull();
    expect(seen.check(item('A-1'), line(7))).toEqual({ line: 7, location: 'line 7', field: 'sellerItemId', reason: 'duplicate seller item id (first on line 2)', value: 'A-1' });
  });

  it('keys items without a seller item id on their GTIN, and names the field where the line has it', () => {
    const seen = new DuplicateItems();
    expect(seen.check(item('', '7311250004247'), line(2))).toBeNull();
    expect(seen.check(item('', '7311250004248'), line(3))).toBeNull();
    expect(seen.check(item('7311250004247'), line(3))).toBeNull();
    expect(seen.check(item('', '7311250004247'), line(4, { sellerItemId: '/Catalogue/CatalogueLine[4]/cac:Item' }))).toMatchObject({
      line: 4,
      field: '/Catalogue/CatalogueLine[4]/cac:Item',
      reason: 'duplicate seller item id (first on line 2)',
    });
  });
});
