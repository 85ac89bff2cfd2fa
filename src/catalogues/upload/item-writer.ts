import type { RequestContext } from '../../platform/context/request-context';
import type { CatalogueItemRepository } from '../catalogue-item.repository';
import type { CatalogueHeaderAction, CatalogueItemInput, CatalogueProblem } from '../catalogue-line';
import type { LineFindings } from './validate-lines';

/**
 * The write step: stores batches of valid items in the draft version. Full catalogues are
 * inserted (COPY); a UBL Update applies each line's Add, Update or Delete to the copy of the
 * version in force, and reports lines that name items it does not hold (and writes the others
 * only while `mayWrite()`: when bad lines reject the file, nothing is written once one is found).
 */
export class ItemWriter {
  constructor(
    private readonly tx: RequestContext,
    private readonly items: CatalogueItemRepository,
    private readonly versionId: number,
    private readonly action: CatalogueHeaderAction,
    private readonly findings: LineFindings,
    private readonly mayWrite: () => boolean,
  ) {}

  async write(batch: CatalogueItemInput[]): Promise<void> {
    if (this.action !== 'Update') {
      await this.items.insert(
        this.tx,
        this.versionId,
        batch.filter((i) => i.action !== 'Delete'),
      );
      return;
    }
    const bad = new Set<number>();
    const report = (p: CatalogueProblem) => {
      bad.add(p.line!);
      this.findings.add(p);
    };
    for (const d of batch) {
      if (d.action !== 'Delete') continue;
      if (!(await this.items.delete(this.tx, this.versionId, d.sellerItemId, d.gtin))) {
        report({
          line: d.lineNo,
          location: `/Catalogue/CatalogueLine[${d.lineNo}]`,
          field: 'cac:Item',
          reason: `Delete: no item ${d.sellerItemId || 'with GTIN ' + d.gtin} in the catalogue in force`,
        });
      }
    }
    const upserts = batch.filter((i) => i.action !== 'Delete');
    if (!upserts.length) return;
    const present = await this.items.present(
      this.tx,
      this.versionId,
      upserts.map((u) => u.sellerItemId),
    );
    for (const u of upserts) {
      if (u.action === 'Update' && !present.has(u.sellerItemId)) {
        report({
          line: u.lineNo,
          location: `/Catalogue/CatalogueLine[${u.lineNo}]`,
          field: 'cbc:ActionCode',
          reason: `Update: item ${u.sellerItemId} is not in the catalogue in force (use Add)`,
          value: u.sellerItemId,
        });
      }
    }
    if (this.mayWrite())
      await this.items.upsert(
        this.tx,
        this.versionId,
        upserts.filter((u) => !bad.has(u.lineNo)),
      );
  }
}
