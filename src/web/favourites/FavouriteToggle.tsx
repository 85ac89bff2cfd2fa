import { Button } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { useAnnounce } from '../components/Announcer';
import { AddFavourite, FAVOURITE_TYPES, FavouritesQuery, RemoveFavourite } from './queries';
import { favouriteFor } from './favourites';
import { refusalText } from '../refusals/refusal-text';

/**
 * Marks an item as favourite, or unmarks it: a toggle button (aria-pressed) whose name says which
 * item. Every card asks for the favourites; urql sends the one request and shares its answer.
 */
export function FavouriteToggle({ item }: { item: { itemId: string; agreementId: number; sellerItemId: string; name: string } }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [favourites] = useQuery({ query: FavouritesQuery, context: FAVOURITE_TYPES });
  const [added, add] = useMutation(AddFavourite);
  const [removed, remove] = useMutation(RemoveFavourite);
  const [problem, setProblem] = useState<string | null>(null);
  const favourite = favouriteFor(favourites.data?.favourites ?? [], item);
  const toggle = async () => {
    setProblem(null);
    if (favourite) {
      const r = await remove({ favouriteId: favourite.id }, FAVOURITE_TYPES);
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
      <Button
        type="button"
        variant="tertiary"
        data-size="sm"
        aria-pressed={!!favourite}
        loading={added.fetching || removed.fetching}
        disabled={favourites.fetching && !favourites.data}
        onClick={() => void toggle()}
      >
        <span aria-hidden>{favourite ? '★' : '☆'}</span> {t('extra.favourites.toggle')}
        <span className="torg-visually-hidden">: {item.name}</span>
      </Button>
      {problem && (
        <span role="alert" className="ds-validation-message" data-color="danger">
          {problem}
        </span>
      )}
    </span>
  );
}
