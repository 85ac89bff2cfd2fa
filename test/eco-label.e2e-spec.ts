import { Client } from 'pg';
import { ECO_LABEL_SQL, isEcoLabelled } from '../src/catalogues/eco-label';
import { attributeFacets } from '../src/search/attribute-facets';

/**
 * The eco-label rule is said in JS (Meilisearch's documents) and in SQL (PostgreSQL search, the
 * item as bought): the same cases go to both, the SQL over the facets as stored
 * (catalogue-item-fields.ts writes attributeFacets) in the real PostgreSQL. No tables are needed,
 * so it asks the test run's server directly, without an app.
 */
const CASES: [attributes: Record<string, unknown> | null, labelled: boolean][] = [
  [{ ecolabel: 'Svanemerket' }, true],
  [{ Miljømerke: 'TCO Certified' }, true],
  [{ 'ECO-LABEL': 'fsc' }, true],
  [{ ecolabel: 'Svanemerket', farge: 'blå' }, true],
  [{ ecolabel: 'ingen', miljomerke: 'Møbelfakta' }, true],
  [{ ecolabel: 0 }, true],
  [{ ecolabel: 'Nei' }, false],
  [{ ecolabel: 'NONE' }, false],
  [{ ecolabel: ' ' }, false],
  [{ ecolabel: ' - ' }, false],
  // Blanks SQL's btrim alone would keep: both trim the same ones.
  [{ ecolabel: '\t-\u00a0' }, false],
  [{ miljømerking: '\n' }, false],
  // A value that is null is stored as "null" (attributeFacets): no label, whether null or the word.
  [{ ecolabel: null }, false],
  [{ ecolabel: 'null' }, false],
  [{ ecolabel: ' Null ' }, false],
  [{ farge: 'grønn' }, false],
  [{ farge: 'ecolabel=svanemerket' }, false],
  [{}, false],
  [null, false],
];

describe('the eco-label rule in JS and in SQL', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: process.env.TEST_PG_URL });
    await db.connect();
  });
  afterAll(() => db?.end());

  it('gives the same answer in both, and the expected one, for every case', async () => {
    const { rows } = await db.query<{ labelled: boolean[] }>(
      `SELECT array_agg(${ECO_LABEL_SQL('c.facets')} ORDER BY c.n) AS labelled
         FROM jsonb_to_recordset($1::jsonb) AS c(n int, facets text[])`,
      [JSON.stringify(CASES.map(([attributes], n) => ({ n, facets: attributeFacets(attributes) })))],
    );
    const expected = CASES.map(([attributes, labelled]) => [attributes, labelled]);
    expect(CASES.map(([attributes]) => [attributes, isEcoLabelled(attributes)])).toEqual(expected);
    expect(CASES.map(([attributes], i) => [attributes, rows[0].labelled[i]])).toEqual(expected);
  });
});
