import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { FavouriteToggle } from './FavouriteToggle';

const item = { itemId: '900', agreementId: 7, sellerItemId: 'KL-100', name: 'Kopipapir A4' };

describe('FavouriteToggle', () => {
  it('is a toggle button named by its item; pressing it marks the favourite and announces it', async () => {
    const { client, executeMutation } = mockClient({
      Favourites: { favourites: [] },
      AddFavourite: { addFavourite: { __typename: 'Favourite', id: 1, name: 'Kopipapir A4' } },
    });
    render(withProviders(<FavouriteToggle item={item} />, client));
    const button = await screen.findByRole('button', { name: /^Favoritt\s*:\s*Kopipapir A4$/ });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Kopipapir A4 er lagt til i favorittene.'));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ itemId: '900' });
  });

  it('shows an item already marked as pressed, and unmarks it by its favourite id', async () => {
    const { client, executeMutation } = mockClient({
      Favourites: {
        favourites: [
          {
            __typename: 'Favourite',
            id: 5,
            agreementId: 7,
            sellerItemId: 'KL-100',
            currentItemId: '800',
            name: 'Kopipapir A4',
            currentPrice: '45.07',
            currency: 'NOK',
            addedAt: '2026-01-01T00:00:00Z',
          },
        ],
      },
      RemoveFavourite: { removeFavourite: [] },
    });
    render(withProviders(<FavouriteToggle item={item} />, client));
    const button = await screen.findByRole('button', { name: /Favoritt/ });
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    await userEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Kopipapir A4 er fjernet fra favorittene.'));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ favouriteId: 5 });
  });
});
