import { join } from 'node:path';
import { runCli } from '../src/cli';
import { loadConfig } from '../src/platform/config/config';
import { attributeFacets } from '../src/search/attribute-facets';
import { createAgreement, publishFile, upload } from './support/fixtures';
import { needShared, sharedData } from './support/shared-data';
import { startTestApp, TestApp } from './support/test-app';

/** Published PEPPOL examples and the UNSPSC code set live in ../shared/data, read in place. */
const CATALOGUES_FOLDER = sharedData('peppol', 'catalogue');
const UNSPSC = sharedData('unspsc', 'unspsc.csv');
const CATALOGUES = CATALOGUES_FOLDER.dir;
const UNSPSC_CSV = UNSPSC.dir;
const haveShared = needShared('the PEPPOL catalogue and UNSPSC conformance tests', CATALOGUES_FOLDER, UNSPSC);
const describeShared = haveShared ? describe : describe.skip;

let t: TestApp;
beforeAll(async () => {
  if (haveShared) t = await startTestApp();
});
afterAll(() => t?.close());

describeShared('UNSPSC code set import (CLI) and lookup', () => {
  it('imports the full official layout with the CLI and keeps codes that items use', async () => {
    // Item classified at a code that the new file will not contain: it must survive, deprecated.
    await t.sql(`INSERT INTO unspsc_node (code, level, title, parent_code, version) VALUES ('44129999', 4, 'Torg test code', '44121900', 'test')`);
    const a = await createAgreement(t, { scope: ['44120000'] });
    const csv = Buffer.from('seller_item_id,name,unspsc,price,vat_rate,unit\nZ-1,Bruker testkode,44129999,10,25,EA\n');
    expect((await upload(t, a.id, csv, 'z.csv')).status).toBe(201);

    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
    const code = await runCli(['import-unspsc', UNSPSC_CSV, '--version', 'v23-test'], config, (l) => lines.push(l), true);
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/Imported 156510 UNSPSC codes \(148003 commodities\) as version v23-test/);
    const [counts] = await t.sql(`SELECT count(*) FILTER (WHERE level = 1)::int AS segments, count(*) FILTER (WHERE level = 4)::int AS commodities FROM unspsc_node WHERE NOT deprecated`);
    expect(counts).toEqual({ segments: 57, commodities: 148003 });
    const [kept] = await t.sql(`SELECT deprecated FROM unspsc_node WHERE code = '44129999'`);
    expect(kept).toEqual({ deprecated: true });
  });

  it('looks up a code with its path, children and item counts over GraphQL', async () => {
    const token = await t.login('bestiller@nordby.example');
    const res = await t.gql(
      token,
      `{ unspscNode(code: "44121704") { code level title path { code level } }
      family: unspscNode(code: "44120000") { title itemCount children(first: 3) { totalCount edges { node { code title } } } }
      segments: unspscChildren(first: 100) { totalCount } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.unspscNode).toEqual({
      code: '44121704',
      level: 4,
      title: 'Ball point pens',
      path: [
        { code: '44000000', level: 1 },
        { code: '44120000', level: 2 },
        { code: '44121700', level: 3 },
        { code: '44121704', level: 4 },
      ],
    });
    expect(res.data.family.itemCount).toBeGreaterThan(50); // the demo office catalogue
    expect(res.data.family.children.edges[0].node.code).toBe('44121500');
    expect(res.data.segments.totalCount).toBe(57);
    const bad = await t.gql(token, `{ unspscNode(code: "4412") { code } }`);
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const missing = await t.gql(token, `{ unspscNode(code: "44121799") { code } }`);
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('reports a bad UNSPSC file through the CLI without changing the code set', async () => {
    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
    const code = await runCli(['import-unspsc', join(__dirname, 'fixtures', 'missing-columns.csv')], config, (l) => lines.push(l), true);
    expect(code).toBe(65);
    expect(lines.join('\n')).toMatch(/lacks the column\(s\) segment, segmenttitle/);
    const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM unspsc_node');
    expect(n).toBeGreaterThan(150000);
  });
});

describeShared('published PEPPOL BIS / EHF catalogue examples', () => {
  let supplierEmail: string;
  let agreementId: number;

  beforeAll(async () => {
    // The examples' supplier and contract: organisation 987654325, contract 3299-RA (registered by a platform operator).
    const admin = await t.login('operator@torg.example');
    const org = await t.gql(admin, `mutation { createOrganisation(input: { name: "Medical AS", orgNumber: "987654325", kind: SUPPLIER }) { id } }`);
    supplierEmail = 'katalog@medical.example';
    await t.gql(admin, `mutation($o: Int!) { grantMembership(input: { email: "${supplierEmail}", name: "Nils Nilsen", organisationId: $o, roles: [SUPPLIER_ADMIN] }) { userId } }`, {
      o: org.data.createOrganisation.id,
    });
    const purchaser = await t.login('innkjoper@storby.example');
    const a = await t.gql(
      purchaser,
      `mutation($s: Int!, $p: [Int!]!) { createAgreement(input: { supplierId: $s, reference: "3299-RA", title: "Peppol test", validFrom: "2019-01-01", validTo: "2028-12-31",
         participantIds: $p, scope: ["14000000", "44000000", "50000000", "80000000"] }) { id } }`,
      { s: org.data.createOrganisation.id, p: [t.world.orgs.skole] },
    );
    agreementId = a.data.createAgreement.id;
  });

  it('takes use case 1’s retired code 50101634 at its family 50100000 when the agreement allows the nearest level, with a warning naming both', async () => {
    const FALLBACK = `mutation($a: Int!, $f: UnspscFallback!) { setAgreementUnspscFallback(agreementId: $a, fallback: $f) { unspscFallback } }`;
    const purchaser = await t.login('innkjoper@storby.example');
    expect((await t.gql(purchaser, FALLBACK, { a: agreementId, f: 'NEAREST_LEVEL' })).data.setAgreementUnspscFallback.unspscFallback).toBe('NEAREST_LEVEL');
    try {
      const res = await upload(t, agreementId, join(CATALOGUES, 'catalogue-wo-response-use-case-1.xml'), 'uc1.xml', supplierEmail);
      expect({ status: res.status, problems: res.body.problems }).toEqual({ status: 201, problems: [] });
      // The v23 code set has neither the commodity nor its class 50101600; the family exists.
      expect(res.body.warnings).toEqual([
        {
          line: 7,
          location: '/Catalogue/CatalogueLine[7]',
          field: '/Catalogue/CatalogueLine[7]/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
          code: 'UNSPSC_NEAREST_LEVEL',
          message: 'UNSPSC 50101634 is not a known code; the item is classified at its family 50100000, as the agreement allows',
          value: '50101634',
        },
      ]);
      const [apples] = await t.sql(`SELECT unspsc_code FROM catalogue_item WHERE version_id = $1 AND seller_item_id = '4747'`, [res.body.version.id]);
      expect(apples.unspsc_code).toBe('50100000');
    } finally {
      await t.gql(purchaser, FALLBACK, { a: agreementId, f: 'STRICT' });
    }
  });

  it('parses and publishes use case 1 (ISO-8859-1, seven lines of mixed units and VAT 12/25)', async () => {
    // Against the v23 code set the example's 50101634 (a newer code) is the one problem.
    const first = await upload(t, agreementId, join(CATALOGUES, 'catalogue-wo-response-use-case-1.xml'), 'uc1.xml', supplierEmail);
    expect(first.status).toBe(422);
    expect(first.body.problems).toEqual([
      {
        line: 7,
        location: '/Catalogue/CatalogueLine[7]',
        field: '/Catalogue/CatalogueLine[7]/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode',
        reason: 'is not a known UNSPSC code',
        value: '50101634',
      },
    ]);
    await t.sql(`INSERT INTO unspsc_node (code, level, title, parent_code, version) VALUES ('50101634', 4, 'Newer release code', '50101600', 'newer') ON CONFLICT DO NOTHING`);
    const id = await publishFile(t, agreementId, join(CATALOGUES, 'catalogue-wo-response-use-case-1.xml'), 'uc1.xml', supplierEmail);
    const items = await t.sql(`SELECT seller_item_id, unit_code, vat_rate::text, price::text, gtin FROM catalogue_item WHERE version_id = $1 ORDER BY line_no`, [id]);
    expect(items).toHaveLength(7);
    expect(items.map((i) => i.seller_item_id)).toEqual(['2451015', '2451037', '1038195', '7690213', '123', '55123', '4747']);
    expect(items.find((i) => i.seller_item_id === '2451037')).toMatchObject({ unit_code: 'XBX', gtin: '05790000436040', price: '20.0000' });
    expect(new Set(items.map((i) => i.vat_rate))).toEqual(new Set(['25.00', '12.00']));
  });

  it('shows buyers only use case 1’s lines that are orderable by themselves and still valid (four ended in 2019, one is a service line not orderable)', async () => {
    const res = await t.gql(await t.login('bestiller@nordby.example'), `query($i: ProductSearchInput!) { searchProducts(input: $i) { totalCount edges { node { sellerItemId } } } }`, {
      i: { agreementIds: [agreementId], first: 50 },
    });
    expect(res.data.searchProducts.edges.map((e: any) => e.node.sellerItemId).sort()).toEqual(['1038195', '2451015', '2451037']);
    const stored = await t.sql(
      `SELECT ci.seller_item_id, ci.orderable, to_char(ci.valid_to, 'YYYY-MM-DD') AS valid_to FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED'
        WHERE v.agreement_id = $1 AND ci.seller_item_id IN ('123', '4747') ORDER BY ci.seller_item_id`,
      [agreementId],
    );
    expect(stored).toEqual([
      { seller_item_id: '123', orderable: false, valid_to: '2019-12-31' },
      { seller_item_id: '4747', orderable: true, valid_to: '2019-12-31' },
    ]);
  });

  it('applies use case 2 as an Update: line Update, Add and Delete (by GTIN) on the version in force', async () => {
    const res = await upload(t, agreementId, join(CATALOGUES, 'catalogue-wo-response-use-case-2.xml'), 'uc2.xml', supplierEmail);
    expect(res.status).toBe(201);
    expect(res.body.version).toMatchObject({ headerAction: 'Update', itemCount: 7 });
    const review = await t.gql(
      await t.login('innkjoper@storby.example'),
      `query($id: Int!) { catalogueReview(versionId: $id) { added removed changed changes { edges { node { sellerItemId change } } } } }`,
      {
        id: res.body.version.id,
      },
    );
    const r = review.data.catalogueReview;
    expect({ added: r.added, removed: r.removed }).toEqual({ added: 1, removed: 1 });
    const changes = Object.fromEntries(r.changes.edges.map((e: any) => [e.node.sellerItemId, e.node.change]));
    expect(changes).toMatchObject({ '2451027': 'ADDED', '2451037': 'REMOVED' });
    // Items carried over from the version in force and items the update writes both keep their attribute facets.
    const items = await t.sql('SELECT attributes, attr_facets FROM catalogue_item WHERE version_id = $1', [res.body.version.id]);
    expect(items.some((i) => i.attr_facets.length > 0)).toBe(true);
    for (const i of items) expect([...i.attr_facets].sort()).toEqual(attributeFacets(i.attributes).sort());
  });

  it.each(['Catalogue_Example.xml', 'ehf-Catalogue_Example.xml'])('reports %s precisely: EUR, VAT 18 %% and codes outside the agreement, by XML path', async (file) => {
    const res = await upload(t, agreementId, join(CATALOGUES, file), file, supplierEmail);
    expect(res.status).toBe(422);
    const problems: { location: string; field: string; reason: string }[] = res.body.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: '/Catalogue/cac:ReferencedContract/cbc:ID', reason: expect.stringMatching(/names contract CRT1387/) }),
        expect.objectContaining({ location: '/Catalogue/cac:ValidityPeriod/cbc:StartDate', value: '2018-09-01', reason: 'lies outside the agreement period 2019-01-01 – 2028-12-31' }),
        expect.objectContaining({
          location: '/Catalogue/CatalogueLine[1]',
          field: '/Catalogue/CatalogueLine[1]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent',
          reason: expect.stringMatching(/Norwegian VAT rate/),
        }),
        expect.objectContaining({ location: '/Catalogue/CatalogueLine[1]', field: expect.stringMatching(/PriceAmount\/@currencyID$/), reason: 'must be the agreement currency NOK' }),
      ]),
    );
    // Line 2 names no OrderableUnit: its unit is the price's base quantity's (C62), not a problem.
    expect(problems.filter((p) => p.location === '/Catalogue/CatalogueLine[2]').map((p) => p.field)).not.toContainEqual(expect.stringMatching(/OrderableUnit|unitCode/));
    expect(problems.filter((p) => p.location === '/Catalogue/CatalogueLine[2]').length).toBeGreaterThan(0);
  });

  it('reads every published example without crashing', async () => {
    for (const file of ['Catalogue_Example.xml', 'catalogue-wo-response-use-case-1.xml', 'catalogue-wo-response-use-case-2.xml', 'ehf-Catalogue_Example.xml']) {
      const res = await upload(t, agreementId, join(CATALOGUES, file), file, supplierEmail);
      expect([201, 422]).toContain(res.status);
    }
  });
});
