import { describe, expect, it } from 'vitest';
import { checkInvoice, newInvoiceDraft, serverFieldOf, toCreateInvoiceInput } from './invoice-form';

const lines = [
  { lineId: '1', quantity: '10.0000' },
  { lineId: '2', quantity: '2.5000' },
];

describe('the invoice form', () => {
  it('starts with every line as agreed, issued today and due in 30 days', () => {
    const draft = newInvoiceDraft(lines, '2026-12-01');
    expect(draft).toMatchObject({ issueDate: '2026-12-01', dueDate: '2026-12-31', invoiceNumber: '' });
    expect(draft.lines.map((l) => l.quantity)).toEqual(['10', '2,5']);
  });

  it('sends partial quantities with a point, 0 for lines emptied, and no number when Torg should choose one', () => {
    const draft = { ...newInvoiceDraft(lines, '2026-12-01'), paymentAccount: ' 1503 20 80119 ', kid: '0000 4200', note: ' ' };
    draft.lines[0].quantity = '4,5';
    draft.lines[1].quantity = '';
    expect(checkInvoice(draft)).toEqual([]);
    expect(toCreateInvoiceInput(3, draft)).toEqual({
      orderId: 3,
      issueDate: '2026-12-01',
      dueDate: '2026-12-31',
      paymentAccount: '1503 20 80119',
      kid: '00004200',
      lines: [
        { lineId: '1', quantity: '4.5' },
        { lineId: '2', quantity: '0' },
      ],
      // The draft's key goes with every attempt, so a retry answers the invoice the first one made.
      idempotencyKey: draft.idempotencyKey,
    });
  });

  it('gives each new draft its own idempotency key, which stays with the draft', () => {
    const a = newInvoiceDraft(lines, '2026-12-01');
    const b = newInvoiceDraft(lines, '2026-12-01');
    expect(a.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.idempotencyKey).not.toBe(a.idempotencyKey);
    expect(toCreateInvoiceInput(3, { ...a, paymentAccount: '15032080119' }).idempotencyKey).toBe(a.idempotencyKey);
  });

  it('names each wrong field: due before issue, no account, a KID with letters, more than agreed', () => {
    const draft = { ...newInvoiceDraft(lines, '2026-12-01'), dueDate: '2026-11-30', kid: '12AB' };
    draft.lines[1].quantity = '2,6';
    expect(checkInvoice(draft)).toEqual([
      { field: 'dueDate', key: 'supplierPortal.invoice.errors.dueBeforeIssue' },
      { field: 'paymentAccount', key: 'supplierPortal.invoice.errors.account' },
      { field: 'kid', key: 'supplierPortal.invoice.errors.kid' },
      { field: '2.quantity', key: 'supplierPortal.invoice.errors.moreThanAgreed' },
    ]);
  });

  it('refuses an invoice of nothing', () => {
    const draft = { ...newInvoiceDraft(lines, '2026-12-01'), paymentAccount: 'NO9386011117947' };
    draft.lines.forEach((l) => (l.quantity = '0'));
    expect(checkInvoice(draft)).toEqual([{ field: 'lines', key: 'supplierPortal.invoice.errors.nothing' }]);
  });

  it('puts a server problem beside the field it names', () => {
    const draft = newInvoiceDraft(lines, '2026-12-01');
    expect(serverFieldOf('lines[1].quantity', draft)).toBe('2.quantity');
    expect(serverFieldOf('paymentAccount', draft)).toBe('paymentAccount');
    expect(serverFieldOf(null, draft)).toBeNull();
  });
});
