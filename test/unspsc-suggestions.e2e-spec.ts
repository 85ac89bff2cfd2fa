import { createAgreement, publishFile, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { ClassificationService } from '../src/classification/classification.service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,description,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');
const supplier = () => t.login('katalog@kontorland.example');
const ACCEPT = `mutation($input: AcceptUnspscSuggestionsInput!) { acceptUnspscSuggestions(input: $input) {
  __typename
  ... on UnspscSuggestionsAccepted { accepted stillAwaiting version { id itemCount status } }
  ... on UnspscChoicesRefused { errorCode message problems { lineNumber code reason } }
  ... on CatalogueStateError { errorCode message status } } }`;
const AWAITING = `query($id: Int!) { catalogueVersion(id: $id) { itemCount unspscAwaiting(first: 10) { totalCount edges { node {
  lineNumber sellerItemId name givenCode reason suggestions { code title level confidence } } } } } }`;

/** Lines 2–4 lack a usable code (none, none, one outside the scope); line 5 is an ordinary item. */
const FILE = csv([
  'U-1,Kopipapir A4 80 g 2500 ark,Hvitt kopipapir for laser og blekk,,149.00,25,PK',
  'U-2,Kulepenn grønn 0.7 mm 50 stk,Kulepenn med klikkmekanisme,,120.00,25,BX',
  'U-3,Ringperm A5 25 mm hvit,Ringperm med to ringer,43211708,28.00,25,EA',
  'U-4,Blyant HB 12 stk,Blyant med viskelær,44121706,19.00,25,PK',
]);

describe('UNSPSC suggestions for catalogue lines without a usable code', () => {
  it('upload → the report suggests codes → the supplier accepts them in one step → the version validates and is submitted', async () => {
    const a = await createAgreement(t, { scope: ['14110000', '44120000'] });
    const res = await upload(t, a.id, FILE, 'uten-koder.csv');
    expect(res.status).toBe(201);
    expect(res.body.version.itemCount).toBe(1); // the pencil; the other three wait for a code
    expect(res.body.awaitingUnspscCount).toBe(3);
    const byLine = Object.fromEntries(res.body.unspscSuggestions.map((s: any) => [s.line, s]));
    expect(Object.keys(byLine)).toEqual(['2', '3', '4']);
    expect(byLine[2]).toMatchObject({ sellerItemId: 'U-1', givenCode: null, reason: 'The line has no UNSPSC code' });
    expect(byLine[4]).toMatchObject({ givenCode: '43211708', reason: 'UNSPSC code 43211708 lies outside the agreement scope (14110000, 44120000)' });
    // The published demo catalogue uses these codes for such items; the report names them first.
    expect(byLine[2].suggestions[0]).toMatchObject({ code: '14111507', title: 'Printer or copier paper', level: 4 });
    expect(byLine[3].suggestions[0]).toMatchObject({ code: '44121704', title: 'Ball point pens', level: 4 });
    expect(byLine[4].suggestions[0]).toMatchObject({ code: '44122000', title: 'Folders and binders and indexes', level: 3 });
    for (const line of Object.values<any>(byLine)) {
      expect(line.suggestions.length).toBeGreaterThan(0);
      expect(line.suggestions.length).toBeLessThanOrEqual(3);
      for (const s of line.suggestions) {
        expect(s.confidence).toBeGreaterThan(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
        expect(s.code.startsWith('1411') || s.code.startsWith('4412')).toBe(true); // inside the scope only
      }
      const confidences = line.suggestions.map((s: any) => s.confidence);
      expect(confidences).toEqual([...confidences].sort((x, y) => y - x));
    }
    const id = res.body.version.id;

    // The draft cannot be submitted while lines wait.
    const early = await t.gql(await supplier(), SUBMIT, { id });
    expect(early.data.submitCatalogueVersion).toMatchObject({ __typename: 'CatalogueStateError', status: 'DRAFT' });
    expect(early.data.submitCatalogueVersion.message).toMatch(/has 3 line\(s\) without a UNSPSC code inside the agreement scope/);

    // The purchasing unit sees the same report on the version.
    const seen = await t.gql(await t.login('innkjoper@storby.example'), AWAITING, { id });
    const awaiting = seen.data.catalogueVersion.unspscAwaiting;
    expect(awaiting.totalCount).toBe(3);
    expect(awaiting.edges.map((e: any) => e.node.lineNumber)).toEqual([2, 3, 4]);
    expect(awaiting.edges[0].node.suggestions).toEqual(byLine[2].suggestions);

    const choices = [2, 3, 4].map((line) => ({ lineNumber: line, code: byLine[line].suggestions[0].code }));
    const accepted = await t.gql(await supplier(), ACCEPT, { input: { versionId: id, lines: choices } });
    expect(accepted.data.acceptUnspscSuggestions).toEqual({ __typename: 'UnspscSuggestionsAccepted', accepted: 3, stillAwaiting: 0, version: { id, itemCount: 4, status: 'DRAFT' } });
    const items = await t.sql(`SELECT seller_item_id, unspsc_code, name, price::text FROM catalogue_item WHERE version_id = $1 ORDER BY line_no`, [id]);
    expect(items.map((i) => [i.seller_item_id, i.unspsc_code])).toEqual([
      ['U-1', '14111507'],
      ['U-2', '44121704'],
      ['U-3', '44122000'],
      ['U-4', '44121706'],
    ]);
    expect(items[0]).toMatchObject({ name: 'Kopipapir A4 80 g 2500 ark', price: '149.0000' });
    const [audit] = await t.sql(`SELECT data FROM audit_event WHERE action = 'catalogue.unspsc-accepted' AND entity_id = $1`, [String(id)]);
    expect(audit.data.lines).toHaveLength(3);
    expect(audit.data.lines[0]).toMatchObject({ line: 2, sellerItemId: 'U-1', code: '14111507', givenCode: null, rank: 1 });
    expect(audit.data.lines[0].confidence).toBe(byLine[2].suggestions[0].confidence);

    expect((await t.gql(await supplier(), SUBMIT, { id })).data.submitCatalogueVersion).toEqual({ __typename: 'CatalogueVersion', id, status: 'SUBMITTED' });
    const again = await t.gql(await supplier(), ACCEPT, { input: { versionId: id, lines: choices } });
    expect(again.data.acceptUnspscSuggestions).toMatchObject({ __typename: 'CatalogueStateError', status: 'SUBMITTED' });
  });

  it('refuses a code that is not suggested for the line, or does not exist, precisely and changing nothing', async () => {
    const a = await createAgreement(t, { scope: ['14110000', '44120000'] });
    const res = await upload(t, a.id, FILE, 'uten-koder.csv');
    const id = res.body.version.id;
    const suggested = res.body.unspscSuggestions.find((s: any) => s.line === 2).suggestions.map((s: any) => s.code);
    const refused = await t.gql(await supplier(), ACCEPT, {
      input: {
        versionId: id,
        lines: [
          { lineNumber: 2, code: '44121706' },
          { lineNumber: 3, code: '99999999' },
          { lineNumber: 5, code: '44121706' },
          { lineNumber: 4, code: '4412' },
        ],
      },
    });
    const r = refused.data.acceptUnspscSuggestions;
    expect(r.__typename).toBe('UnspscChoicesRefused');
    expect(r.errorCode).toBe('UNSPSC_CHOICES_REFUSED');
    expect(r.problems).toEqual([
      { lineNumber: 2, code: '44121706', reason: `44121706 is not one of the codes suggested for line 2 (${suggested.join(', ')}); upload the line with the code you want instead` },
      { lineNumber: 3, code: '99999999', reason: expect.stringMatching(/^99999999 is not one of the codes suggested for line 3 \(44121704/) },
      { lineNumber: 5, code: '44121706', reason: 'line 5 does not wait for a UNSPSC code in this version' },
      { lineNumber: 4, code: '4412', reason: '"4412" is not an 8-digit UNSPSC code' },
    ]);
    // All or nothing: the acceptable choices were not applied either.
    const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_item WHERE version_id = $1', [id]);
    expect(n).toBe(1);
    expect((await t.gql(await supplier(), AWAITING, { id })).data.catalogueVersion.unspscAwaiting.totalCount).toBe(3);
  });

  it('keeps tenants apart: another supplier cannot see or accept, the purchasing unit cannot choose codes', async () => {
    const a = await createAgreement(t, { scope: ['14110000', '44120000'] });
    const res = await upload(t, a.id, FILE, 'uten-koder.csv');
    const id = res.body.version.id;
    const code = res.body.unspscSuggestions[0].suggestions[0].code;
    const input = { versionId: id, lines: [{ lineNumber: 2, code }] };
    const other = await t.login('katalog@medisinsk.example');
    const byOther = await t.gql(other, ACCEPT, { input });
    expect(byOther.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gql(other, AWAITING, { id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    const byPurchaser = await t.gql(await t.login('innkjoper@storby.example'), ACCEPT, { input });
    expect(byPurchaser.errors![0].extensions!.code).toBe('FORBIDDEN');
    const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_line_awaiting_unspsc WHERE version_id = $1', [id]);
    expect(n).toBe(3);
  });

  it('a file with other problems still fails as a whole, and its report names the missing codes with suggestions', async () => {
    const a = await createAgreement(t, { scope: ['14110000', '44120000'] });
    const res = await upload(t, a.id, csv(['F-1,Kulepenn blå,,,10.00,25,EA', 'F-2,Kopipapir A4,,14111507,-3,25,PK']), 'feil.csv');
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { line: 2, location: 'line 2', field: 'unspsc', reason: 'is required' },
      { line: 3, location: 'line 3', field: 'price', reason: 'must be a positive decimal number such as 149.90', value: '-3' },
    ]);
    expect(res.body.unspscSuggestions).toHaveLength(1);
    expect(res.body.unspscSuggestions[0]).toMatchObject({ line: 2, sellerItemId: 'F-1', suggestions: expect.arrayContaining([expect.objectContaining({ code: '44121704' })]) });
    expect(res.body.unspscSuggestions[0].suggestions[0].code).toBe('44121704');
    const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM catalogue_version WHERE agreement_id = $1', [a.id]);
    expect(n).toBe(0);
  });

  it('learns the words of newly published catalogues', async () => {
    const a = await createAgreement(t, { scope: ['44120000'] });
    const before = await upload(t, a.id, csv(['L-1,Gnurkeklemme stor,,,5.00,25,EA']), 'ny.csv');
    expect(before.body.unspscSuggestions[0].suggestions.map((s: any) => s.code)).not.toContain('44122107');
    const b = await createAgreement(t, { scope: ['44120000'] });
    await publishFile(t, b.id, csv(['G-1,Gnurkeklemme liten,Stifter,44122107,4.00,25,EA', 'G-2,Gnurkeklemme mellom,Stifter,44122107,4.50,25,EA']), 'gnurk.csv');
    await t.app.get(ClassificationService).vocabularyCaughtUp();
    const after = await upload(t, a.id, csv(['L-1,Gnurkeklemme stor,,,5.00,25,EA']), 'ny.csv');
    expect(after.body.unspscSuggestions[0].suggestions[0]).toMatchObject({ code: '44122107', title: 'Staples' });
  });
});
