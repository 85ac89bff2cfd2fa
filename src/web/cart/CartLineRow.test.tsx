import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { CartLineRow, type CartLineData } from './CartLineRow';

const line = {
  __typename: 'CartLine',
  id: 1,
  lineNo: 1,
  kind: 'FREE_TEXT',
  name: 'Kontorstol med ekstra bred sits',
  quantity: '2',
  unitCode: 'EA',
  unitPrice: '999.50',
  currency: 'NOK',
  lineAmount: '1999.00',
  loyalty: 'OFF_AGREEMENT',
  justificationCode: 'NOT_IN_AGREEMENT',
  justificationText: 'Legeerklæring',
  supplierName: null,
  check: { status: 'ESTIMATE', reason: null, currentPrice: null },
  alternatives: [
    { itemId: '10', name: 'Kontorstol Basic', price: '899.00', currency: 'NOK', unitCode: 'EA', savingForLine: '201.00', supplierId: 3 },
    { itemId: '11', name: 'Kontorstol Ergo Pluss', price: '2450.00', currency: 'NOK', unitCode: 'EA', savingForLine: '-2901.00', supplierId: 3 },
  ],
} as unknown as CartLineData;

describe('CartLineRow', () => {
  it('lists under “Billigere avtalevarer” only the items that cost less; a pricier agreement item is offered apart, without a saving', () => {
    const { client } = mockClient({});
    render(
      withProviders(
        <table>
          <tbody>
            <CartLineRow line={line} />
          </tbody>
        </table>,
        client,
      ),
    );
    const cheaper = screen.getByTestId('cheaper-alternatives');
    expect(within(cheaper).getByText('Billigere avtalevarer')).toBeTruthy();
    expect(cheaper.textContent).toContain('Kontorstol Basic');
    expect(cheaper.textContent).toMatch(/Sparer 201,00/);
    expect(cheaper.textContent).not.toContain('Ergo Pluss');
    const others = screen.getByTestId('other-alternatives');
    expect(others.textContent).toContain('Andre avtalevarer i samme kategori');
    expect(others.textContent).toContain('Kontorstol Ergo Pluss');
    expect(others.textContent).not.toContain('Sparer');
    expect(screen.getByRole('button', { name: 'Bytt til Kontorstol Ergo Pluss' })).toBeTruthy();
  });
});
