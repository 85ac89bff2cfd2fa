import { DataSource } from 'typeorm';
import { StoredAttributeFacets1763800000013 } from '../migrations/1763800000013-StoredAttributeFacets';
import { attributeFacets } from '../src/search/attribute-facets';
import { startTestApp, TestApp } from './support/test-app';

// Migration StoredAttributeFacets gives the items stored before it their facets, published ones included.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it('gives every item stored before the migration the facets of its attributes, and leaves the items frozen again', async () => {
  const migration = new StoredAttributeFacets1763800000013();
  const runner = t.app.get(DataSource).createQueryRunner();
  try {
    await runner.startTransaction();
    await migration.down(runner);
    await migration.up(runner);
    await runner.commitTransaction();
  } finally {
    await runner.release();
  }
  const items = await t.sql(`SELECT ci.attributes, ci.attr_facets FROM catalogue_item ci JOIN catalogue_version cv ON cv.id = ci.version_id WHERE cv.status = 'PUBLISHED'`);
  expect(items.filter((i) => i.attr_facets.length > 0).length).toBeGreaterThan(10); // the demo catalogues' eco-labels and sizes
  for (const i of items) expect([...i.attr_facets].sort()).toEqual(attributeFacets(i.attributes).sort());
  await expect(t.sql(`UPDATE catalogue_item ci SET price = 1 FROM catalogue_version cv WHERE cv.id = ci.version_id AND cv.status = 'PUBLISHED'`)).rejects.toThrow(/cannot change/);
});
