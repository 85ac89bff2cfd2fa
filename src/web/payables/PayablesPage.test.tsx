import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PayablesPage } from '../pages/PayablesPage';
import { mockClient, withProviders } from '../test/urql-mock';

const invoice = {
  __typename: 'Invoice',
  id: 12,
  version: 2,
  kind: 'INVOICE',
  number: 'F-1',
  status: 'EXCEPTION',
  supplierId: 5,
  orderReference: 'PO-2026-000001',
  currency: 'NOK',
  payableAmount: '587.50',
  receivedAt: '2026-11-30T10:00:00Z',
  dueDate: '2026-12-30',
  reasons: [{ __typename: 'InvoiceMatchReason', code: 'PRICE_ABOVE_AGREED', message: 'Price above', lineId: '1', expected: '45.07', actual: '47.00', difference: '1.93', differenceNok: '19.30' }],
};
const page = (edges: unknown[]) => ({ __typename: 'InvoiceConnection', totalCount: edges.length, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges });

describe('PayablesPage', () => {
  it('shows the exception queue with its question form, and the approved invoices to mark paid', async () => {
    const { client } = mockClient({
      InvoiceExceptions: { invoiceExceptions: page([{ __typename: 'InvoiceEdge', node: invoice }]) },
      SupplierName: { organisation: { __typename: 'Organisation', id: 5, name: 'Kontorland AS' } },
      ApprovedInvoices: {
        invoices: page([
          {
            __typename: 'InvoiceEdge',
            node: { __typename: 'Invoice', id: 13, version: 4, number: 'F-2', kind: 'INVOICE', currency: 'NOK', payableAmount: '100.00', dueDate: null, status: 'APPROVED' },
          },
        ]),
      },
    });
    render(withProviders(<PayablesPage />, client, '/payables'));
    expect(await screen.findByText('Spør leverandøren')).toBeTruthy();
    expect(await screen.findByRole('checkbox', { name: /^Faktura F-2, 100,00/ })).toBeTruthy();
  });
});
