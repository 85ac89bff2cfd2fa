import { createAgreement, publishFile } from './support/fixtures';
import { BESTILLER, catalogueCsv as csv, OTHER_ORGANISATION, SAME_ORGANISATION, useFavouritesApp } from './support/favourites';

/**
 * favouritesOfItems over HTTP (issue 18): the search asks, for a page of hits, which of them the
 * signed-in requester has marked, instead of reading every favourite. Each requester is told only
 * of their own favourites, whichever item ids they pass, in their organisation or another.
 */
const app = useFavouritesApp();
const { gql, itemIds } = app;

const OF_ITEMS = `query($ids: [String!]!) { favouritesOfItems(itemIds: $ids) { itemId favouriteId } }`;
const ADD = `mutation($i: String!) { addFavourite(itemId: $i) { __typename ... on Favourite { id } } }`;

describe('favouritesOfItems', () => {
  it('answers for the marked items among those asked, for the caller alone, and across catalogue versions', async () => {
    const a = await createAgreement(app.t, { reference: 'FAV-OF-ITEMS', scope: ['44120000'] });
    const rows = ['FO-1,Hullemaskin,44121618,10.00,25,EA', 'FO-2,Stiftemaskin,44121618,20.00,25,EA', 'FO-3,Tegnestift,44121618,5.00,25,EA'];
    const v1 = await itemIds(await publishFile(app.t, a.id, csv(rows), 'v1.csv'));
    const mine = (await gql(BESTILLER, ADD, { i: v1.get('FO-1') })).data.addFavourite;
    expect(mine.__typename).toBe('Favourite');
    // A colleague marks another item: a favourite of theirs, not the requester's.
    const colleagues = (await gql(SAME_ORGANISATION, ADD, { i: v1.get('FO-2') })).data.addFavourite;
    expect(colleagues.__typename).toBe('Favourite');

    const asked = [v1.get('FO-1'), v1.get('FO-2'), v1.get('FO-3')];
    expect((await gql(BESTILLER, OF_ITEMS, { ids: asked })).data.favouritesOfItems).toEqual([{ itemId: v1.get('FO-1'), favouriteId: mine.id }]);
    expect((await gql(SAME_ORGANISATION, OF_ITEMS, { ids: asked })).data.favouritesOfItems).toEqual([{ itemId: v1.get('FO-2'), favouriteId: colleagues.id }]);
    // Another organisation's requester passing the same ids learns of nobody's favourites.
    const other = await gql(OTHER_ORGANISATION, OF_ITEMS, { ids: asked });
    expect(other.errors).toBeUndefined();
    expect(other.data.favouritesOfItems).toEqual([]);

    // A new version of the catalogue: its item with the same supplier's number is the same favourite.
    const v2 = await itemIds(await publishFile(app.t, a.id, csv(rows.map((r) => r.replace('10.00', '11.00'))), 'v2.csv'));
    expect(v2.get('FO-1')).not.toBe(v1.get('FO-1'));
    expect((await gql(BESTILLER, OF_ITEMS, { ids: [v2.get('FO-1'), v2.get('FO-3')] })).data.favouritesOfItems).toEqual([{ itemId: v2.get('FO-1'), favouriteId: mine.id }]);

    // Unmarked, it is no longer answered for; an unknown item id is simply not marked.
    await gql(BESTILLER, `mutation($f: Int!) { removeFavourite(favouriteId: $f) { id } }`, { f: mine.id });
    expect((await gql(BESTILLER, OF_ITEMS, { ids: [...asked, '999999999'] })).data.favouritesOfItems).toEqual([]);
  });

  it('refuses item ids that are not ids, and too many at once, as bad input saying which', async () => {
    const notAnId = await gql(BESTILLER, OF_ITEMS, { ids: ['12', 'KL-100'] });
    expect(notAnId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemIds[1]' });
    expect(notAnId.errors![0].message).toContain('must be a catalogue item id');
    const tooMany = await gql(BESTILLER, OF_ITEMS, { ids: Array.from({ length: 101 }, (_, i) => String(i + 1)) });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemIds', max: 100 });
    expect((await gql(BESTILLER, OF_ITEMS, { ids: [] })).data.favouritesOfItems).toEqual([]);
  });

  it('is for requesters: a supplier is refused', async () => {
    const supplier = await gql('katalog@kontorland.example', OF_ITEMS, { ids: ['1'] });
    expect(supplier.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
