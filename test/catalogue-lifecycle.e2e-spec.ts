import { createAgreement, fixture, publishFile, PUBLISH, REJECT, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');
const supplier = () => t.login('katalog@kontorland.example');
const purchaser = () => t.login('innkjoper@storby.example');
const buyer = () => t.login('bestiller@nordby.example');
const search = async (text: string, agreementId: number) =>
  (
    await t.gql(await buyer(), `query($i: ProductSearchInput!) { searchProducts(input: $i) { totalCount edges { node { sellerItemId name price } } } }`, {
      i: { text, agreementIds: [agreementId], first: 100 },
    })
  ).data.searchProducts;

describe('catalogue versions: review, publish, supersede, reject', () => {
  it('walks DRAFT → SUBMITTED → PUBLISHED, audits every step, and refuses steps out of order as data', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, csv(['P-1,Kopipapir A4,14111507,50.00,25,PK']), 'v1.csv');
    const id = res.body.version.id;
    const early = await t.gql(await purchaser(), PUBLISH, { id });
    expect(early.data.publishCatalogueVersion).toEqual({
      __typename: 'CatalogueStateError',
      errorCode: 'INVALID_STATE',
      message: `Catalogue version ${id} (no. 1 of its agreement) is DRAFT and cannot be published`,
      status: 'DRAFT',
    });
    expect((await t.gql(await supplier(), SUBMIT, { id })).data.submitCatalogueVersion.status).toBe('SUBMITTED');
    expect((await t.gql(await supplier(), SUBMIT, { id })).data.submitCatalogueVersion.__typename).toBe('CatalogueStateError');
    const bySupplier = await t.gql(await supplier(), PUBLISH, { id });
    expect(bySupplier.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(await purchaser(), PUBLISH, { id })).data.publishCatalogueVersion.status).toBe('PUBLISHED');
    const audit = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'catalogue_version' AND entity_id = $1 ORDER BY id`, [String(id)]);
    expect(audit.map((r) => r.action)).toEqual(['catalogue.uploaded', 'catalogue.submitted', 'catalogue.published']);
  });

  it('shows the purchaser a review with added, removed and changed items and price changes in percent', async () => {
    const a = await createAgreement(t);
    await publishFile(t, a.id, csv(['R-1,Kopipapir A4,14111507,100.00,25,PK', 'R-2,Kulepenn blå,44121704,10.00,25,EA', 'R-3,Ringperm,44122000,30.00,25,EA']), 'v1.csv');
    const v2 = await upload(t, a.id, csv(['R-1,Kopipapir A4,14111507,110.00,25,PK', 'R-2,Kulepenn blå (ny),44121704,10.00,25,EA', 'R-4,Saks,44121618,40.00,25,EA']), 'v2.csv');
    const review = await t.gql(
      await purchaser(),
      `query($id: Int!) { catalogueReview(versionId: $id) { added removed changed priceChanges averagePriceChangePercent current { versionNo }
         changes { totalCount edges { node { sellerItemId change oldPrice newPrice priceChangePercent changedFields } } } } }`,
      { id: v2.body.version.id },
    );
    const r = review.data.catalogueReview;
    expect(r).toMatchObject({ added: 1, removed: 1, changed: 2, priceChanges: 1, averagePriceChangePercent: 10, current: { versionNo: 1 } });
    const changes = Object.fromEntries(r.changes.edges.map((e: any) => [e.node.sellerItemId, e.node]));
    expect(changes['R-1']).toMatchObject({ change: 'CHANGED', oldPrice: '100.00', newPrice: '110.00', priceChangePercent: 10, changedFields: ['price'] });
    expect(changes['R-2']).toMatchObject({ change: 'CHANGED', priceChangePercent: null, changedFields: ['name'] });
    expect(changes['R-3'].change).toBe('REMOVED');
    expect(changes['R-4'].change).toBe('ADDED');
    expect(r.changes.edges[0].node.sellerItemId).toBe('R-1'); // largest price change first
  });

  it('publishing supersedes the version in force atomically: search shows the old or the new catalogue, never a mix', async () => {
    const a = await createAgreement(t);
    const v1 = await publishFile(t, a.id, csv(['S-1,Atomtest gammel A,14111507,10.00,25,PK', 'S-2,Atomtest gammel B,14111507,11.00,25,PK']), 'v1.csv');
    expect((await search('atomtest', a.id)).totalCount).toBe(2);
    const res = await upload(t, a.id, csv(['S-3,Atomtest ny C,14111507,12.00,25,PK', 'S-4,Atomtest ny D,14111507,13.00,25,PK', 'S-5,Atomtest ny E,14111507,14.00,25,PK']), 'v2.csv');
    const v2 = res.body.version.id;
    await t.gql(await supplier(), SUBMIT, { id: v2 });
    // Search continuously while the new version is published and indexed.
    const seen = new Set<string>();
    let publishing = true;
    const watcher = (async () => {
      while (publishing) {
        const r = await search('atomtest', a.id);
        seen.add(
          r.edges
            .map((e: any) => e.node.sellerItemId)
            .sort()
            .join(','),
        );
      }
    })();
    const pub = await t.gql(await purchaser(), PUBLISH, { id: v2 });
    expect(pub.data.publishCatalogueVersion.status).toBe('PUBLISHED');
    await t.indexed();
    const after = await search('atomtest', a.id);
    publishing = false;
    await watcher;
    seen.add(
      after.edges
        .map((e: any) => e.node.sellerItemId)
        .sort()
        .join(','),
    );
    expect([...seen].every((s) => s === 'S-1,S-2' || s === 'S-3,S-4,S-5')).toBe(true);
    expect(seen.has('S-3,S-4,S-5')).toBe(true);
    const versions = await t.sql('SELECT id, status FROM catalogue_version WHERE agreement_id = $1 ORDER BY id', [a.id]);
    expect(versions).toEqual([
      { id: v1, status: 'SUPERSEDED' },
      { id: v2, status: 'PUBLISHED' },
    ]);
    // Superseding goes through the state machine: audited with its states, and final.
    const audit = await t.sql(`SELECT action, data FROM audit_event WHERE entity_type = 'catalogue_version' AND entity_id = $1 ORDER BY id`, [String(v1)]);
    expect(audit.at(-1)).toEqual({ action: 'catalogue.superseded', data: { from: 'PUBLISHED', to: 'SUPERSEDED', by: v2 } });
    const again = await t.gql(await purchaser(), PUBLISH, { id: v1 });
    expect(again.data.publishCatalogueVersion).toMatchObject({
      errorCode: 'INVALID_STATE',
      status: 'SUPERSEDED',
      message: `Catalogue version ${v1} (no. 1 of its agreement) is SUPERSEDED and cannot be published`,
    });
  });

  it('never changes a published version: the database refuses edits to its items', async () => {
    const a = await createAgreement(t);
    const v1 = await publishFile(t, a.id, csv(['F-1,Frossen vare,14111507,10.00,25,PK']), 'v1.csv');
    await expect(t.sql('UPDATE catalogue_item SET price = 1 WHERE version_id = $1', [v1])).rejects.toThrow(/cannot change/);
    await expect(t.sql('DELETE FROM catalogue_item WHERE version_id = $1', [v1])).rejects.toThrow(/cannot change/);
  });

  it('lets the purchaser reject with a reason, which the supplier sees', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, csv(['J-1,Avvist vare,14111507,10.00,25,PK']), 'v1.csv');
    const id = res.body.version.id;
    await t.gql(await supplier(), SUBMIT, { id });
    const rej = await t.gql(await purchaser(), REJECT, { id, reason: 'Prisene er høyere enn i tilbudet' });
    expect(rej.data.rejectCatalogueVersion).toMatchObject({ status: 'REJECTED', rejectionReason: 'Prisene er høyere enn i tilbudet' });
    const seen = await t.gql(await supplier(), `query($a: Int!) { catalogueVersions(agreementId: $a) { edges { node { id status rejectionReason } } } }`, { a: a.id });
    expect(seen.data.catalogueVersions.edges[0].node).toEqual({ id, status: 'REJECTED', rejectionReason: 'Prisene er høyere enn i tilbudet' });
    expect((await search('avvist', a.id)).totalCount).toBe(0);
    const short = await t.gql(await purchaser(), REJECT, { id, reason: 'x' });
    expect(short.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('keeps other tenants out of catalogue versions', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, fixture('kontor-good.csv'));
    const id = res.body.version.id;
    const other = await t.gql(await t.login('katalog@medisinsk.example'), `query($id: Int!) { catalogueVersion(id: $id) { id } }`, { id });
    expect(other.errors![0].extensions!.code).toBe('NOT_FOUND');
    // A participant knows the agreement (it sees it in `agreement`): told FORBIDDEN with the reason, as catalogueVersions tells it.
    const buyerView = await t.gql(await buyer(), `query($id: Int!) { catalogueVersion(id: $id) { id } }`, { id });
    expect(buyerView.errors![0]).toMatchObject({ message: 'Only the supplier and the purchasing unit see catalogue versions', extensions: { code: 'FORBIDDEN' } });
    const buyerList = await t.gql(await buyer(), `query($a: Int!) { catalogueVersions(agreementId: $a) { totalCount } }`, { a: a.id });
    expect(buyerList.errors![0]).toMatchObject({ message: 'Only the supplier and the purchasing unit see catalogue versions', extensions: { code: 'FORBIDDEN' } });
    const otherList = await t.gql(await t.login('katalog@medisinsk.example'), `query($a: Int!) { catalogueVersions(agreementId: $a) { totalCount } }`, { a: a.id });
    expect(otherList.errors![0]).toMatchObject({ message: `Agreement ${a.id} was not found`, extensions: { code: 'NOT_FOUND' } });
    const otherSubmit = await t.gql(await t.login('katalog@medisinsk.example'), SUBMIT, { id });
    expect(otherSubmit.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});
