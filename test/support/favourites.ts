import { startTestApp, TestApp } from './test-app';

/**
 * The set-up the favourites e2e files share: one app per file, three requesters (one, a colleague
 * in the same organisation, one in another organisation), a catalogue CSV of item lines, and
 * GraphQL as one of them. Favourites are each requester's own, so every file needs all three.
 */
export const BESTILLER = 'bestiller@nordby.example';
export const SAME_ORGANISATION = 'attestant@nordby.example';
export const OTHER_ORGANISATION = 'bestiller@sykehjem.example';

/** A catalogue file of the given item lines (seller_item_id,name,unspsc,price,vat_rate,unit). */
export const catalogueCsv = (rows: string[]) => Buffer.from(['seller_item_id,name,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');

export interface FavouritesApp {
  /** The app of this file (set in beforeAll). */
  readonly t: TestApp;
  /** A GraphQL request signed in as `email`. */
  gql(email: string, query: string, variables?: Record<string, unknown>): Promise<any>;
  /** The catalogue item ids of a published version, by seller item id. */
  itemIds(versionId: number): Promise<Map<string, string>>;
}

/** Starts the app before the file's tests and closes it after them. */
export function useFavouritesApp(): FavouritesApp {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  const app = (): TestApp => {
    if (!t) throw new Error('the app is not started yet (use it inside a test)');
    return t;
  };
  return {
    get t() {
      return app();
    },
    gql: async (email, query, variables) => app().gql(await app().login(email), query, variables),
    async itemIds(versionId) {
      const rows = await app().sql(`SELECT id::text AS id, seller_item_id AS "sellerItemId" FROM catalogue_item WHERE version_id = $1`, [versionId]);
      return new Map(rows.map((r: { id: string; sellerItemId: string }) => [r.sellerItemId, r.id]));
    },
  };
}
