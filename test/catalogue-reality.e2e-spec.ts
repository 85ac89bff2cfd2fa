import { osloToday } from '../src/platform/time/oslo-date';
import { addDays, freshToken, onDay } from './support/clock';
import { createAgreement, PUBLISH, publishFile, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Catalogues as suppliers really send them (issue 17 §3), over HTTP on the real database:
 * validity and orderable lines in search, cart and requisition; the unit from the price's base
 * quantity; UTF-8 declared as ISO-8859-1; UNSPSC codes at the nearest level; uploads that leave
 * their invalid lines out.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const SUPPLIER = 'katalog@kontorland.example';
const PURCHASER = 'innkjoper@storby.example';
const BUYER = 'bestiller@nordby.example';
const OUTSIDER = 'bestiller@vestby.example';
const today = osloToday();
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);

const ERROR = `... on ErrorResult { errorCode message }`;
const ADD_ITEM = `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename ${ERROR} ... on CartLineAdded { line { id sellerItemId } } } }`;
const CART = `{ cart { lines { id sellerItemId check { status reason } } } }`;
const SUBMIT_CART = `mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ${ERROR} ... on CartNotOrderableError { lines { lineId status reason } } } }`;
const SEARCH = `query($i: ProductSearchInput!) { searchProducts(input: $i) { totalCount edges { node { sellerItemId name } } } }`;

const gqlAs = async (token: string, query: string, variables?: Record<string, unknown>) => {
  const res = await t.gql(token, query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
};
const searchNames = async (token: string, text: string, agreementId: number) =>
  (await gqlAs(token, SEARCH, { i: { text, agreementIds: [agreementId], first: 50 } })).searchProducts.edges.map((e: any) => e.node.sellerItemId).sort();
const itemId = async (versionId: number, sellerItemId: string): Promise<string> =>
  (await t.sql(`SELECT id::text AS id FROM catalogue_item WHERE version_id = $1 AND seller_item_id = $2`, [versionId, sellerItemId]))[0].id;
const csv = (header: string, rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n');
const COLUMNS = 'seller_item_id,name,unspsc,price,vat_rate,unit,valid_from,valid_to,orderable';

describe('lines outside their validity, or not orderable by themselves', () => {
  it('are neither searchable nor orderable (search, cart, requisition), and a line valid from tomorrow is both tomorrow without a new upload', async () => {
    const a = await createAgreement(t);
    const versionId = await publishFile(
      t,
      a.id,
      csv(COLUMNS, [
        `G-NOW,Gyldighetstest i dag,44121704,10,25,EA,${yesterday},${today},`,
        `G-ENDED,Gyldighetstest utløpt,44121704,11,25,EA,2025-01-01,${yesterday},`,
        `G-LATER,Gyldighetstest i morgen,44121704,12,25,EA,${tomorrow},,`,
        `G-PANT,Gyldighetstest pant,44121704,1,25,EA,,,false`,
      ]),
      'validity.csv',
    );
    // Every line is stored as sent; the deposit line is marked.
    const stored = await t.sql(`SELECT seller_item_id, orderable FROM catalogue_item WHERE version_id = $1 ORDER BY line_no`, [versionId]);
    expect(stored.map((r) => [r.seller_item_id, r.orderable])).toEqual([
      ['G-NOW', true],
      ['G-ENDED', true],
      ['G-LATER', true],
      ['G-PANT', false],
    ]);
    const buyer = await t.login(BUYER);
    await gqlAs(buyer, 'mutation { clearCart { id } }');
    expect(await searchNames(buyer, 'gyldighetstest', a.id)).toEqual(['G-NOW']);

    const add = async (token: string, seller: string) => (await gqlAs(token, ADD_ITEM, { i: { itemId: await itemId(versionId, seller), quantity: '1' } })).addItemToCart;
    expect(await add(buyer, 'G-ENDED')).toEqual({
      __typename: 'ItemNotOrderable',
      errorCode: 'ITEM_NOT_ORDERABLE',
      message: `Item G-ENDED could be ordered until ${yesterday}; its validity has ended`,
    });
    expect(await add(buyer, 'G-LATER')).toMatchObject({ __typename: 'ItemNotOrderable', message: `Item G-LATER can be ordered from ${tomorrow}, not yet today (${today})` });
    expect(await add(buyer, 'G-PANT')).toMatchObject({ __typename: 'ItemNotOrderable', message: expect.stringMatching(/^Item G-PANT is not orderable by itself/) });
    // Someone outside the agreement learns nothing about the item.
    expect((await add(await t.login(OUTSIDER), 'G-PANT')).message).toMatch(/is not in a catalogue your organisation may order from today/);
    expect(await add(buyer, 'G-NOW')).toMatchObject({ __typename: 'CartLineAdded', line: { sellerItemId: 'G-NOW' } });

    await onDay(tomorrow, async () => {
      const token = await freshToken(t, BUYER);
      expect(await searchNames(token, 'gyldighetstest', a.id)).toEqual(['G-LATER']);
      expect(await add(token, 'G-LATER')).toMatchObject({ __typename: 'CartLineAdded' });
      const lines = (await gqlAs(token, CART)).cart.lines;
      const ended = lines.find((l: any) => l.sellerItemId === 'G-NOW');
      const reason = `Item G-NOW could be ordered until ${today}; its validity has ended`;
      expect(ended.check).toEqual({ status: 'ITEM_UNAVAILABLE', reason });
      expect(lines.find((l: any) => l.sellerItemId === 'G-LATER').check.status).toBe('ORDERABLE');
      const before = await t.sql(`SELECT count(*)::int AS n FROM purchase_order`);
      const submitted = (
        await gqlAs(token, SUBMIT_CART, {
          i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole },
        })
      ).submitCart;
      expect(submitted).toMatchObject({ __typename: 'CartNotOrderableError', lines: [{ lineId: ended.id, status: 'ITEM_UNAVAILABLE', reason }] });
      expect(await t.sql(`SELECT count(*)::int AS n FROM purchase_order`)).toEqual(before);
      await gqlAs(token, 'mutation { clearCart { id } }');
    });
  });
});

const UBL_OPEN = `<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>R1</cbc:ID><cbc:ActionCode>Add</cbc:ActionCode>`;
const ublLine = (id: string, name: string, opts: { unit?: string; baseUnit?: string; orderable?: string; unspsc?: string } = {}) => ` <cac:CatalogueLine><cbc:ID>${id}</cbc:ID>
  ${opts.orderable ? `<cbc:OrderableIndicator>${opts.orderable}</cbc:OrderableIndicator>` : ''}${opts.unit ? `<cbc:OrderableUnit>${opts.unit}</cbc:OrderableUnit>` : ''}
  <cac:RequiredItemLocationQuantity><cac:Price><cbc:PriceAmount currencyID="NOK">100</cbc:PriceAmount>${opts.baseUnit ? `<cbc:BaseQuantity unitCode="${opts.baseUnit}">1</cbc:BaseQuantity>` : ''}</cac:Price></cac:RequiredItemLocationQuantity>
  <cac:Item><cbc:Name>${name}</cbc:Name>
   <cac:SellersItemIdentification><cbc:ID>${id}</cbc:ID></cac:SellersItemIdentification>
   <cac:CommodityClassification><cbc:ItemClassificationCode listID="MP">${opts.unspsc ?? '44122000'}</cbc:ItemClassificationCode></cac:CommodityClassification>
   <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
  </cac:Item></cac:CatalogueLine>`;
const VERSION_NOTES = `query($id: Int!) { catalogueVersion(id: $id) { itemCount invalidLines excludedLineCount warningCount
  items { edges { node { sellerItemId name unitCode orderable unspscCode } } }
  warnings { totalCount edges { node { line location field code message value } } }
  excludedLines { totalCount edges { node { line location field reason value } } } } }`;

describe('UBL catalogues as published', () => {
  it('reads UTF-8 declared as ISO-8859-1 as UTF-8 and warns, takes the unit from the base quantity, and keeps a deposit line unorderable', async () => {
    const xml =
      `<?xml version="1.0" encoding="ISO-8859-1"?>\n${UBL_OPEN}\n` +
      ublLine('U-1', 'Blå perm «Ærlig»', { baseUnit: 'EA' }) +
      '\n' +
      ublLine('U-2', 'Pant for perm', { unit: 'EA', orderable: 'false' }) +
      '\n</Catalogue>';
    const a = await createAgreement(t);
    const res = await upload(t, a.id, Buffer.from(xml, 'utf8'), 'utf8-declared-latin1.xml');
    expect({ status: res.status, problems: res.body.problems }).toEqual({ status: 201, problems: [] });
    const warning = {
      line: null,
      location: 'XML line 7',
      field: 'encoding',
      code: 'ENCODING_READ_AS_UTF8',
      message: 'The XML declares the encoding "iso-8859-1" but is UTF-8 (the bytes 0xC3 0xA5 at XML line 7 are "å"); it was read as UTF-8. Declare encoding="UTF-8"',
      value: 'iso-8859-1',
    };
    expect(res.body).toMatchObject({ warningCount: 1, warnings: [warning], excludedLineCount: 0 });
    const v = (await gqlAs(await t.login(SUPPLIER), VERSION_NOTES, { id: res.body.version.id })).catalogueVersion;
    expect(v.items.edges.map((e: any) => e.node)).toEqual([
      { sellerItemId: 'U-1', name: 'Blå perm «Ærlig»', unitCode: 'EA', orderable: true, unspscCode: '44122000' },
      { sellerItemId: 'U-2', name: 'Pant for perm', unitCode: 'EA', orderable: false, unspscCode: '44122000' },
    ]);
    expect(v).toMatchObject({ warningCount: 1, warnings: { totalCount: 1, edges: [{ node: warning }] } });

    // Without an orderable unit or a base quantity's unit, the unit is still required, where it belongs.
    const bare = await upload(t, a.id, Buffer.from(`${UBL_OPEN}${ublLine('U-3', 'Uten enhet')}</Catalogue>`), 'no-unit.xml');
    expect(bare.status).toBe(422);
    expect(bare.body.problems).toEqual([expect.objectContaining({ field: '/Catalogue/CatalogueLine[1]/cbc:OrderableUnit', reason: 'is required' })]);
  });
});

describe('UNSPSC codes not in the code set', () => {
  const FALLBACK = `mutation($a: Int!, $f: UnspscFallback!) { setAgreementUnspscFallback(agreementId: $a, fallback: $f) { id unspscFallback } }`;

  it('are refused by default, and accepted at the nearest existing class with a warning naming both codes once the purchasing unit allows it (audited)', async () => {
    // A class of the built-in code set, and a commodity under it that the set does not hold.
    const [{ code: klass }] = await t.sql(`SELECT code FROM unspsc_node WHERE level = 3 AND code LIKE '4412%' AND NOT deprecated ORDER BY code LIMIT 1`);
    const missing = `${klass.slice(0, 6)}97`;
    expect(await t.sql(`SELECT 1 FROM unspsc_node WHERE code = $1`, [missing])).toEqual([]);
    const a = await createAgreement(t);
    const file = csv('seller_item_id,name,unspsc,price,vat_rate,unit', [`N-1,Nyere kode,${missing},10,25,EA`, 'N-2,Kjent kode,44121704,10,25,EA']);

    const strict = await upload(t, a.id, file, 'strict.csv');
    expect(strict.status).toBe(422);
    expect(strict.body.problems).toEqual([{ line: 2, location: 'line 2', field: 'unspsc', reason: 'is not a known UNSPSC code', value: missing }]);

    const bySupplier = await t.gql(await t.login(SUPPLIER), FALLBACK, { a: a.id, f: 'NEAREST_LEVEL' });
    expect(bySupplier.errors![0].extensions!.code).toBe('FORBIDDEN');
    const set = await gqlAs(await t.login(PURCHASER), FALLBACK, { a: a.id, f: 'NEAREST_LEVEL' });
    expect(set.setAgreementUnspscFallback).toEqual({ id: a.id, unspscFallback: 'NEAREST_LEVEL' });
    const audit = await t.sql(`SELECT action, data FROM audit_event WHERE entity_type = 'agreement' AND entity_id = $1 AND action = 'agreement.unspsc-fallback-set'`, [String(a.id)]);
    expect(audit).toEqual([{ action: 'agreement.unspsc-fallback-set', data: { from: 'STRICT', to: 'NEAREST_LEVEL' } }]);

    const res = await upload(t, a.id, file, 'nearest.csv');
    expect(res.status).toBe(201);
    const warning = {
      line: 2,
      location: 'line 2',
      field: 'unspsc',
      code: 'UNSPSC_NEAREST_LEVEL',
      message: `UNSPSC ${missing} is not a known code; the item is classified at its class ${klass}, as the agreement allows`,
      value: missing,
    };
    expect(res.body).toMatchObject({ warningCount: 1, warnings: [warning] });
    const v = (await gqlAs(await t.login(PURCHASER), VERSION_NOTES, { id: res.body.version.id })).catalogueVersion;
    expect(v.items.edges.map((e: any) => [e.node.sellerItemId, e.node.unspscCode])).toEqual([
      ['N-1', klass],
      ['N-2', '44121704'],
    ]);
    expect(v.warnings.edges.map((e: any) => e.node)).toEqual([warning]);
  });
});

describe('uploads that leave their invalid lines out', () => {
  const REVIEW = `query($id: Int!) { catalogueReview(versionId: $id) { added excludedLineCount warningCount
    version { id invalidLines excludedLines { totalCount edges { node { line location field reason value } } } } } }`;
  const file = csv('seller_item_id,name,unspsc,price,vat_rate,unit', [
    'X-1,Gyldig linje,44121704,10,25,EA',
    'X-2,Feil pris,44121704,-3,25,EA',
    'X-1,Dobbel,44121704,10,25,EA',
    'X-3,Gyldig nummer to,44121704,12,25,EA',
  ]);

  it('are all-or-nothing by default; with invalidLines=exclude the valid lines are stored and the version records the others for the purchaser’s review', async () => {
    const a = await createAgreement(t);
    const whole = await upload(t, a.id, file, 'whole.csv');
    expect(whole.status).toBe(422);
    expect(whole.body.problemCount).toBe(2);
    expect(await t.sql(`SELECT count(*)::int AS n FROM catalogue_version WHERE agreement_id = $1`, [a.id])).toEqual([{ n: 0 }]);

    const token = await t.login(SUPPLIER);
    const res = await t.http.post(`/agreements/${a.id}/catalogue?invalidLines=exclude`).set('Authorization', `Bearer ${token}`).attach('file', file, 'partial.csv');
    expect(res.status).toBe(201);
    const excluded = [
      { line: 3, location: 'line 3', field: 'price', reason: 'must be a positive decimal number such as 149.90', value: '-3' },
      { line: 4, location: 'line 4', field: 'sellerItemId', reason: 'duplicate seller item id (first on line 2)', value: 'X-1' },
    ];
    expect(res.body).toMatchObject({ lineCount: 4, problemCount: 0, excludedLineCount: 2, excluded, version: { itemCount: 2, invalidLines: 'EXCLUDE', excludedLineCount: 2 } });
    const id = res.body.version.id;
    const audit = await t.sql(`SELECT data FROM audit_event WHERE entity_type = 'catalogue_version' AND entity_id = $1 AND action = 'catalogue.uploaded'`, [String(id)]);
    expect(audit[0].data).toMatchObject({ invalidLines: 'EXCLUDE', excludedLines: 2, items: 2 });

    expect((await t.gql(token, SUBMIT, { id })).data.submitCatalogueVersion.status).toBe('SUBMITTED');
    const review = (await gqlAs(await t.login(PURCHASER), REVIEW, { id })).catalogueReview;
    expect(review).toEqual({
      added: 2,
      excludedLineCount: 2,
      warningCount: 0,
      version: { id, invalidLines: 'EXCLUDE', excludedLines: { totalCount: 2, edges: excluded.map((node) => ({ node })) } },
    });
    expect((await t.gql(await t.login(PURCHASER), PUBLISH, { id })).data.publishCatalogueVersion.status).toBe('PUBLISHED');
    await t.indexed();
    expect(await searchNames(await t.login(BUYER), 'gyldig', a.id)).toEqual(['X-1', 'X-3']);
  });

  it('takes the option as a form field too, refuses a file with no valid line and an unknown option, storing nothing', async () => {
    const a = await createAgreement(t);
    const token = await t.login(SUPPLIER);
    const post = (query = '') => t.http.post(`/agreements/${a.id}/catalogue${query}`).set('Authorization', `Bearer ${token}`);
    const allBad = csv('seller_item_id,name,unspsc,price,vat_rate,unit', ['Y-1,Feil,44121704,0,25,EA']);
    const refused = await post().field('invalidLines', 'exclude').attach('file', allBad, 'bad.csv');
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([
      { line: null, location: 'file', field: null, reason: 'Every one of the 1 line(s) is invalid; nothing to publish' },
      { line: 2, location: 'line 2', field: 'price', reason: 'must be greater than zero', value: '0' },
    ]);
    const unknown = await post('?invalidLines=skip').attach('file', file, 'x.csv');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('invalidLines must be "reject" or "exclude", not "skip"');
    expect(await t.sql(`SELECT count(*)::int AS n FROM catalogue_version WHERE agreement_id = $1`, [a.id])).toEqual([{ n: 0 }]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM catalogue_line_note n JOIN catalogue_version v ON v.id = n.version_id WHERE v.agreement_id = $1`, [a.id])).toEqual([{ n: 0 }]);
  });
});
