import type { RequestContext } from '../../platform/context/request-context';
import type { ProblemReport } from '../catalogue-import';
import type { CatalogueItemRepository } from '../catalogue-item.repository';
import type { CatalogueHeaderAction, CatalogueItemInput } from '../catalogue-line';

/**
 * The write step: stores batches of valid items in the draft version. Full catalogues are
 * inserted (COPY); a UBL Update applies each line's Add, Update or Delete to the copy of the
 * version in force, and reports lines that name items it does not hold.
 */
export class ItemWriter {
  constructor(
    private readonly tx: RequestContext,
    private readonly items: CatalogueItemRepository,
    private readonly versionId: number,
    private readonly action: CatalogueHeaderAction,
    private readonly report: ProblemReport,
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
    for (const d of batch) {
      if (d.action !== 'Delete') continue;
      if (!(await this.items.delete(this.tx, this.versionId, d.sellerItemId, d.gtin))) {
        this.report.add({
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
        this.report.add({
          line: u.lineNo,
          location: `/Catalogue/CatalogueLine[${u.lineNo}]`,
          field: 'cbc:ActionCode',
          reason: `Update: item ${u.sellerItemId} is not in the catalogue in force (use Add)`,
          value: u.sellerItemId,
        });
      }
    }
    if (this.report.count === 0) await this.items.upsert(this.tx, this.versionId, upserts);
  }
}
