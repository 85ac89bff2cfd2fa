import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SupplierOrderPage } from '../pages/SupplierOrderPage';
import { mockClient, withProviders } from '../test/urql-mock';

const order = {
  order: {
    __typename: 'Order',
    id: 7,
    number: 'PO-2026-7',
    status: 'SENT',
    version: 3,
    currency: 'NOK',
    lineExtensionAmount: '200',
    vatAmount: '50',
    taxInclusiveAmount: '250',
    wantedDeliveryDate: null,
    noteToSupplier: null,
    responses: [],
    lines: [{ __typename: 'OrderLine', id: 70, lineId: '1', name: 'Kopipapir A4', sellerItemId: 'KL-1', quantity: '4', unitCode: 'EA', price: '50', lineAmount: '200', status: 'OPEN' }],
  },
};

const page = (client: Parameters<typeof withProviders>[1]) =>
  withProviders(
    <Routes>
      <Route path="/supplier/orders/:id" element={<SupplierOrderPage />} />
    </Routes>,
    client,
    '/supplier/orders/7',
  );

describe('SupplierOrderPage', () => {
  it('shows money as NOK with two decimals, and says which changed field is wrong without sending', async () => {
    const { client, executeMutation } = mockClient({ SupplierOrder: order });
    render(page(client));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ordre PO-2026-7' })).toBeTruthy();
    expect(screen.getAllByText(/50,00\s?kr/).length).toBeGreaterThan(0);
    await userEvent.click(screen.getByLabelText('Bekreft med endringer på linjer'));
    await userEvent.selectOptions(screen.getByLabelText('Svar på linjen'), 'CHANGED');
    await userEvent.type(screen.getByLabelText(/^Antall dere kan levere/), 'to');
    await userEvent.click(screen.getByRole('button', { name: 'Send svar' }));
    expect(await screen.findByText('Antall må være et tall større enn 0, for eksempel 2 eller 1,5.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/^Antall dere kan levere/).value).toBe('to');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('keeps what was typed when the server refuses the answer, and announces the failure', async () => {
    const refused = { respondToOrder: { __typename: 'OrderVersionConflictError', message: 'The order was changed since you read it' } };
    const { client, executeMutation } = mockClient({ SupplierOrder: order, RespondToOrder: refused });
    render(page(client));
    await screen.findByRole('heading', { level: 1, name: 'Ordre PO-2026-7' });
    await userEvent.click(screen.getByLabelText('Avvis ordren'));
    await userEvent.type(screen.getByLabelText('Hvorfor avvises ordren?'), 'Utsolgt til januar');
    await userEvent.click(screen.getByRole('button', { name: 'Send svar' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The order was changed since you read it');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Hvorfor avvises ordren?').value).toBe('Utsolgt til januar');
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables.input).toEqual({ orderId: 7, expectedVersion: 3, responseCode: 'REJECTED', note: 'Utsolgt til januar' });
  });
});
