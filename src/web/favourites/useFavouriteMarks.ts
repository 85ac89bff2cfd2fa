import { useMemo } from 'react';
import { useQuery } from 'urql';
import { FAVOURITE_TYPES, FavouritesOfItemsQuery } from './queries';

/** Which items of a page are the requester's favourites, and the favourite that marks each. */
export interface FavouriteMarks {
  /** False until the answer for these items has come (the toggles wait for it). */
  ready: boolean;
  /** The favourite marking the item, or null when it is not a favourite. */
  favouriteOf: (itemId: string) => number | null;
}

/**
 * Asks once for all the items on screen (a page of search hits, or the one item of the item
 * page) which are favourites: one request per page, whatever the number of cards, and no reading
 * of the whole favourites list. Adding or removing a favourite (FAVOURITE_TYPES) asks again.
 */
export function useFavouriteMarks(itemIds: readonly string[]): FavouriteMarks {
  const key = itemIds.join(',');
  const variables = useMemo(() => ({ itemIds: key ? key.split(',') : [] }), [key]);
  const [result] = useQuery({ query: FavouritesOfItemsQuery, variables, context: FAVOURITE_TYPES, pause: !key });
  // An answer for the items of the page before (still shown while the next loads) is no answer.
  const marks = result.operation?.variables.itemIds.join(',') === key ? result.data?.favouritesOfItems : undefined;
  return useMemo(() => {
    const byItem = new Map((marks ?? []).map((m) => [m.itemId, m.favouriteId]));
    return { ready: !!marks, favouriteOf: (itemId: string) => byItem.get(itemId) ?? null };
  }, [marks]);
}
