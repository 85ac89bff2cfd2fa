import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CatalogueReviewPage } from '../pages/CatalogueReviewPage';
import { mockClient, withProviders } from '../test/urql-mock';

const review = (flaggedCount: number | null) => ({
  catalogueReview: {
    __typename: 'CatalogueReview',
    added: 1,
    removed: 0,
    changed: 1,
    priceChanges: 1,
    averagePriceChangePercent: 20,
    excludedLineCount: 0,
    warningCount: 0,
    version: { __typename: 'CatalogueVersion', id: 9, versionNo: 2, status: 'SUBMITTED', agreementId: 4, fileName: 'v2.csv', itemCount: 2, submittedAt: '2026-12-01T10:00:00Z', rejectionReason: null },
    current: { __typename: 'CatalogueVersion', id: 8, versionNo: 1 },
    priceClause: flaggedCount === null ? null : { __typename: 'CataloguePriceClauseCheck', clause: 'at most 3.00 % per 12 months', allowedPercent: '3.00', flaggedCount },
    changes: {
      __typename: 'CatalogueItemChangeConnection',
      totalCount: 1,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      edges: [
        {
          __typename: 'CatalogueItemChangeEdge',
          node: {
            __typename: 'CatalogueItemChange',
            sellerItemId: 'P-1',
            name: 'Kopipapir A4',
            change: 'CHANGED',
            changedFields: ['price'],
            oldPrice: '100.00',
            newPrice: '120.00',
            priceChangePercent: 20,
            beyondPriceClause: flaggedCount ? { __typename: 'PriceIncreaseFlag', increaseFromBasePercent: '20.00', allowedPercent: '3.00', basePrice: '100.00', maxPrice: '103.0000' } : null,
          },
        },
      ],
    },
  },
});

const page = (client: Parameters<typeof withProviders>[1]) =>
  withProviders(
    <Routes>
      <Route path="/purchasing/catalogue-versions/:id" element={<CatalogueReviewPage />} />
    </Routes>,
    client,
    '/purchasing/catalogue-versions/9',
  );

describe('CatalogueReviewPage', () => {
  it('shows prices as NOK with two decimals and the flag beyond the clause, and will not publish without the override and its reason', async () => {
    const { client, executeMutation } = mockClient({ CatalogueReviewPage: review(1) });
    render(page(client));
    expect(await screen.findByRole('heading', { level: 1, name: 'Katalogversjon 2' })).toBeTruthy();
    expect(screen.getByText(/120,00\s?kr/)).toBeTruthy();
    expect(screen.getByText(/20 % over grunnprisen \(tillatt 3 %, høyst 103,00\s?kr\)/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Publiser' }));
    expect(await screen.findByText('Kryss av for å overstyre prisklausulen og skriv en begrunnelse før du publiserer.')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Overstyr prisklausulen og publiser likevel'));
    await userEvent.click(screen.getByRole('button', { name: 'Publiser' }));
    expect(await screen.findByText('Skriv en begrunnelse for overstyringen (minst 3 tegn).')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('sends the override with its reason', async () => {
    const published = { publishCatalogueVersion: { __typename: 'CatalogueVersion', id: 9, status: 'PUBLISHED' } };
    const { client, executeMutation } = mockClient({ CatalogueReviewPage: review(1), PublishCatalogue: published });
    render(page(client));
    await screen.findByRole('heading', { level: 1, name: 'Katalogversjon 2' });
    await userEvent.click(screen.getByLabelText('Overstyr prisklausulen og publiser likevel'));
    await userEvent.type(screen.getByLabelText('Begrunnelse for overstyringen'), ' Avtalt i møte ');
    await userEvent.click(screen.getByRole('button', { name: 'Publiser' }));
    expect(executeMutation).toHaveBeenCalledTimes(1);
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ versionId: 9, override: { reason: 'Avtalt i møte' } });
  });

  it('says what to do when the server refuses for the clause, offers the override, and keeps the rejection reason typed', async () => {
    const refused = { publishCatalogueVersion: { __typename: 'PriceIncreasesBeyondClauseError', flaggedCount: 2, clause: 'at most 3.00 %', message: 'beyond' } };
    const { client } = mockClient({ CatalogueReviewPage: review(null), PublishCatalogue: refused });
    render(page(client));
    await screen.findByRole('heading', { level: 1, name: 'Katalogversjon 2' });
    expect(screen.queryByLabelText('Overstyr prisklausulen og publiser likevel')).toBeNull();
    await userEvent.type(screen.getByLabelText('Begrunnelse for avvisning'), 'Kanskje senere');
    await userEvent.click(screen.getByRole('button', { name: 'Publiser' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('2 prisøkninger går ut over klausulen (at most 3.00 %)');
    expect(screen.getByLabelText('Overstyr prisklausulen og publiser likevel')).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Begrunnelse for avvisning').value).toBe('Kanskje senere');
  });

  it('requires a reason to reject, and tells when another version was published meanwhile', async () => {
    const outdated = { publishCatalogueVersion: { __typename: 'CatalogueVersionOutdatedError', publishedVersionNo: 3, message: 'outdated' } };
    const { client, executeMutation } = mockClient({ CatalogueReviewPage: review(0), PublishCatalogue: outdated });
    render(page(client));
    await screen.findByRole('heading', { level: 1, name: 'Katalogversjon 2' });
    await userEvent.click(screen.getByRole('button', { name: 'Avvis' }));
    expect(await screen.findByText('Skriv en begrunnelse for avvisningen (minst 3 tegn).')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Publiser' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Versjon 3 ble publisert mens du så på denne.');
  });
});
