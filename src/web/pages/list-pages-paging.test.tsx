import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, withProviders } from '../test/urql-mock';
import { ApprovalsPage } from './ApprovalsPage';
import { MyOrdersPage } from './MyOrdersPage';
import { PayablesPage } from './PayablesPage';

/**
 * The list pages that page through PagedList: "next" asks for the page after the first one's end
 * cursor, and the second page replaces the first on screen.
 */
const page = (typename: string, nodes: unknown[], endCursor: string | null) => ({
  __typename: typename,
  totalCount: 11,
  pageInfo: { __typename: 'PageInfo', hasNextPage: endCursor !== null, endCursor },
  edges: nodes.map((node) => ({ __typename: 'Edge', node })),
});
/** The first page (ending at cursor c1) when `after` is empty, the second (last) page after c1. */
const twoPages = (typename: string, first: unknown, second: unknown) => (v: Record<string, unknown>) => (v.after === 'c1' ? page(typename, [second], null) : page(typename, [first], 'c1'));

const order = (id: number, requisitionNumber: string) => ({
  __typename: 'Order',
  id,
  version: 1,
  requisitionNumber,
  number: null,
  status: 'PENDING_APPROVAL',
  supplierId: 5,
  supplierName: 'Kontorland AS',
  currency: 'NOK',
  lineExtensionAmount: '100.00',
  taxInclusiveAmount: '125.00',
  submittedAt: '2026-12-01T10:00:00Z',
  costCentreId: 2,
  budgetYear: 2026,
  lines: [{ __typename: 'OrderLine', id: id * 10, name: `Vare ${requisitionNumber}`, quantity: '1', unitCode: 'EA', price: '100.00', lineAmount: '100.00' }],
});

const invoice = (id: number, number: string) => ({
  __typename: 'Invoice',
  id,
  version: 1,
  kind: 'INVOICE',
  number,
  status: 'EXCEPTION',
  supplierId: 5,
  orderReference: 'PO-2026-000001',
  currency: 'NOK',
  payableAmount: '125.00',
  receivedAt: '2026-11-30T10:00:00Z',
  dueDate: '2026-12-30',
  reasons: [],
});

async function goToSecondPage(pagerName: string) {
  await userEvent.click(within(await screen.findByRole('navigation', { name: pagerName })).getByRole('button', { name: 'Neste' }));
}

describe('list pages: the second page', () => {
  it('my orders: next loads the orders after the first page’s cursor', async () => {
    const { client, executeQuery } = mockClient({ MyOrders: (v: Record<string, unknown>) => ({ orders: twoPages('OrderConnection', order(1, 'REQ-1'), order(2, 'REQ-2'))(v) }) });
    render(withProviders(<MyOrdersPage />, client, '/my-orders'));
    expect(await screen.findByRole('link', { name: 'REQ-1' })).toBeTruthy();
    await goToSecondPage('Sider med bestillinger');
    expect(await screen.findByRole('link', { name: 'REQ-2' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'REQ-1' })).toBeNull();
    expect(executeQuery.mock.calls.map((c) => c[0].variables.after)).toContain('c1');
  });

  it('approvals: next loads the requisitions after the first page’s cursor', async () => {
    const { client } = mockClient({
      ApprovalQueue: (v: Record<string, unknown>) => ({
        pendingApprovals: twoPages('OrderConnection', order(1, 'REQ-1'), order(2, 'REQ-2'))(v),
        costCentres: { __typename: 'CostCentreConnection', edges: [] },
      }),
    });
    render(withProviders(<ApprovalsPage />, client, '/approvals'));
    expect(await screen.findByText(/Vare REQ-1/)).toBeTruthy();
    await goToSecondPage('Sider med rekvisisjoner');
    expect(await screen.findByText(/Vare REQ-2/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/Vare REQ-1/)).toBeNull());
  });

  it('payables: next loads the exceptions after the first page’s cursor', async () => {
    const { client } = mockClient({
      InvoiceExceptions: (v: Record<string, unknown>) => ({ invoiceExceptions: twoPages('InvoiceConnection', invoice(1, 'F-1'), invoice(2, 'F-2'))(v) }),
      SupplierName: { organisation: { __typename: 'Organisation', id: 5, name: 'Kontorland AS' } },
      ApprovedInvoices: { invoices: { __typename: 'InvoiceConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } },
    });
    render(withProviders(<PayablesPage />, client, '/payables'));
    expect(await screen.findByText(/F-1/)).toBeTruthy();
    await goToSecondPage('Sider med fakturaer');
    expect(await screen.findByText(/F-2/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/F-1\b/)).toBeNull());
  });
});
