import { nextState } from '../platform/state-machine/transition-table';
import { INVOICE_EVENT_DONE, INVOICE_TRANSITIONS, InvoiceEvent, InvoiceStatus } from './invoice-status';

const events = Object.keys(INVOICE_EVENT_DONE) as InvoiceEvent[];
const allowed = (from: InvoiceStatus) => events.filter((e) => nextState(INVOICE_TRANSITIONS, from, e));

describe('invoice status table', () => {
  it('takes the matcher’s verdict on a received invoice, and no person’s decision before it is matched', () => {
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.RECEIVED, 'approveMatched')).toBe(InvoiceStatus.APPROVED);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.RECEIVED, 'wait')).toBe(InvoiceStatus.WAITING);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.RECEIVED, 'raiseException')).toBe(InvoiceStatus.EXCEPTION);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.RECEIVED, 'approve')).toBeNull();
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.RECEIVED, 'dispute')).toBeNull();
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.RECEIVED, 'query')).toBeNull();
  });

  it('re-matches a waiting or exception invoice, and lets accounts payable approve or dispute it', () => {
    for (const open of [InvoiceStatus.WAITING, InvoiceStatus.EXCEPTION]) {
      expect(allowed(open).sort()).toEqual(['approve', 'approveMatched', 'dispute', 'query', 'raiseException', 'wait']);
      expect(nextState(INVOICE_TRANSITIONS, open, 'query')).toBe(InvoiceStatus.UNDER_QUERY);
      expect(nextState(INVOICE_TRANSITIONS, open, 'approve')).toBe(InvoiceStatus.APPROVED);
      expect(nextState(INVOICE_TRANSITIONS, open, 'dispute')).toBe(InvoiceStatus.DISPUTED);
    }
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.WAITING, 'raiseException')).toBe(InvoiceStatus.EXCEPTION);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.EXCEPTION, 'wait')).toBe(InvoiceStatus.WAITING);
  });

  it('keeps an invoice under query while re-matches still find differences, approves it when one matches, and lets a person decide it', () => {
    const q = InvoiceStatus.UNDER_QUERY;
    expect(allowed(q).sort()).toEqual(['approve', 'approveMatched', 'dispute', 'query', 'raiseException', 'wait']);
    expect(nextState(INVOICE_TRANSITIONS, q, 'raiseException')).toBe(q);
    expect(nextState(INVOICE_TRANSITIONS, q, 'wait')).toBe(q);
    expect(nextState(INVOICE_TRANSITIONS, q, 'query')).toBe(q);
    expect(nextState(INVOICE_TRANSITIONS, q, 'approveMatched')).toBe(InvoiceStatus.APPROVED);
    expect(nextState(INVOICE_TRANSITIONS, q, 'approve')).toBe(InvoiceStatus.APPROVED);
    expect(nextState(INVOICE_TRANSITIONS, q, 'dispute')).toBe(InvoiceStatus.DISPUTED);
    expect(nextState(INVOICE_TRANSITIONS, q, 'pay')).toBeNull();
  });

  it('pays only an approved invoice, in parts or at once, and lets nothing leave PAID or DISPUTED: a credit note corrects instead', () => {
    expect(allowed(InvoiceStatus.APPROVED)).toEqual(['pay', 'payPart']);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.APPROVED, 'pay')).toBe(InvoiceStatus.PAID);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.APPROVED, 'payPart')).toBe(InvoiceStatus.PARTLY_PAID);
    // A further part keeps it partly paid; the rest completes it.
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.PARTLY_PAID, 'payPart')).toBe(InvoiceStatus.PARTLY_PAID);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.PARTLY_PAID, 'pay')).toBe(InvoiceStatus.PAID);
    expect(allowed(InvoiceStatus.PARTLY_PAID)).toEqual(['pay', 'payPart']);
    for (const open of [InvoiceStatus.RECEIVED, InvoiceStatus.WAITING, InvoiceStatus.EXCEPTION, InvoiceStatus.UNDER_QUERY]) {
      expect(nextState(INVOICE_TRANSITIONS, open, 'pay')).toBeNull();
      expect(nextState(INVOICE_TRANSITIONS, open, 'payPart')).toBeNull();
    }
    expect(allowed(InvoiceStatus.PAID)).toEqual([]);
    expect(allowed(InvoiceStatus.DISPUTED)).toEqual([]);
  });
});
