import type { CatalogueItemInput, CatalogueProblem, RawCatalogueLine } from '../catalogue-line';

/** The deduplicate step: an item key (seller item id, else GTIN) may appear once in a file. */
export class DuplicateItems {
  private readonly firstLine = new Map<string, number>();

  /** The problem when `item` repeats an earlier line's key; else remembers its line and answers null. */
  check(item: CatalogueItemInput, raw: RawCatalogueLine): CatalogueProblem | null {
    const key = item.sellerItemId || `gtin:${item.gtin}`;
    const first = this.firstLine.get(key);
    if (first === undefined) {
      this.firstLine.set(key, raw.lineNo);
      return null;
    }
    return { line: raw.lineNo, location: raw.location, field: raw.paths?.sellerItemId ?? 'sellerItemId', reason: `duplicate seller item id (first on line ${first})`, value: item.sellerItemId };
  }
}
