import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { ApprovalCard } from './ApprovalCard';

const requisition = {
  __typename: 'Order' as const,
  id: 7,
  version: 3,
  requisitionNumber: 'REQ-2026-7',
  status: 'PENDING_APPROVAL' as const,
  supplierId: 5,
  supplierName: 'Kontorland AS',
  currency: 'NOK',
  lineExtensionAmount: '883.77',
  taxInclusiveAmount: '1104.71',
  submittedAt: '2026-12-01T10:00:00Z',
  costCentreId: 2,
  budgetYear: 2026,
  lines: [{ __typename: 'OrderLine' as const, id: 1, name: 'Kopipapir A3', quantity: '3.00', unitCode: 'PK', price: '294.59', lineAmount: '883.77' }],
};
const centre = {
  __typename: 'CostCentre' as const,
  id: 2,
  code: '2100',
  name: 'Undervisning',
  budgets: [{ __typename: 'CostCentreBudget' as const, year: 2026, amount: '100.00', committed: '0', remaining: '100.00', currency: 'NOK' }],
};
const nbsp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('ApprovalCard', () => {
  it('shows the budget left, and over budget asks for a reason before approving with it', async () => {
    let calls = 0;
    const { client, executeMutation } = mockClient({
      ApproveRequisition: () =>
        ++calls === 1
          ? { approveRequisition: { __typename: 'BudgetExceededError', message: 'over', costCentreCode: '2100', remaining: '100.00', requested: '883.77', currency: 'NOK', year: 2026 } }
          : { approveRequisition: { __typename: 'Order', id: 7, status: 'APPROVED', requisitionNumber: 'REQ-2026-7' } },
    });
    render(withProviders(<ApprovalCard requisition={requisition} costCentre={centre} onStale={vi.fn()} />, client));
    expect(nbsp(screen.getByTestId('budget-remaining').textContent)).toBe('100,00 kr');
    expect(screen.getByText('Denne rekvisisjonen går over budsjettet.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText(/^Kommentar til bestilleren/), 'Ok');
    await userEvent.click(screen.getByRole('button', { name: 'Godkjenn' }));
    expect(nbsp((await screen.findByRole('alert')).textContent)).toContain('Koststed 2100 har 100,00 kr igjen for 2026, men rekvisisjonen er på 883,77 kr.');
    await userEvent.click(screen.getByRole('button', { name: 'Godkjenn over budsjett' }));
    expect(await screen.findByText('Skriv hvorfor rekvisisjonen skal godkjennes over budsjett.')).toBeTruthy();
    expect(executeMutation).toHaveBeenCalledTimes(1);
    await userEvent.type(screen.getByLabelText('Begrunnelse for å godkjenne over budsjett'), 'Eksamen');
    await userEvent.click(screen.getByRole('button', { name: 'Godkjenn over budsjett' }));
    await waitFor(() => expect(screen.getByTestId('announcer').textContent).toBe('REQ-2026-7 er godkjent.'));
    expect(executeMutation.mock.calls[1][0].variables).toEqual({ input: { orderId: 7, expectedVersion: 3, comment: 'Ok', budgetOverrideReason: 'Eksamen' } });
  });

  it('will not reject without a comment, and keeps what was typed when the requisition has moved on', async () => {
    const onStale = vi.fn();
    const { client, executeMutation } = mockClient({ RejectRequisition: { rejectRequisition: { __typename: 'OrderStateError', message: 'x', status: 'WITHDRAWN' } } });
    render(withProviders(<ApprovalCard requisition={requisition} costCentre={centre} onStale={onStale} />, client));
    await userEvent.click(screen.getByRole('button', { name: 'Avvis' }));
    expect(await screen.findByText('Skriv en kommentar til bestilleren når du avviser.')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/^Kommentar til bestilleren/), 'Nei takk');
    await userEvent.click(screen.getByRole('button', { name: 'Avvis' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Rekvisisjonen venter ikke lenger på godkjenning (status Trukket).');
    expect(onStale).toHaveBeenCalled();
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Kommentar til bestilleren/).value).toBe('Nei takk');
  });
});
