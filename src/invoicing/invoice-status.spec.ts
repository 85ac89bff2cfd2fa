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
  });

  it('re-matches a waiting or exception invoice, and lets accounts payable approve or dispute it', () => {
    for (const open of [InvoiceStatus.WAITING, InvoiceStatus.EXCEPTION]) {
      expect(allowed(open).sort()).toEqual(['approve', 'approveMatched', 'dispute', 'raiseException', 'wait']);
      expect(nextState(INVOICE_TRANSITIONS, open, 'approve')).toBe(InvoiceStatus.APPROVED);
      expect(nextState(INVOICE_TRANSITIONS, open, 'dispute')).toBe(InvoiceStatus.DISPUTED);
    }
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.WAITING, 'raiseException')).toBe(InvoiceStatus.EXCEPTION);
    expect(nextState(INVOICE_TRANSITIONS, InvoiceStatus.EXCEPTION, 'wait')).toBe(InvoiceStatus.WAITING);
  });

  it('lets nothing leave APPROVED or DISPUTED: a credit note corrects instead', () => {
    expect(allowed(InvoiceStatus.APPROVED)).toEqual([]);
    expect(allowed(InvoiceStatus.DISPUTED)).toEqual([]);
  });
});
