import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { FreeTextForm } from './FreeTextForm';

const refusal = {
  addFreeTextToCart: {
    __typename: 'MandatoryAgreementRefusal',
    message: 'A mandatory agreement covers 56101500',
    agreements: [{ __typename: 'AgreementRef', id: 1, reference: 'AV-1', title: 'Møbler' }],
    alternatives: [{ __typename: 'AgreementAlternative', itemId: 'alt-1', name: 'Kontorstol basic', price: '1545.96', currency: 'NOK', unitCode: 'EA', supplierId: 3 }],
  },
};
const added = { addFreeTextToCart: { __typename: 'CartLineAdded', line: { __typename: 'CartLine', id: 9, name: 'Bred stol' }, cart: null } };

describe('FreeTextForm', () => {
  it('checks each field and says which is wrong, keeping what was typed', async () => {
    const { client, executeMutation } = mockClient({});
    render(withProviders(<FreeTextForm />, client));
    await userEvent.click(screen.getByText('Legg til vare som ikke finnes i katalogen'));
    await userEvent.type(screen.getByLabelText(/^Hva trenger du/), 'St');
    await userEvent.type(screen.getByLabelText(/^UNSPSC-kode/), '123');
    await userEvent.click(screen.getByRole('button', { name: 'Legg til' }));
    expect(await screen.findByText('Hva trenger du? må ha minst 3 tegn.')).toBeTruthy();
    expect(screen.getByText('UNSPSC-koden må ha 8 sifre.')).toBeTruthy();
    expect(screen.getByText('Anslått enhetspris eks. mva. (kr) må være et tall, for eksempel 2 eller 99,50.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/^Hva trenger du/).value).toBe('St');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('asks for a justification when a mandatory agreement refuses the line, offers its items, and sends the justification', async () => {
    let calls = 0;
    const { client, executeMutation } = mockClient({ AddFreeTextToCart: () => (++calls === 1 ? refusal : added) });
    render(withProviders(<FreeTextForm />, client));
    await userEvent.click(screen.getByText('Legg til vare som ikke finnes i katalogen'));
    await userEvent.type(screen.getByLabelText(/^Hva trenger du/), 'Bred stol');
    await userEvent.type(screen.getByLabelText(/^Anslått enhetspris/), '999,50');
    await userEvent.type(screen.getByLabelText(/^UNSPSC-kode/), '56101500');
    await userEvent.click(screen.getByRole('button', { name: 'Legg til' }));
    expect(await screen.findByRole('button', { name: 'Legg Kontorstol basic i handlekurven i stedet' })).toBeTruthy();
    // The refusal in bokmål, keyed on its type (the server's English message only as the fallback).
    expect(screen.getByText('Kategorien er dekket av den pliktige avtalen AV-1: velg en av avtalevarene, eller begrunn kjøpet utenfor avtalen.')).toBeTruthy();
    expect(screen.queryByText('A mandatory agreement covers 56101500')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>(/^Hva trenger du/).value).toBe('Bred stol');

    await userEvent.click(screen.getByLabelText('Avtalen har ikke varen'));
    await userEvent.type(screen.getByLabelText(/^Forklaring/), 'Må ha bred sits.');
    await userEvent.click(screen.getByRole('button', { name: 'Legg til' }));
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Bred stol er lagt i handlekurven som anslag.'));
    const input = executeMutation.mock.calls[1][0].variables.input;
    expect(input).toEqual({
      description: 'Bred stol',
      quantity: '1',
      unitCode: 'EA',
      estimatedPrice: '999.50',
      unspscCode: '56101500',
      vatRate: '25',
      justification: { code: 'ITEM_NOT_IN_AGREEMENT', text: 'Må ha bred sits.' },
    });
  });
});
