import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { FavouriteToggle, SingleFavouriteToggle } from './FavouriteToggle';
import { useFavouriteMarks } from './useFavouriteMarks';

const item = { itemId: '900', agreementId: 7, sellerItemId: 'KL-100', name: 'Kopipapir A4' };
const marks = (...pairs: [string, number][]) => ({ favouritesOfItems: pairs.map(([itemId, favouriteId]) => ({ __typename: 'ItemFavourite', itemId, favouriteId })) });
const operationNames = (calls: { query: { definitions: readonly { name?: { value: string } }[] } }[][]) => calls.map((c) => c[0].query.definitions.map((d) => d.name?.value).find(Boolean));

/** A page of cards as the search shows them: the marks asked once for all, a toggle per card. */
function Cards({ items }: { items: { itemId: string; name: string }[] }) {
  const pageMarks = useFavouriteMarks(items.map((i) => i.itemId));
  return (
    <>
      {items.map((i) => (
        <FavouriteToggle key={i.itemId} item={i} marks={pageMarks} />
      ))}
    </>
  );
}

describe('FavouriteToggle', () => {
  it('is a toggle button named by its item; pressing it marks the favourite and announces it', async () => {
    const { client, executeMutation } = mockClient({
      FavouritesOfItems: marks(),
      AddFavourite: { addFavourite: { __typename: 'Favourite', id: 1, name: 'Kopipapir A4' } },
    });
    render(withProviders(<SingleFavouriteToggle item={item} />, client));
    const button = await screen.findByRole('button', { name: /^Favoritt\s*:\s*Kopipapir A4$/ });
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Kopipapir A4 er lagt til i favorittene.'));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ itemId: '900' });
  });

  it('shows an item already marked as pressed, and unmarks it by its favourite id', async () => {
    const { client, executeMutation, executeQuery } = mockClient({ FavouritesOfItems: marks(['900', 5]), RemoveFavourite: { removeFavourite: [] } });
    render(withProviders(<SingleFavouriteToggle item={item} />, client));
    const button = await screen.findByRole('button', { name: /Favoritt/ });
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(executeQuery.mock.calls[0][0].variables).toEqual({ itemIds: ['900'] });
    await userEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Kopipapir A4 er fjernet fra favorittene.'));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ favouriteId: 5 });
  });

  it('asks once for a page of cards, never for the whole favourites list, and marks only the favourites among them', async () => {
    const { client, executeQuery } = mockClient({ FavouritesOfItems: marks(['902', 8]) });
    const items = ['901', '902', '903'].map((itemId) => ({ itemId, name: `Vare ${itemId}` }));
    render(withProviders(<Cards items={items} />, client));
    const pressed = (name: string) => screen.getByRole('button', { name: new RegExp(`Favoritt\\s*:\\s*${name}$`) }).getAttribute('aria-pressed');
    await waitFor(() => expect(pressed('Vare 902')).toBe('true'));
    expect([pressed('Vare 901'), pressed('Vare 903')]).toEqual(['false', 'false']);
    expect(operationNames(executeQuery.mock.calls)).toEqual(['FavouritesOfItems']);
    expect(executeQuery.mock.calls[0][0].variables).toEqual({ itemIds: ['901', '902', '903'] });
  });
});
