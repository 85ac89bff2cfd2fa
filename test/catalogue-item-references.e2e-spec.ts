import { Client } from 'pg';
import { CATALOGUE_ITEM_FIELDS, ITEM_COLUMNS } from '../src/catalogues/catalogue-item-fields';
import { createAgreement, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** The references of catalogue items (version, UNSPSC code) hold as foreign keys would, checked per statement. */
let t: TestApp;
let versionId: number;
beforeAll(async () => {
  t = await startTestApp();
  const a = await createAgreement(t);
  const res = await upload(t, a.id, Buffer.from('seller_item_id,name,unspsc,price,vat_rate,unit\nR-1,Kulepenn,44121704,9.90,25,EA\nR-2,Blyant,44121706,4.50,25,EA\n'), 'r.csv');
  expect(res.status).toBe(201);
  versionId = res.body.version.id;
});
afterAll(() => t?.close());

const insertItem = (version: number, code: string, id: string) =>
  t.sql(`INSERT INTO catalogue_item (version_id, line_no, seller_item_id, name, unspsc_code, price, currency, vat_rate, unit_code) VALUES ($1, 9, $3, 'x', $2, 1, 'NOK', 25, 'EA')`, [
    version,
    code,
    id,
  ]);

it('refuses an item whose version or UNSPSC code does not exist, naming which', async () => {
  await expect(insertItem(versionId, '99999999', 'R-9')).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/UNSPSC code 99999999/) });
  await expect(insertItem(987654, '44121704', 'R-9')).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/version 987654/) });
  await expect(t.sql(`UPDATE catalogue_item SET unspsc_code = '99999998' WHERE version_id = $1 AND seller_item_id = 'R-1'`, [versionId])).rejects.toMatchObject({ code: '23503' });
  expect((await t.sql('SELECT count(*)::int AS n FROM catalogue_item WHERE version_id = $1', [versionId]))[0].n).toBe(2);
});

it('keeps a UNSPSC code that items use, and lets an unused one go', async () => {
  await expect(t.sql(`DELETE FROM unspsc_node WHERE code = '44121704'`)).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/44121704 is used/) });
  await t.sql(`INSERT INTO unspsc_node (code, title, level, parent_code, version) VALUES ('44121798', 'Unused test code', 4, '44121700', 'test')`);
  await t.sql(`DELETE FROM unspsc_node WHERE code = '44121798'`);
  expect(await t.sql(`SELECT code FROM unspsc_node WHERE code IN ('44121704', '44121798')`)).toEqual([{ code: '44121704' }]);
});

it('keeps a used UNSPSC code from being renumbered, but lets its title change and an unused code be renumbered', async () => {
  await expect(t.sql(`UPDATE unspsc_node SET code = '44121796' WHERE code = '44121704'`)).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/44121704 is used/) });
  await t.sql(`UPDATE unspsc_node SET title = 'Ballpoint pens (renamed)' WHERE code = '44121704'`);
  await t.sql(`INSERT INTO unspsc_node (code, title, level, parent_code, version) VALUES ('44121795', 'Unused test code', 4, '44121700', 'test')`);
  await t.sql(`UPDATE unspsc_node SET code = '44121794' WHERE code = '44121795'`);
  expect(await t.sql(`SELECT code, title FROM unspsc_node WHERE code IN ('44121704', '44121794', '44121795', '44121796') ORDER BY code`)).toEqual([
    { code: '44121704', title: 'Ballpoint pens (renamed)' },
    { code: '44121794', title: 'Unused test code' },
  ]);
});

it('makes a code deletion wait for an upload in flight that uses the code, then refuse it', async () => {
  await t.sql(`INSERT INTO unspsc_node (code, title, level, parent_code, version) VALUES ('44121797', 'Code used by an upload in flight', 4, '44121700', 'test')`);
  const uploading = new Client({ connectionString: t.databaseUrl });
  const deleting = new Client({ connectionString: t.databaseUrl });
  await uploading.connect();
  await deleting.connect();
  try {
    await uploading.query('BEGIN');
    await uploading.query(
      `INSERT INTO catalogue_item (version_id, line_no, seller_item_id, name, unspsc_code, price, currency, vat_rate, unit_code) VALUES ($1, 9, 'R-8', 'x', '44121797', 1, 'NOK', 25, 'EA')`,
      [versionId],
    );
    // Uncommitted, the item is invisible to others: without the lock the delete would pass.
    let settled = false;
    const deletion = deleting.query(`DELETE FROM unspsc_node WHERE code = '44121797'`).finally(() => (settled = true));
    deletion.catch(() => undefined);
    const [{ waiting }] = await pollUntil(
      () => t.sql(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM unspsc_node%'`),
      (r) => r[0].waiting > 0,
    );
    expect(waiting).toBe(1);
    expect(settled).toBe(false);
    await uploading.query('COMMIT');
    await expect(deletion).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/44121797 is used/) });
    expect(await t.sql(`SELECT code FROM unspsc_node WHERE code = '44121797'`)).toEqual([{ code: '44121797' }]);
  } finally {
    await uploading.end();
    await deleting.end();
  }
  await t.sql(`DELETE FROM catalogue_item WHERE version_id = $1 AND seller_item_id = 'R-8'`, [versionId]);
});

async function pollUntil<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await read();
    if (done(v) || i > 200) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

it('has a field in the item descriptor for every stored column of catalogue_item, and the API shows each output field', async () => {
  const columns = await t.sql(
    `SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'catalogue_item' AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position`,
  );
  expect(columns.map((r) => r.c).sort()).toEqual(['id', 'version_id', ...ITEM_COLUMNS].sort());
  const outputs = CATALOGUE_ITEM_FIELDS.filter((f) => f.output).map((f) => f.output!.name);
  const token = await t.login('katalog@kontorland.example');
  const res = await t.gql(token, `query($id: Int!) { catalogueVersion(id: $id) { items(first: 1) { edges { node { id ${outputs.join(' ')} } } } } }`, { id: versionId });
  expect(res.errors).toBeUndefined();
  expect(res.data.catalogueVersion.items.edges[0].node).toEqual({
    id: expect.any(String),
    lineNo: 2,
    sellerItemId: 'R-1',
    name: 'Kulepenn',
    description: null,
    unspscCode: '44121704',
    price: expect.stringMatching(/^9\.90*$/), // trailing zeros depend on the Decimal scalar
    currency: 'NOK',
    vatRate: expect.stringMatching(/^25(\.0+)?$/),
    unitCode: 'EA',
    gtin: null,
    manufacturer: null,
    attributes: {},
    validFrom: null,
    validTo: null,
    orderable: true,
  });
});

it('deletes a draft version’s items with the version', async () => {
  await t.sql('DELETE FROM catalogue_version WHERE id = $1', [versionId]);
  expect((await t.sql('SELECT count(*)::int AS n FROM catalogue_item WHERE version_id = $1', [versionId]))[0].n).toBe(0);
});
