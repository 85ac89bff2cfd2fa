import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { AwaitingUnspscForm } from './AwaitingUnspscForm';

const awaiting = {
  catalogueVersion: {
    __typename: 'CatalogueVersion',
    id: 5,
    unspscAwaiting: {
      __typename: 'CatalogueLineAwaitingUnspscConnection',
      totalCount: 2,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      edges: [
        {
          __typename: 'CatalogueLineAwaitingUnspscEdge',
          node: {
            __typename: 'CatalogueLineAwaitingUnspsc',
            lineNumber: 4,
            sellerItemId: 'KL-9',
            name: 'Binders',
            givenCode: null,
            reason: 'The line has no UNSPSC code',
            suggestions: [
              { __typename: 'UnspscSuggestionType', code: '44122107', title: 'Binders', confidence: 0.61 },
              { __typename: 'UnspscSuggestionType', code: '44122000', title: 'Kontorrekvisita', confidence: 0.2 },
            ],
          },
        },
        {
          __typename: 'CatalogueLineAwaitingUnspscEdge',
          node: { __typename: 'CatalogueLineAwaitingUnspsc', lineNumber: 7, sellerItemId: 'KL-10', name: 'Ukjent', givenCode: '99999999', reason: 'Outside the scope', suggestions: [] },
        },
      ],
    },
  },
};

describe('AwaitingUnspscForm', () => {
  it('offers the suggestions per line and sends the codes chosen', async () => {
    const accepted = { acceptUnspscSuggestions: { __typename: 'UnspscSuggestionsAccepted', accepted: 1, stillAwaiting: 1 } };
    const onAccepted = vi.fn();
    const { client, executeMutation } = mockClient({ SupplierVersionAwaiting: awaiting, AcceptUnspscSuggestions: accepted });
    render(withProviders(<AwaitingUnspscForm versionId={5} onAccepted={onAccepted} />, client));
    await userEvent.click(await screen.findByLabelText('44122107 Binders (61 % treff)'));
    expect(screen.getByText('Torg har ikke noe forslag. Rett koden i filen og last opp på nytt.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Bruk valgte koder' }));
    expect((await screen.findByTestId('awaiting-done')).textContent).toBe('1 linjer ble varer. 1 venter fortsatt.');
    expect(executeMutation.mock.calls[0][0].variables.input).toEqual({ versionId: 5, lines: [{ lineNumber: 4, code: '44122107' }] });
    await waitFor(() => expect(onAccepted).toHaveBeenCalled());
  });

  it('says to choose a code before sending nothing', async () => {
    const { client, executeMutation } = mockClient({ SupplierVersionAwaiting: awaiting });
    render(withProviders(<AwaitingUnspscForm versionId={5} onAccepted={() => {}} />, client));
    await userEvent.click(await screen.findByRole('button', { name: 'Bruk valgte koder' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Velg en kode for minst én linje.');
    expect(executeMutation).not.toHaveBeenCalled();
  });
});
