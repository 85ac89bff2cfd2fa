import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { AddToCart } from './AddToCart';

describe('AddToCart', () => {
  it('adds the item with the quantity typed (Norwegian decimal comma) and announces it', async () => {
    const { client, executeMutation } = mockClient({
      AddItemToCart: {
        addItemToCart: { __typename: 'CartLineAdded', line: { __typename: 'CartLine', id: 1, name: 'Kopipapir A4' }, cart: { __typename: 'Cart', id: 1, lines: [{ __typename: 'CartLine', id: 1 }] } },
      },
    });
    render(withProviders(<AddToCart itemId="item-1" name="Kopipapir A4" />, client));
    const quantity = screen.getByLabelText(/^Antall/);
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '2,5');
    await userEvent.click(screen.getByRole('button', { name: /^Legg i handlekurv\s*:\s*Kopipapir A4$/ }));
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Kopipapir A4 er lagt i handlekurven.'));
    expect(executeMutation).toHaveBeenCalledTimes(1);
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ input: { itemId: 'item-1', quantity: '2.5' } });
  });

  it('says what is wrong with a quantity that is not one, and sends nothing', async () => {
    const { client, executeMutation } = mockClient({});
    render(withProviders(<AddToCart itemId="item-1" name="Kopipapir A4" />, client));
    const quantity = screen.getByLabelText(/^Antall/);
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '0');
    await userEvent.click(screen.getByRole('button', { name: /Legg i handlekurv/ }));
    expect(await screen.findByText('Antall må være et tall, for eksempel 2 eller 99,50.')).toBeTruthy();
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    expect(executeMutation).not.toHaveBeenCalled();
    expect((quantity as HTMLInputElement).value).toBe('0');
  });

  it('shows the refusal where the item cannot be ordered', async () => {
    const { client } = mockClient({ AddItemToCart: { addItemToCart: { __typename: 'ItemNotOrderable', message: 'The item is no longer in a catalogue in force' } } });
    render(withProviders(<AddToCart itemId="gone" name="Borte" />, client));
    await userEvent.click(screen.getByRole('button', { name: /Legg i handlekurv/ }));
    // In bokmål, keyed on the refusal's type; the server's English message is only the fallback.
    expect(await screen.findByText(/^Varen kan ikke bestilles i dag/)).toBeTruthy();
    expect(screen.queryByText('The item is no longer in a catalogue in force')).toBeNull();
  });
});
