import { Button } from '@digdir/designsystemet-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { AddFavourite, FAVOURITE_TYPES, RemoveFavourite } from './queries';
import { useFavouriteMarks, type FavouriteMarks } from './useFavouriteMarks';
import { refusalText } from '../refusals/refusal-text';

/** The favourite toggle of an item shown alone (the item page): it asks about that one item. */
export function SingleFavouriteToggle({ item }: { item: { itemId: string; name: string } }) {
  return <FavouriteToggle item={item} marks={useFavouriteMarks([item.itemId])} />;
}

/**
 * Marks an item as favourite, or unmarks it: a toggle button (aria-pressed) whose name says which
 * item. Whether it is marked comes from `marks`, asked once for every item on the page
 * (useFavouriteMarks), so twenty cards make one request. Memoised on the item's id and name: new
 * search results for the same items (the next letter typed) leave the toggle alone.
 */
export const FavouriteToggle = memo(function FavouriteToggle({ item, marks }: { item: { itemId: string; name: string }; marks: FavouriteMarks }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [added, add] = useMutation(AddFavourite);
  const [removed, remove] = useMutation(RemoveFavourite);
  const [problem, setProblem] = useState<string | null>(null);
  const favouriteId = marks.favouriteOf(item.itemId);
  const toggle = async () => {
    setProblem(null);
    if (favouriteId !== null) {
      const r = await remove({ favouriteId }, FAVOURITE_TYPES);
      if (r.error) return setProblem(errorMessage(r.error, t));
      announce(t('extra.favourites.removed', { name: item.name }));
    } else {
      const r = await add({ itemId: item.itemId }, FAVOURITE_TYPES);
      if (r.error) return setProblem(errorMessage(r.error, t));
      const answer = r.data?.addFavourite;
      if (answer?.__typename === 'ItemNotOrderable') return setProblem(refusalText(answer, t));
      announce(t('extra.favourites.added', { name: item.name }));
    }
  };
  return (
    <span className="torg-favourite">
      <Button type="button" variant="tertiary" data-size="sm" aria-pressed={favouriteId !== null} loading={added.fetching || removed.fetching} disabled={!marks.ready} onClick={() => void toggle()}>
        <span aria-hidden>{favouriteId !== null ? '★' : '☆'}</span> {t('extra.favourites.toggle')}
        <span className="torg-visually-hidden">: {item.name}</span>
      </Button>
      {problem && (
        <span role="alert" className="ds-validation-message" data-color="danger">
          {problem}
        </span>
      )}
    </span>
  );
}, sameToggle);

function sameToggle(a: { item: { itemId: string; name: string }; marks: FavouriteMarks }, b: typeof a): boolean {
  return a.marks === b.marks && a.item.itemId === b.item.itemId && a.item.name === b.item.name;
}
