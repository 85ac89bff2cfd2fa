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
    despatchAdvices: [],
    lines: [
      {
        __typename: 'OrderLine',
        id: 70,
        lineId: '1',
        name: 'Kopipapir A4',
        sellerItemId: 'KL-1',
        quantity: '4',
        unitCode: 'EA',
        price: '50',
        lineAmount: '200',
        status: 'OPEN',
        substituteSellerItemId: null,
        substituteName: null,
      },
    ],
  },
};

const accepted = { order: { ...order.order, status: 'ACCEPTED' } };

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
    // The refusal in bokmål (keyed on its type), not the server's English message.
    expect(alert.textContent).toContain('Noen andre har endret bestillingen i mellomtiden');
    expect(alert.textContent).not.toContain('The order was changed');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Hvorfor avvises ordren?').value).toBe('Utsolgt til januar');
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect(executeMutation.mock.calls[0][0].variables.input).toEqual({ orderId: 7, expectedVersion: 3, responseCode: 'REJECTED', note: 'Utsolgt til januar' });
  });
});

describe('SupplierOrderPage for a confirmed order', () => {
  it('creates an invoice: a server problem is shown beside its field and nothing typed is lost', async () => {
    const refused = {
      createInvoiceFromOrder: {
        __typename: 'InvoiceFromOrderRefused',
        message: 'The invoice was not made',
        problems: [{ __typename: 'InvoiceFromOrderProblem', field: 'paymentAccount', path: null, message: '1503 20 80118 is not a Norwegian account number: its check digit is wrong' }],
      },
    };
    const { client, executeMutation } = mockClient({ SupplierOrder: accepted, CreateInvoiceFromOrder: refused });
    render(page(client));
    await screen.findByRole('heading', { level: 2, name: 'Lag faktura' });
    await userEvent.type(screen.getByLabelText(/^Kontonummer for betaling/), '1503 20 80118');
    const quantity = screen.getByLabelText<HTMLInputElement>(/^Fakturer av linje 1/);
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Lag og send faktura' }));
    expect(await screen.findByText('Kontonummeret finnes ikke: kontrollsifferet stemmer ikke. Sjekk hvert siffer.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/^Kontonummer for betaling/).value).toBe('1503 20 80118');
    expect(quantity.value).toBe('3');
    const input = executeMutation.mock.calls[0][0].variables.input;
    expect(input).toMatchObject({ orderId: 7, paymentAccount: '1503 20 80118', lines: [{ lineId: '1', quantity: '3' }] });
  });

  it('checks a despatch before sending it: the despatch number is required', async () => {
    const { client, executeMutation } = mockClient({ SupplierOrder: accepted });
    render(page(client));
    await screen.findByRole('heading', { level: 2, name: 'Registrer forsendelse' });
    await userEvent.click(screen.getByRole('button', { name: 'Registrer forsendelse' }));
    expect(await screen.findByText('Skriv et forsendelsesnummer.')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
  });
});
