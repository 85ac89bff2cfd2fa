import { createAgreement, publishFile } from './support/fixtures';
import { BESTILLER, catalogueCsv as csv, OTHER_ORGANISATION, SAME_ORGANISATION, useFavouritesApp } from './support/favourites';

/**
 * Favourites and order templates a page at a time over HTTP (issue 18): cursor connections keyed
 * on (name, id), so a favourite or template removed between pages skips nothing, and each
 * requester sees only their own, whoever's cursor they pass.
 */
const app = useFavouritesApp();
const { gql, itemIds } = app;

const FAVOURITES = `query($first: Int, $after: String) { favouritesConnection(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name sellerItemId currentItemId currentPrice } } } }`;
const TEMPLATES = `query($first: Int, $after: String) { orderTemplatesConnection(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id name lines { lineNo sellerItemId quantity } } } } }`;

const names = (connection: { edges: { node: { name: string } }[] }) => connection.edges.map((e) => e.node.name);

/** A published agreement with the given items (seller item id, name); their catalogue item ids by seller item id. */
async function itemsOnNewAgreement(reference: string, items: [string, string][]): Promise<Map<string, string>> {
  const a = await createAgreement(app.t, { reference, scope: ['44120000'] });
  const versionId = await publishFile(app.t, a.id, csv(items.map(([id, name]) => `${id},${name},44121618,10.00,25,EA`)), 'v1.csv');
  return itemIds(versionId);
}

describe('favouritesConnection', () => {
  it('pages by name; a favourite removed between pages skips nothing; each requester sees only their own', async () => {
    const items = await itemsOnNewAgreement('FAV-PAGE', [
      ['FP-1', 'Penal'],
      ['FP-2', 'Arkmappe'],
      ['FP-3', 'Dokumentmappe'],
      ['FP-4', 'Blyant HB'],
      ['FP-5', 'Ekstra linjal'],
    ]);
    const ids = new Map<string, number>();
    for (const itemId of items.values()) {
      const added = await gql(BESTILLER, `mutation($i: String!) { addFavourite(itemId: $i) { __typename ... on Favourite { id name } } }`, { i: itemId });
      expect(added.data.addFavourite.__typename).toBe('Favourite');
      ids.set(added.data.addFavourite.name, added.data.addFavourite.id);
    }

    const first = (await gql(BESTILLER, FAVOURITES, { first: 2 })).data.favouritesConnection;
    expect(first.totalCount).toBe(5);
    expect(names(first)).toEqual(['Arkmappe', 'Blyant HB']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.endCursor).toBe(first.edges[1].cursor);
    // Each favourite as the catalogue in force holds it now.
    expect(first.edges[0].node).toMatchObject({ sellerItemId: 'FP-2', currentItemId: items.get('FP-2'), currentPrice: '10.00' });

    // Removing a favourite already seen moves every later one up a position: an offset cursor
    // would now skip "Dokumentmappe"; the key (name, id) does not.
    await gql(BESTILLER, `mutation($f: Int!) { removeFavourite(favouriteId: $f) { id } }`, { f: ids.get('Arkmappe') });
    const second = (await gql(BESTILLER, FAVOURITES, { first: 2, after: first.pageInfo.endCursor })).data.favouritesConnection;
    expect(names(second)).toEqual(['Dokumentmappe', 'Ekstra linjal']);
    expect(second.totalCount).toBe(4);
    const third = (await gql(BESTILLER, FAVOURITES, { first: 2, after: second.pageInfo.endCursor })).data.favouritesConnection;
    expect(names(third)).toEqual(['Penal']);
    expect(third.pageInfo.hasNextPage).toBe(false);

    // Another user of the organisation, or of another, sees none of them, even with the cursor.
    for (const email of [SAME_ORGANISATION, OTHER_ORGANISATION]) {
      const theirs = (await gql(email, FAVOURITES, { first: 2, after: first.pageInfo.endCursor })).data.favouritesConnection;
      expect(theirs).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    }
    // The old whole list stays for the clients that read it (deprecated), with the same favourites.
    expect((await gql(BESTILLER, `{ favourites { name } }`)).data.favourites.map((f: { name: string }) => f.name)).toEqual(['Blyant HB', 'Dokumentmappe', 'Ekstra linjal', 'Penal']);
  });

  it('refuses a cursor that is not its own, and a page size out of range, as bad input', async () => {
    const offsetCursor = Buffer.from('o:3').toString('base64url');
    const bad = await gql(BESTILLER, FAVOURITES, { first: 2, after: offsetCursor });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(bad.errors![0].message).toContain('is not a cursor from this list');
    const tooMany = await gql(BESTILLER, FAVOURITES, { first: 101 });
    expect(tooMany.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('orderTemplatesConnection', () => {
  it('pages templates by name with their lines; a template deleted between pages skips nothing; each requester sees only their own', async () => {
    const items = await itemsOnNewAgreement('TPL-PAGE', [['TQ-1', 'Tusj sort']]);
    await gql(BESTILLER, `mutation { clearCart { id } }`);
    await gql(BESTILLER, `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }`, { i: { itemId: items.get('TQ-1'), quantity: '3' } });
    const ids = new Map<string, number>();
    for (const name of ['Mal C', 'Mal A', 'Mal E', 'Mal B', 'Mal D']) {
      const saved = await gql(BESTILLER, `mutation($n: String!) { saveCartAsTemplate(input: { name: $n }) { id } }`, { n: name });
      ids.set(name, saved.data.saveCartAsTemplate.id);
    }

    const first = (await gql(BESTILLER, TEMPLATES, { first: 2 })).data.orderTemplatesConnection;
    expect(first.totalCount).toBe(5);
    expect(names(first)).toEqual(['Mal A', 'Mal B']);
    expect(first.edges[0].node.lines).toEqual([{ lineNo: 1, sellerItemId: 'TQ-1', quantity: '3.00' }]);

    await gql(BESTILLER, `mutation($i: OrderTemplateIdInput!) { deleteOrderTemplate(input: $i) { id } }`, { i: { templateId: ids.get('Mal A') } });
    const second = (await gql(BESTILLER, TEMPLATES, { first: 2, after: first.pageInfo.endCursor })).data.orderTemplatesConnection;
    expect(names(second)).toEqual(['Mal C', 'Mal D']);
    expect(second.pageInfo.hasNextPage).toBe(true);
    const third = (await gql(BESTILLER, TEMPLATES, { first: 2, after: second.pageInfo.endCursor })).data.orderTemplatesConnection;
    expect(names(third)).toEqual(['Mal E']);
    expect(third.pageInfo.hasNextPage).toBe(false);

    for (const email of [SAME_ORGANISATION, OTHER_ORGANISATION]) {
      const theirs = (await gql(email, TEMPLATES, { first: 2, after: first.pageInfo.endCursor })).data.orderTemplatesConnection;
      expect(theirs).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    }
  });
});
