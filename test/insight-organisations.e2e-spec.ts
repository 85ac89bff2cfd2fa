import { startTestApp, TestApp } from './support/test-app';

/**
 * insightOrganisations: the organisations a dashboard may be narrowed to, searched and paged on
 * the server (issue 18: the dashboards' picker took only the first 100). Storby kommune gets 150
 * more schools, so the purchasing unit sees 154 organisations: its own, the municipality, Nordby
 * skole, Storby sykehjem and the 150. Vestby kommune (in none of its agreements) is never listed.
 */
let t: TestApp;

const QUERY = `query($search: String, $first: Int!, $after: String) {
  insightOrganisations(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name orgNumber } }
  }
}`;

beforeAll(async () => {
  t = await startTestApp();
  // Skole 001 … Skole 150 under Storby kommune, numbered 800000001 …; inserted as the register would hold them.
  await t.sql(
    `INSERT INTO organisation (name, org_number, kind, parent_id)
     SELECT 'Storby skole ' || lpad(n::text, 3, '0'), (800000000 + n)::text, 'BUYER', $1 FROM generate_series(1, 150) n`,
    [t.world.orgs.kommune],
  );
}, 180_000);
afterAll(() => t?.close());

const ask = async (email: string, variables: Record<string, unknown>) => t.gql(await t.login(email), QUERY, { first: 20, ...variables });
const names = (res: { data?: any }) => res.data.insightOrganisations.edges.map((e: { node: { name: string } }) => e.node.name);

describe('insightOrganisations', () => {
  it('pages through every organisation in the purchasing unit’s view by name, each once, and none outside it', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await ask('innkjoper@storby.example', { first: 100, after });
      expect(res.errors).toBeUndefined();
      const c = res.data.insightOrganisations;
      expect(c.totalCount).toBe(154);
      seen.push(...names(res));
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(154);
    expect(new Set(seen).size).toBe(154);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(seen).toEqual(expect.arrayContaining(['Storby innkjøpssenter', 'Storby kommune', 'Nordby skole', 'Storby sykehjem', 'Storby skole 150']));
    expect(seen).not.toContain('Vestby kommune');
    expect(seen).not.toContain('Kontorland AS');
  });

  it('finds one organisation by part of its name in any case, or by the start of its number', async () => {
    const byName = await ask('innkjoper@storby.example', { search: 'SKOLE 149' });
    expect(names(byName)).toEqual(['Storby skole 149']);
    expect(byName.data.insightOrganisations.totalCount).toBe(1);
    const byNumber = await ask('innkjoper@storby.example', { search: '80000014' });
    expect(names(byNumber)).toEqual([
      'Storby skole 140',
      'Storby skole 141',
      'Storby skole 142',
      'Storby skole 143',
      'Storby skole 144',
      'Storby skole 145',
      'Storby skole 146',
      'Storby skole 147',
      'Storby skole 148',
      'Storby skole 149',
    ]);
    const several = await ask('innkjoper@storby.example', { search: 'skole', first: 5 });
    expect(several.data.insightOrganisations.totalCount).toBe(151);
    expect(names(several)).toEqual(['Nordby skole', 'Storby skole 001', 'Storby skole 002', 'Storby skole 003', 'Storby skole 004']);
  });

  it('takes wildcards literally and finds nothing of another tree', async () => {
    expect((await ask('innkjoper@storby.example', { search: '%' })).data.insightOrganisations.totalCount).toBe(0);
    expect((await ask('innkjoper@storby.example', { search: 'Storby_skole' })).data.insightOrganisations.totalCount).toBe(0);
    expect((await ask('innkjoper@storby.example', { search: 'Vestby' })).data.insightOrganisations.totalCount).toBe(0);
  });

  it('lists only its own tree for a municipality’s accounts payable, and refuses a requester and a supplier', async () => {
    const ap = await ask('faktura@storby.example', { first: 100 });
    expect(ap.data.insightOrganisations.totalCount).toBe(153);
    expect(names(ap)).not.toContain('Storby innkjøpssenter');
    for (const email of ['bestiller@nordby.example', 'katalog@kontorland.example']) {
      const res = await ask(email, {});
      expect([email, res.errors?.[0]?.extensions?.code]).toEqual([email, 'FORBIDDEN']);
    }
  });

  it('says what is wrong with a search too long or a page too large', async () => {
    const long = await ask('innkjoper@storby.example', { search: 'x'.repeat(101) });
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.message).toMatch(/search/);
    const large = await ask('innkjoper@storby.example', { first: 101 });
    expect(large.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
