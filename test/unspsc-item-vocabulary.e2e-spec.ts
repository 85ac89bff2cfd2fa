import { DataSource } from 'typeorm';
import { ClassificationService } from '../src/classification/classification.service';
import { UnspscVocabulary } from '../src/classification/suggestions/unspsc-vocabulary';
import { RequestContext } from '../src/platform/context/request-context';
import { createAgreement, publishFile, REJECT, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The item vocabulary of UNSPSC suggestions is kept per catalogue version (issue 17): a publish
 * adds the new version's counts and subtracts the superseded one's. Through the real publishing
 * path (upload, submit, publish; rejection; two publishes at once), the rows it keeps must be
 * exactly those a rebuild from every published item writes.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,description,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');
const vocabulary = () => t.app.get(UnspscVocabulary);
const caughtUp = () => t.app.get(ClassificationService).vocabularyCaughtUp();

interface Snapshot {
  rows: string[];
  documents: number;
  counted: number[];
}

/** The item vocabulary as stored, the documents it says it counts, and the versions it counts. */
async function snapshot(): Promise<Snapshot> {
  const rows: { feature: string; code: string; n: number }[] = await t.sql(`SELECT feature, code, n FROM unspsc_feature WHERE source = 'item' ORDER BY feature COLLATE "C", code`);
  const [source] = await t.sql(`SELECT documents FROM unspsc_feature_source WHERE source = 'item'`);
  const counted = await t.sql(`SELECT version_id FROM unspsc_item_vocabulary_version ORDER BY version_id`);
  return { rows: rows.map((r) => `${r.feature} ${r.code} ${r.n}`), documents: source?.documents ?? 0, counted: counted.map((r) => r.version_id) };
}

/** What the vocabulary must hold: every published version, and as many documents as their items. */
async function published(): Promise<{ versions: number[]; items: number }> {
  const versions = await t.sql(`SELECT id FROM catalogue_version WHERE status = 'PUBLISHED' ORDER BY id`);
  const [{ items }] = await t.sql(`SELECT count(*)::int AS items FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED'`);
  return { versions: versions.map((v) => v.id), items };
}

/**
 * The incremental vocabulary against a full rebuild: equal row for row, and the rebuild (which
 * writes only rows that differ) touches none of them.
 */
async function expectSameAsRebuild(): Promise<Snapshot> {
  await caughtUp();
  const incremental = await snapshot();
  const now = await published();
  expect(incremental.counted).toEqual(now.versions);
  expect(incremental.documents).toBe(now.items);
  const [{ before }] = await t.sql(`SELECT txid_current()::text::bigint AS before`);
  await vocabulary().rebuildItems();
  const rebuilt = await snapshot();
  expect(incremental.rows).toEqual(rebuilt.rows);
  expect(incremental.documents).toBe(rebuilt.documents);
  expect(incremental.counted).toEqual(rebuilt.counted);
  const [{ touched }] = await t.sql(`SELECT count(*)::int AS touched FROM unspsc_feature WHERE source = 'item' AND xmin::text::bigint > $1`, [before]);
  expect(touched).toBe(0);
  return incremental;
}

const has = (s: Snapshot, feature: string, code: string) => s.rows.find((r) => r.startsWith(`${feature} ${code} `));

describe('UNSPSC item vocabulary kept per catalogue version', () => {
  it('publishes, supersedes, a rejection and two publishes at once give the rows a full rebuild gives', async () => {
    const first = await expectSameAsRebuild(); // the demo's published catalogues, counted at start
    expect(first.rows.length).toBeGreaterThan(0);

    const a = await createAgreement(t, { scope: ['44120000'] });
    const b = await createAgreement(t, { scope: ['44120000'] });
    const c = await createAgreement(t, { scope: ['44120000'] });
    const a1 = await publishFile(
      t,
      a.id,
      csv(['A-1,Snurrestift liten,Stifter i eske,44122107,4.00,25,EA', 'A-2,Snurrestift stor,,44122107,5.00,25,EA', 'A-3,Kulepenn blå,Klikkpenn,44121704,9.00,25,EA']),
    );
    const afterA1 = await expectSameAsRebuild();
    expect(has(afterA1, 'snurrestift', '44122107')).toBe('snurrestift 44122107 2');

    // B publishes the same words: the counts add up.
    await publishFile(t, b.id, csv(['B-1,Snurrestift mellom,Stifter,44122107,4.50,25,EA', 'B-2,Vrimlemarkør gul,,44121704,12.00,25,EA']));
    const afterB1 = await expectSameAsRebuild();
    expect(has(afterB1, 'snurrestift', '44122107')).toBe('snurrestift 44122107 3');

    // A's second version supersedes the first: its words leave (to zero: the row goes), new ones come.
    const a2 = await publishFile(t, a.id, csv(['A-1,Snurrestift liten,Stifter i eske,44122107,4.20,25,EA', 'A-4,Bladrepenn rød,,44121704,11.00,25,EA']));
    const [{ status }] = await t.sql(`SELECT status FROM catalogue_version WHERE id = $1`, [a1]);
    expect(status).toBe('SUPERSEDED');
    const afterA2 = await expectSameAsRebuild();
    expect(has(afterA2, 'snurrestift', '44122107')).toBe('snurrestift 44122107 2');
    expect(has(afterA2, 'bladrepenn', '44121704')).toBeDefined();
    expect(afterA2.counted).toContain(a2);
    expect(afterA2.counted).not.toContain(a1);
    expect(afterA1.rows.some((r) => r.startsWith('kulepenn 44121704 '))).toBe(true);

    // A rejected version is never counted.
    const rejected = await upload(t, c.id, csv(['C-9,Avvistvare spesiell,,44122107,1.00,25,EA']));
    expect(rejected.status).toBe(201);
    await t.gql(await t.login('katalog@kontorland.example'), SUBMIT, { id: rejected.body.version.id });
    const rej = await t.gql(await t.login('innkjoper@storby.example'), REJECT, { id: rejected.body.version.id, reason: 'Feil priser' });
    expect(rej.data.rejectCatalogueVersion.status).toBe('REJECTED');
    const afterRejection = await expectSameAsRebuild();
    expect(afterRejection.rows.some((r) => r.startsWith('avvistvar'))).toBe(false);

    // Two publishes at once (B superseded, C new), and two catch-ups racing the outbox's own.
    await Promise.all([
      publishFile(t, b.id, csv(['B-1,Snurrestift mellom,Stifter,44122107,4.50,25,EA', 'B-3,Tegnestift messing,,44122107,3.00,25,EA'])),
      publishFile(t, c.id, csv(['C-1,Snurrestift ekstra,,44122107,6.00,25,EA', 'C-2,Vrimlemarkør grønn,,44121704,12.00,25,EA'])),
      vocabulary().catchUpItems(),
    ]);
    await Promise.all([vocabulary().catchUpItems(), vocabulary().catchUpItems()]);
    const afterBoth = await expectSameAsRebuild();
    expect(has(afterBoth, 'snurrestift', '44122107')).toBe('snurrestift 44122107 3'); // A-1, B-1, C-1
    expect(has(afterBoth, 'vrimlemarkør', '44121704')).toBe('vrimlemarkør 44121704 1'); // B-2 left, C-2 came
  });

  it('writes only the rows of the words that changed when a version supersedes another', async () => {
    const d = await createAgreement(t, { scope: ['44120000'] });
    const e = await createAgreement(t, { scope: ['44120000'] });
    await publishFile(t, d.id, csv(['D-1,Kroneklemme sølv,,44122107,2.00,25,EA', 'D-2,Pusseviskelær hvitt,,44121704,2.00,25,EA']));
    await publishFile(t, e.id, csv(['E-1,Lommebinders rund,,44122107,2.00,25,EA']));
    await caughtUp();
    const [{ before }] = await t.sql(`SELECT txid_current()::text::bigint AS before`);
    await publishFile(t, d.id, csv(['D-1,Kroneklemme sølv,,44122107,2.10,25,EA', 'D-3,Gummistrikk brun,,44122107,2.00,25,EA']));
    await caughtUp();
    const touched: { feature: string }[] = await t.sql(`SELECT feature FROM unspsc_feature WHERE source = 'item' AND xmin::text::bigint > $1`, [before]);
    const features = touched.map((r) => r.feature);
    expect(features).toEqual(expect.arrayContaining(['gummistrikk'])); // came
    expect(features).not.toContain('kroneklemm'); // in both versions: its count is unchanged, its row untouched
    expect(features).not.toContain('lommebinder'); // another agreement's words are not counted again
    const [gone] = await t.sql(`SELECT count(*)::int AS n FROM unspsc_feature WHERE source = 'item' AND feature = 'pusseviskelær'`);
    expect(gone.n).toBe(0);
    await expectSameAsRebuild();
  });

  it('rebuilds the whole vocabulary when it does not match the versions it says it counts', async () => {
    const f = await createAgreement(t, { scope: ['44120000'] });
    await publishFile(t, f.id, csv(['F-1,Nålestikker grå,,44122107,2.00,25,EA']));
    await caughtUp();
    // Damage: a row the superseded version's subtraction needs is gone.
    const [removed] = await t.sql(`WITH d AS (DELETE FROM unspsc_feature WHERE source = 'item' AND feature = 'nålestikk' RETURNING n) SELECT n FROM d`);
    expect(removed.n).toBe(1);
    await publishFile(t, f.id, csv(['F-2,Papirklype svart,,44122107,2.00,25,EA']));
    const repaired = await expectSameAsRebuild();
    expect(repaired.rows.some((r) => r.startsWith('nålestikk'))).toBe(false);
    expect(repaired.rows.some((r) => r.startsWith('papirklyp'))).toBe(true);
  });

  it('still suggests from the published words', async () => {
    const ds = t.app.get(DataSource);
    const [suggestions] = await t.app.get(ClassificationService).suggest(new RequestContext(undefined, ds.manager), [{ name: 'Snurrestift' }], null);
    expect(suggestions[0].code).toBe('44122107');
  });
});
