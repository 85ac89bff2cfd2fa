import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../src/main';
import { loadConfig } from '../src/platform/config/config';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An organisation's own search synonyms (issue 17 §2): kept through the API by a PURCHASER or
 * ADMIN for their organisation or one below it, applied to searches by that organisation's users
 * and those below it, and to nobody else's.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const SKOLE = 'bestiller@nordby.example';
const SYKEHJEM = 'bestiller@sykehjem.example';
const KOMMUNE_ADMIN = 'okonomi@storby.example';
const PURCHASER = 'innkjoper@storby.example';

const ADD = `mutation($i: AddSearchSynonymsInput!) { addSearchSynonyms(input: $i) {
  __typename ... on SearchSynonymGroup { id organisationId terms direction }
  ... on ErrorResult { errorCode message } ... on InvalidSynonymGroupError { termIndex } ... on DuplicateSynonymGroupError { existingGroupId } } }`;
const add = async (email: string, input: Record<string, unknown>) => {
  const res = await t.gql(await t.login(email), ADD, { i: input });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.addSearchSynonyms;
};
const names = async (email: string, text: string): Promise<string[]> => {
  const res = await t.gql(await t.login(email), `query($t: String) { searchProducts(input: { text: $t, first: 20 }) { edges { node { name } } } }`, { t: text });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.searchProducts.edges.map((e: any) => e.node.name as string);
};

it('an organisation’s synonym makes a search find an item for its users, and not for another organisation’s users', async () => {
  // The school and the nursing home both see the municipality's copy paper; "skriverark" finds nothing for either.
  expect(await names(SKOLE, 'skriverark')).toEqual([]);
  expect(await names(SYKEHJEM, 'skriverark')).toEqual([]);
  expect((await names(SYKEHJEM, 'kopipapir')).length).toBeGreaterThan(0);

  const group = await add(KOMMUNE_ADMIN, { organisationId: t.world.orgs.skole, terms: ['Skriverark', 'kopipapir'], direction: 'ONE_WAY' });
  expect(group).toMatchObject({ __typename: 'SearchSynonymGroup', organisationId: t.world.orgs.skole, terms: ['Skriverark', 'kopipapir'], direction: 'ONE_WAY' });

  const found = await names(SKOLE, 'skriverark');
  expect(found.length).toBeGreaterThan(0);
  expect(found.every((n) => /kopipapir/i.test(n))).toBe(true);
  expect(await names(SYKEHJEM, 'skriverark')).toEqual([]);

  // A group of the municipality applies to the organisations below it as well.
  expect(await names(SYKEHJEM, 'arkpakke')).toEqual([]);
  const kommune = await add(KOMMUNE_ADMIN, { terms: ['arkpakke', 'kopipapir'] });
  expect(kommune.organisationId).toBe(t.world.orgs.kommune);
  expect((await names(SYKEHJEM, 'arkpakke')).every((n) => /kopipapir/i.test(n))).toBe(true);
  expect((await names(SKOLE, 'arkpakke')).length).toBeGreaterThan(0);

  // Removed: the next search no longer applies it; the change is audited both ways.
  const removed = await t.gql(await t.login(KOMMUNE_ADMIN), `mutation($id: Int!) { removeSearchSynonyms(id: $id) { id terms } }`, { id: group.id });
  expect(removed.data.removeSearchSynonyms).toEqual({ id: group.id, terms: ['Skriverark', 'kopipapir'] });
  expect(await names(SKOLE, 'skriverark')).toEqual([]);
  const audit = await t.sql(`SELECT action, entity_id, data->'terms' AS terms FROM audit_event WHERE action LIKE 'search-synonyms.%' ORDER BY id`);
  expect(audit).toEqual([
    { action: 'search-synonyms.added', entity_id: String(t.world.orgs.skole), terms: ['Skriverark', 'kopipapir'] },
    { action: 'search-synonyms.added', entity_id: String(t.world.orgs.kommune), terms: ['arkpakke', 'kopipapir'] },
    { action: 'search-synonyms.removed', entity_id: String(t.world.orgs.skole), terms: ['Skriverark', 'kopipapir'] },
  ]);
});

it('a purchasing unit keeps synonyms for its own organisation; they reach its searches and not the municipality’s', async () => {
  const group = await add(PURCHASER, { terms: ['sittemøbel', 'kontorstol'] });
  expect(group.__typename).toBe('SearchSynonymGroup');
  expect((await names(PURCHASER, 'sittemøbel')).some((n) => /^Kontorstol/.test(n))).toBe(true);
  expect(await names(SKOLE, 'sittemøbel')).toEqual([]);
});

it('answers bad groups with a result naming the problem and the term, and writes nothing', async () => {
  const before = (await t.sql(`SELECT count(*)::int AS n FROM search_synonym_group`))[0].n;
  expect(await add(KOMMUNE_ADMIN, { terms: ['stol'] })).toMatchObject({ __typename: 'InvalidSynonymGroupError', errorCode: 'TOO_FEW_TERMS', termIndex: null });
  expect(await add(KOMMUNE_ADMIN, { terms: ['stol', '  '] })).toMatchObject({ errorCode: 'EMPTY_TERM', termIndex: 1 });
  expect(await add(KOMMUNE_ADMIN, { terms: ['stol', 'x'.repeat(61)] })).toMatchObject({ errorCode: 'TERM_TOO_LONG', termIndex: 1 });
  expect(await add(KOMMUNE_ADMIN, { terms: ['Stol', 'chair', 'STOL'] })).toMatchObject({ errorCode: 'REPEATED_TERM', termIndex: 2 });
  const first = await add(KOMMUNE_ADMIN, { terms: ['pult', 'skrivepult'] });
  // The same group in another order and case is a duplicate; one way it is another group.
  expect(await add(KOMMUNE_ADMIN, { terms: ['Skrivepult', 'PULT'] })).toMatchObject({ __typename: 'DuplicateSynonymGroupError', existingGroupId: first.id });
  expect((await add(KOMMUNE_ADMIN, { terms: ['pult', 'skrivepult'], direction: 'ONE_WAY' })).__typename).toBe('SearchSynonymGroup');
  expect((await t.sql(`SELECT count(*)::int AS n FROM search_synonym_group`))[0].n).toBe(before + 2);
});

it('lists an organisation’s groups in pages, and keeps other organisations out', async () => {
  const token = await t.login(KOMMUNE_ADMIN);
  const LIST = `query($first: Int, $after: String, $org: Int) { searchSynonyms(first: $first, after: $after, organisationId: $org) { totalCount pageInfo { hasNextPage endCursor } edges { node { terms direction } } } }`;
  const page1 = (await t.gql(token, LIST, { first: 2 })).data.searchSynonyms;
  expect(page1.totalCount).toBe(3); // arkpakke, pult both ways, pult one way
  expect(page1.pageInfo.hasNextPage).toBe(true);
  const page2 = (await t.gql(token, LIST, { first: 2, after: page1.pageInfo.endCursor })).data.searchSynonyms;
  expect([...page1.edges, ...page2.edges].map((e: any) => e.node.terms[0])).toEqual(['arkpakke', 'pult', 'pult']);
  expect(page2.pageInfo.hasNextPage).toBe(false);
  // The purchasing unit is not the municipality's, nor is the municipality below the school.
  const other = await t.gql(await t.login(PURCHASER), LIST, { org: t.world.orgs.kommune });
  expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
  const [{ id }] = await t.sql(`SELECT id FROM search_synonym_group WHERE organisation_id = $1 LIMIT 1`, [t.world.orgs.kommune]);
  const remove = await t.gql(await t.login(PURCHASER), `mutation($id: Int!) { removeSearchSynonyms(id: $id) { id } }`, { id });
  expect(remove.errors![0].extensions!.code).toBe('NOT_FOUND');
  // A requester keeps no synonyms.
  const requester = await t.gql(await t.login(SKOLE), ADD, { i: { terms: ['a', 'b'] } });
  expect(requester.errors![0].extensions!.code).toBe('FORBIDDEN');
});

describe('two instances of the service on one database', () => {
  let other: NestExpressApplication;
  beforeAll(async () => {
    other = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0' }));
    await other.init();
  });
  afterAll(() => other?.close());

  /** A search through the other instance, as its own signed-in user. */
  const namesThere = async (email: string, text: string): Promise<string[]> => {
    const http = request(other.getHttpServer());
    const login = await http.post('/graphql').send({ query: 'mutation($e: String!) { devLogin(email: $e) { token } }', variables: { e: email } });
    const res = await http
      .post('/graphql')
      .set('Authorization', `Bearer ${login.body.data.devLogin.token}`)
      .send({ query: `query($t: String) { searchProducts(input: { text: $t, first: 20 }) { edges { node { name } } } }`, variables: { t: text } });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data.searchProducts.edges.map((e: any) => e.node.name as string);
  };

  it('a synonym added or removed through one instance is applied or dropped by the other’s next search', async () => {
    // The other instance has searched (and remembered the school's groups) before the change.
    expect(await namesThere(SKOLE, 'printerark')).toEqual([]);
    expect(await namesThere(SKOLE, 'printerark')).toEqual([]);
    const group = await add(KOMMUNE_ADMIN, { organisationId: t.world.orgs.skole, terms: ['printerark', 'kopipapir'], direction: 'ONE_WAY' });
    // No waiting: the next search there sees the change.
    const found = await namesThere(SKOLE, 'printerark');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((n) => /kopipapir/i.test(n))).toBe(true);
    expect(found).toEqual(await names(SKOLE, 'printerark'));

    await t.gql(await t.login(KOMMUNE_ADMIN), `mutation($id: Int!) { removeSearchSynonyms(id: $id) { id } }`, { id: group.id });
    expect(await namesThere(SKOLE, 'printerark')).toEqual([]);
  });

  it('a change of the word list or of the groups moves its generation in the same transaction; a statement that changes nothing does not', async () => {
    const generations = async () => Object.fromEntries((await t.sql(`SELECT kind, generation FROM search_generation`)).map((r) => [r.kind, r.generation]));
    const before = await generations();
    await t.sql(`INSERT INTO search_word (word) SELECT word FROM search_word LIMIT 1 ON CONFLICT DO NOTHING`);
    await t.sql(`DELETE FROM search_word_expansion WHERE false`);
    expect(await generations()).toEqual(before);
    await t.sql(`INSERT INTO search_word (word) VALUES ('zzgenerasjonsord')`);
    expect(await generations()).toEqual({ ...before, words: before.words + 1 });
    await t.sql(`DELETE FROM search_word WHERE word = 'zzgenerasjonsord'`);
    await t.sql(`DELETE FROM search_word_expansion`);
    expect(await generations()).toEqual({ ...before, words: before.words + 3 });
  });
});
