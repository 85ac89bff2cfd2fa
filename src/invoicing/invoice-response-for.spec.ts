import { groupReasons, invoiceResponseFor, MAX_REASON_TEXT, statusReasonOf } from './invoice-response-for';

const price = { code: 'PRICE_ABOVE_AGREED', message: 'Line 1: unit price 110.00 is above the agreed 100.00' };
const quantity = { code: 'QUANTITY_ABOVE_ORDERED', message: 'Line 2: 12 invoiced, 10 ordered' };
const notReceived = { code: 'NOT_RECEIVED', message: 'Line 3: nothing received yet' };

describe('invoiceResponseFor', () => {
  it('acknowledges a received invoice (AB) without reasons', () => {
    expect(invoiceResponseFor({ kind: 'RECEIVED' })).toEqual({ code: 'AB', reasons: [] });
  });

  it('says IP, with what is being checked, while the invoice waits for goods or sits in the exception queue', () => {
    expect(invoiceResponseFor({ kind: 'WAITING', reasons: [notReceived] })).toEqual({ code: 'IP', reasons: [{ code: 'DEL', text: notReceived.message }] });
    expect(invoiceResponseFor({ kind: 'EXCEPTION', reasons: [quantity, price] })).toEqual({
      code: 'IP',
      reasons: [
        { code: 'PRI', text: price.message },
        { code: 'QTY', text: quantity.message },
      ],
    });
  });

  it('accepts (AP): silently when matched, with a NON status after review, never with the reviewer’s internal reason', () => {
    expect(invoiceResponseFor({ kind: 'APPROVED', automatically: true })).toEqual({ code: 'AP', reasons: [] });
    const reviewed = invoiceResponseFor({ kind: 'APPROVED', automatically: false });
    expect(reviewed.code).toBe('AP');
    expect(reviewed.reasons).toEqual([{ code: 'NON', text: expect.stringContaining('review') }]);
  });

  it('queries (UQ) with the person’s structured reasons, one status per code in the code list’s order, and OTH when none is given', () => {
    const plan = invoiceResponseFor({
      kind: 'QUERIED',
      reasons: [
        { code: 'PRI', text: 'Is 50.00 a new price list?' },
        { code: 'REF', text: 'Which delivery note?' },
        { code: 'PRI', text: 'Line 2 too.' },
      ],
    });
    expect(plan).toEqual({
      code: 'UQ',
      reasons: [
        { code: 'REF', text: 'Which delivery note?' },
        { code: 'PRI', text: 'Is 50.00 a new price list?; Line 2 too.' },
      ],
    });
    expect(invoiceResponseFor({ kind: 'QUERIED', reasons: [] })).toEqual({ code: 'UQ', reasons: [{ code: 'OTH', text: expect.stringContaining('question') }] });
  });

  it('rejects (RE) a dispute that needs a new invoice and queries (UQ) one that needs an answer, the note leading the first reason', () => {
    const rejected = invoiceResponseFor({ kind: 'DISPUTED', reasons: [price, quantity], note: 'Please credit and invoice at the agreed price.', replace: true });
    expect(rejected).toEqual({
      code: 'RE',
      reasons: [
        { code: 'PRI', text: `Please credit and invoice at the agreed price. ${price.message}` },
        { code: 'QTY', text: quantity.message },
      ],
    });
    const queried = invoiceResponseFor({ kind: 'DISPUTED', reasons: [{ code: 'MISSING_REFERENCE', message: 'No order reference or buyer reference' }], note: '', replace: false });
    expect(queried).toEqual({ code: 'UQ', reasons: [{ code: 'REF', text: 'No order reference or buyer reference' }] });
  });

  it('gives a dispute without match reasons an OTH reason with the note, since UQ and RE need one (PEPPOL-T111-R001, R002)', () => {
    expect(invoiceResponseFor({ kind: 'DISPUTED', reasons: [], note: '  The chairs arrived broken.  ', replace: false })).toEqual({
      code: 'UQ',
      reasons: [{ code: 'OTH', text: 'The chairs arrived broken.' }],
    });
    expect(invoiceResponseFor({ kind: 'DISPUTED', reasons: [], note: ' ', replace: true }).reasons).toEqual([{ code: 'OTH', text: 'Disputed by the buyer.' }]);
  });

  it('accepts on conditions (CA) with the conditions as status reasons, one per code in the code list’s order, and OTH when none is given (PEPPOL-T111-R001)', () => {
    expect(
      invoiceResponseFor({
        kind: 'CONDITIONALLY_ACCEPTED',
        conditions: [
          { code: 'PRI', text: 'A credit note for 7.72 NOK is awaited' },
          { code: 'PAY', text: 'Paid 2027-01-15' },
          { code: 'PRI', text: 'Price as agreed from now on' },
        ],
      }),
    ).toEqual({
      code: 'CA',
      reasons: [
        { code: 'PRI', text: 'A credit note for 7.72 NOK is awaited; Price as agreed from now on' },
        { code: 'PAY', text: 'Paid 2027-01-15' },
      ],
    });
    expect(invoiceResponseFor({ kind: 'CONDITIONALLY_ACCEPTED', conditions: [] })).toEqual({ code: 'CA', reasons: [{ code: 'OTH', text: 'Accepted on conditions.' }] });
  });

  it('says paid (PD), and partially paid with the PPD reason and its text (PEPPOL-T111-R004, R005)', () => {
    expect(invoiceResponseFor({ kind: 'PAID' })).toEqual({ code: 'PD', reasons: [] });
    expect(invoiceResponseFor({ kind: 'PAID', partially: 'Paid 800.00 of 1000.00; the rest is disputed' })).toEqual({
      code: 'PD',
      reasons: [{ code: 'PPD', text: 'Paid 800.00 of 1000.00; the rest is disputed' }],
    });
  });
});

describe('status reasons', () => {
  it('maps every kind of match reason to its OPStatusReason, unknown codes to OTH', () => {
    expect(
      [
        'PRICE_VARIANCE',
        'TOTAL_ABOVE_EXPECTED',
        'QUANTITY_VARIANCE',
        'UNIT_MISMATCH',
        'NOT_RECEIVED',
        'NO_ORDER_LINE',
        'NOT_ON_AGREEMENT',
        'MISSING_REFERENCE',
        'BUYER_REFERENCE_MISMATCH',
        'ORDER_NOT_OPEN',
        'CURRENCY',
        'ORDER_NOT_CONFIRMED',
        'constructor',
      ].map(statusReasonOf),
    ).toEqual(['PRI', 'PRI', 'QTY', 'QTY', 'DEL', 'ITM', 'ITM', 'REF', 'REF', 'REF', 'FIN', 'OTH', 'OTH']);
  });

  it('groups reasons per code in the code list’s order, dropping repeated messages', () => {
    const reasons = [notReceived, price, { code: 'PRICE_VARIANCE', message: 'Line 4: 5.00 above' }, price, { code: 'NO_ORDER_LINE', message: 'Line 5: no such order line' }];
    expect(groupReasons(reasons)).toEqual([
      { code: 'DEL', text: notReceived.message },
      { code: 'PRI', text: `${price.message}; Line 4: 5.00 above` },
      { code: 'ITM', text: 'Line 5: no such order line' },
    ]);
  });

  it('keeps a reason’s text bounded however many lines an invoice has, saying how many were left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ code: 'PRICE_ABOVE_AGREED', message: `Line ${i + 1}: unit price 110.00 is above the agreed 100.00` }));
    const [pri] = groupReasons(many);
    expect(pri.text.length).toBeLessThanOrEqual(MAX_REASON_TEXT);
    const shown = pri.text.split('; ').length;
    expect(pri.text).toMatch(new RegExp(`\\(and ${200 - shown} more\\)$`));
    const [long] = groupReasons([
      { code: 'OTHER', message: 'x'.repeat(5000) },
      { code: 'OTHER', message: 'second' },
    ]);
    expect(long.text.length).toBe(MAX_REASON_TEXT);
    expect(long.text.endsWith('… (and 1 more)')).toBe(true);
  });
});
