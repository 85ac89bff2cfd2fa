import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { InvoiceExceptionCard, sideText } from './InvoiceExceptionCard';

const invoice = {
  __typename: 'Invoice' as const,
  id: 12,
  version: 2,
  kind: 'INVOICE' as const,
  number: 'F-1',
  status: 'EXCEPTION' as const,
  supplierId: 5,
  orderReference: 'PO-2026-1',
  currency: 'NOK',
  payableAmount: '587.50',
  receivedAt: '2026-12-01T10:00:00Z',
  dueDate: '2026-12-31',
  reasons: [
    {
      __typename: 'InvoiceMatchReason' as const,
      code: 'PRICE_ABOVE_AGREED',
      message: 'Price above the agreed price',
      lineId: '1',
      expected: '45.07',
      actual: '47.00',
      difference: '1.93',
      differenceNok: '19.30',
    },
  ],
};
const nbsp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('InvoiceExceptionCard', () => {
  it('shows both sides of each difference and the NOK at stake, and approves only with a reason', async () => {
    const { client, executeMutation } = mockClient({
      SupplierName: { organisation: { __typename: 'Organisation', id: 5, name: 'Kontorland AS' } },
      ApproveInvoice: { approveInvoice: { __typename: 'Invoice', id: 12, status: 'APPROVED' } },
    });
    render(withProviders(<InvoiceExceptionCard invoice={invoice} onStale={vi.fn()} />, client));
    expect(await screen.findByRole('heading', { name: 'Faktura F-1 fra Kontorland AS' })).toBeTruthy();
    const row = nbsp(screen.getByRole('table', { name: 'Avvik på faktura F-1' }).textContent);
    expect(row).toContain('47,00');
    expect(row).toContain('45,07');
    expect(row).toContain('19,30 kr');
    expect(row).toContain('Prisen er høyere enn avtalt'); // the difference in Norwegian, not the API's English
    expect(row).not.toContain('Price above');
    await userEvent.click(screen.getByRole('button', { name: 'Godkjenn likevel' }));
    expect(await screen.findByText('Skriv en begrunnelse.')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/^Begrunnelse/), 'Avtalt');
    await userEvent.click(screen.getByRole('button', { name: 'Godkjenn likevel' }));
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Faktura F-1 er godkjent.'));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ input: { invoiceId: 12, expectedVersion: 2, reason: 'Avtalt' } });
  });

  it('says so when the invoice changed meanwhile, and keeps the reason', async () => {
    const onStale = vi.fn();
    const { client } = mockClient({ DisputeInvoice: { disputeInvoice: { __typename: 'InvoiceVersionConflictError', message: 'x', currentVersion: 3 } } });
    render(withProviders(<InvoiceExceptionCard invoice={invoice} onStale={onStale} />, client));
    await userEvent.type(screen.getByLabelText(/^Begrunnelse/), 'Feil pris');
    await userEvent.click(screen.getByRole('button', { name: 'Bestrid' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Fakturaen ble endret mens du så på den');
    expect(onStale).toHaveBeenCalled();
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Begrunnelse/).value).toBe('Feil pris');
  });

  it('writes numbers the Norwegian way and leaves other text alone', () => {
    expect([sideText('47.00'), sideText('-1.5'), sideText('PO-1'), sideText(null)]).toEqual(['47,00', '-1,5', 'PO-1', '–']);
  });

  it('asks the supplier with a reason code and text, refusing an empty question and keeping what was typed', async () => {
    const onStale = vi.fn();
    const { client, executeMutation } = mockClient({
      SupplierName: { organisation: { __typename: 'Organisation', id: 5, name: 'Kontorland AS' } },
      QueryInvoice: { queryInvoice: { __typename: 'Invoice', id: 12, status: 'UNDER_QUERY', version: 3 } },
    });
    render(withProviders(<InvoiceExceptionCard invoice={invoice} onStale={onStale} />, client));
    await userEvent.click(await screen.findByText('Spør leverandøren'));
    await userEvent.click(screen.getByRole('button', { name: 'Send spørsmålet' }));
    expect(await screen.findByText('Skriv spørsmålet til leverandøren.')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
    await userEvent.selectOptions(screen.getByLabelText('Hva gjelder spørsmålet?'), 'QTY');
    await userEvent.type(screen.getByLabelText(/^Spørsmålet/), 'Vi mottok bare 8 pakker.');
    await userEvent.type(screen.getByLabelText(/^Merknad til leverandøren/), 'Se pakkseddel');
    await userEvent.click(screen.getByRole('button', { name: 'Send spørsmålet' }));
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('Spørsmålet om faktura F-1 er sendt til leverandøren.'));
    expect(executeMutation.mock.calls[0][0].variables).toEqual({
      input: { invoiceId: 12, expectedVersion: 2, reasons: [{ code: 'QTY', text: 'Vi mottok bare 8 pakker.' }], note: 'Se pakkseddel' },
    });
    expect(onStale).toHaveBeenCalled();
  });
});
