import { createAgreement, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 13: publishing order (§6) and what the upload answer tells a supplier (§3). */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');
const supplier = () => t.login('katalog@kontorland.example');
const purchaser = () => t.login('innkjoper@storby.example');
const PUBLISH = `mutation($id: Int!) { publishCatalogueVersion(versionId: $id) {
  __typename ... on CatalogueVersion { id status } ... on ErrorResult { errorCode message }
  ... on CatalogueVersionOutdatedError { publishedVersionId publishedVersionNo } } }`;

async function submitted(agreementId: number, rows: string[], name: string): Promise<number> {
  const res = await upload(t, agreementId, csv(rows), name);
  expect(res.status).toBe(201);
  expect((await t.gql(await supplier(), SUBMIT, { id: res.body.version.id })).data.submitCatalogueVersion.status).toBe('SUBMITTED');
  return res.body.version.id;
}

describe('publishing order', () => {
  it('refuses to publish an older submitted version once a newer one is published, naming the newer one; the older can still be rejected', async () => {
    const a = await createAgreement(t);
    const v1 = await submitted(a.id, ['O-1,Rekkefølge gammel,14111507,10.00,25,PK'], 'v1.csv');
    const v2 = await submitted(a.id, ['O-2,Rekkefølge ny,14111507,12.00,25,PK'], 'v2.csv');
    expect((await t.gql(await purchaser(), PUBLISH, { id: v2 })).data.publishCatalogueVersion).toEqual({ __typename: 'CatalogueVersion', id: v2, status: 'PUBLISHED' });

    const late = await t.gql(await purchaser(), PUBLISH, { id: v1 });
    expect(late.errors).toBeUndefined();
    expect(late.data.publishCatalogueVersion).toEqual({
      __typename: 'CatalogueVersionOutdatedError',
      errorCode: 'OUTDATED_VERSION',
      message: `Catalogue version ${v1} (no. 1 of its agreement) is older than version ${v2} (no. 2), which is published already; it cannot replace a newer catalogue (reject it, or have the supplier upload a new version)`,
      publishedVersionId: v2,
      publishedVersionNo: 2,
    });
    const rows = await t.sql('SELECT version_no, status FROM catalogue_version WHERE agreement_id = $1 ORDER BY version_no', [a.id]);
    expect(rows).toEqual([
      { version_no: 1, status: 'SUBMITTED' },
      { version_no: 2, status: 'PUBLISHED' },
    ]);
    const reject = await t.gql(
      await purchaser(),
      `mutation($id: Int!) { rejectCatalogueVersion(input: { versionId: $id, reason: "Erstattet av versjon 2" }) { ... on CatalogueVersion { status } } }`,
      { id: v1 },
    );
    expect(reject.data.rejectCatalogueVersion.status).toBe('REJECTED');
  });

  it('publishes versions in upload order, each superseding the one before', async () => {
    const a = await createAgreement(t);
    const v1 = await submitted(a.id, ['Q-1,Rekkefølge en,14111507,10.00,25,PK'], 'v1.csv');
    const v2 = await submitted(a.id, ['Q-2,Rekkefølge to,14111507,12.00,25,PK'], 'v2.csv');
    expect((await t.gql(await purchaser(), PUBLISH, { id: v1 })).data.publishCatalogueVersion.status).toBe('PUBLISHED');
    expect((await t.gql(await purchaser(), PUBLISH, { id: v2 })).data.publishCatalogueVersion.status).toBe('PUBLISHED');
    const rows = await t.sql('SELECT version_no, status FROM catalogue_version WHERE agreement_id = $1 ORDER BY version_no', [a.id]);
    expect(rows.map((r) => r.status)).toEqual(['SUPERSEDED', 'PUBLISHED']);
  });
});

describe('the upload answer', () => {
  it('tells the supplier about the version it stored, and no internal user ids', async () => {
    const a = await createAgreement(t);
    const res = await upload(t, a.id, csv(['U-1,Svar A,14111507,10.00,25,PK', 'U-2,Svar B,14111507,11.00,25,PK']), 'svar.csv');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      version: {
        id: expect.any(Number),
        agreementId: a.id,
        agreementReference: a.reference,
        versionNo: 1,
        status: 'DRAFT',
        sourceFormat: 'csv',
        fileName: 'svar.csv',
        headerAction: 'Replace',
        documentId: null,
        basedOnId: null,
        itemCount: 2,
        invalidLines: 'REJECT',
        excludedLineCount: 0,
        warningCount: 0,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      lineCount: 2,
      problemCount: 0,
      problems: [],
      excludedLineCount: 0,
      excluded: [],
      warningCount: 0,
      warnings: [],
      awaitingUnspscCount: 0,
      unspscSuggestions: [],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/createdBy|decidedBy|supplierId/);
  });
});
