import { amountOf, invoice, invoiceLine, orderLine, policy } from '../../../test/support/match-facts';
import { matchInvoice } from './invoice-matcher';
import { LINE_STATUS_SEVERITY } from './line-status';
import type { MatchInput, MatchResult, OrderLineFacts } from './match-types';

const codes = (r: MatchResult) => r.reasons.map((x) => x.code);
const only = (r: MatchResult) => {
  expect(r.lines).toHaveLength(1);
  return r.lines[0];
};

describe('matchInvoice: two-way', () => {
  it('matches an invoice equal to its order, with nothing to report', () => {
    const r = matchInvoice(invoice([orderLine(1), orderLine(2, { unitPrice: '49.9000', orderedQuantity: '3' })], [invoiceLine(0), invoiceLine(1, { quantity: '3', netUnitPrice: '49.90' })]));
    expect(r.status).toBe('MATCHED');
    expect(r.reasons).toEqual([]);
    expect(r.lines.map((l) => [l.status, l.orderLineId, l.resolvedBy, l.mode, l.expectedAmount, l.difference])).toEqual([
      ['MATCHED', 1001, 'LINE_REFERENCE', 'TWO_WAY', '1000.00', '0.00'],
      ['MATCHED', 1002, 'LINE_REFERENCE', 'TWO_WAY', '149.70', '0.00'],
    ]);
    expect(r.totals).toEqual({ expected: '1149.70', actual: '1149.70', difference: '0.00', differenceNok: '0.00', allowed: '11.50' });
    expect(r.offCatalogue).toBe(false);
  });

  it('does not check receipts: nothing received still matches', () => {
    expect(matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' })], [invoiceLine(0)])).status).toBe('MATCHED');
  });

  it('gives PRICE_VARIANCE for a unit price above agreed beyond the tolerance, with both sides and the NOK at stake', () => {
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { netUnitPrice: '110' })]));
    expect(r.status).toBe('EXCEPTION');
    expect(only(r).status).toBe('PRICE_VARIANCE');
    expect(r.reasons[0]).toMatchObject({ code: 'PRICE_ABOVE_AGREED', lineIndex: 0, expected: '100', actual: '110', difference: '10', differenceNok: '100.00' });
    expect(r.reasons[0].message).toContain('exceeds the agreed 100 by 10');
    expect(only(r)).toMatchObject({ expectedAmount: '1000.00', actualAmount: '1100.00', difference: '100.00', differenceNok: '100.00' });
    // One reason per cause: the line's reason shows the 100 NOK, the total does not say it again.
    expect(codes(r)).toEqual(['PRICE_ABOVE_AGREED']);
    expect(r.totals).toMatchObject({ expected: '1000.00', actual: '1100.00', difference: '100.00' });
  });

  it('never calls a price below agreed a variance: the buyer pays less', () => {
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { netUnitPrice: '80' })]));
    expect(r.status).toBe('MATCHED');
    expect(only(r).difference).toBe('-200.00');
  });

  it('lets a line within price tolerance through, but the total tolerance still catches the sum', () => {
    // 1.5 per unit is within 2 % (2.00) and 5 NOK; 10 units make 15 NOK over, beyond 1 % of 1000 (10 NOK).
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { netUnitPrice: '101.5' })]));
    expect(only(r).status).toBe('MATCHED');
    expect(r.status).toBe('EXCEPTION');
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'TOTAL_ABOVE_EXPECTED', lineIndex: null, expected: '1000.00', actual: '1015.00', difference: '15.00', differenceNok: '15.00' })]);
    expect(matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { netUnitPrice: '101' })])).status).toBe('MATCHED');
  });

  it('gives QUANTITY_VARIANCE for more than ordered, expecting only the open quantity', () => {
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '12' })]));
    expect(only(r).status).toBe('QUANTITY_VARIANCE');
    expect(r.reasons[0]).toMatchObject({ code: 'QUANTITY_ABOVE_ORDERED', expected: '10', actual: '12', difference: '2', differenceNok: '200.00' });
    expect(only(r)).toMatchObject({ expectedAmount: '1000.00', actualAmount: '1200.00', difference: '200.00' });
  });

  it('accepts more than ordered within the quantity tolerance, and not beyond it', () => {
    const tolerant = { policy: policy('TWO_WAY', { quantityPercent: '10', totalPercent: '20' }) };
    expect(matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '11' })], tolerant)).status).toBe('MATCHED');
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '11.5' })], tolerant));
    expect(codes(r)).toContain('QUANTITY_ABOVE_ORDERED');
  });

  it('counts what was invoiced before: no quantity is paid twice', () => {
    const line = orderLine(1, { previouslyInvoicedQuantity: '8', previouslyInvoicedAmount: '800' });
    expect(matchInvoice(invoice([line], [invoiceLine(0, { quantity: '2' })])).status).toBe('MATCHED');
    const r = matchInvoice(invoice([line], [invoiceLine(0, { quantity: '3' })]));
    expect(r.reasons[0]).toMatchObject({ code: 'QUANTITY_ABOVE_ORDERED', expected: '2', actual: '3', difference: '1', differenceNok: '100.00' });
    expect(r.reasons[0].message).toContain('with 8 invoiced before that is 11 of 10 ordered');
  });

  it('adds up several invoice lines on one order line within the same invoice', () => {
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '6' }), invoiceLine(1, { orderLineRef: '1', quantity: '6' })]));
    expect(r.lines.map((l) => l.status)).toEqual(['MATCHED', 'QUANTITY_VARIANCE']);
    expect(r.reasons[0]).toMatchObject({ code: 'QUANTITY_ABOVE_ORDERED', lineIndex: 1, expected: '4', actual: '6' });
  });

  it('gives QUANTITY_VARIANCE for another unit, and compares no price in it', () => {
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { unitCode: 'KGM', quantity: '2', netUnitPrice: '900' })]));
    expect(only(r).status).toBe('QUANTITY_VARIANCE');
    expect(codes(r)[0]).toBe('UNIT_MISMATCH');
    expect(codes(r)).not.toContain('PRICE_ABOVE_AGREED');
    expect(r.reasons[0]).toMatchObject({ expected: 'EA', actual: 'KGM', difference: null, differenceNok: '1800.00' });
    expect(r.reasons[0].message).toContain('invoiced in unit KGM, ordered in EA');
    expect(only(r).expectedAmount).toBe('0.00');
  });

  it('takes an older unit code and its current form as one unit (PK ordered, XPK invoiced: the order document wrote XPK)', () => {
    const r = matchInvoice(invoice([orderLine(1, { unitCode: 'PK' })], [invoiceLine(0, { unitCode: 'XPK' })]));
    expect(codes(r)).not.toContain('UNIT_MISMATCH');
    expect(only(r).status).toBe('MATCHED');
  });

  it('reports a line with several problems by the most severe, with every reason', () => {
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '12', netUnitPrice: '120' })]));
    expect(only(r).status).toBe('QUANTITY_VARIANCE');
    expect(only(r).reasons.map((x) => x.code)).toEqual(['QUANTITY_ABOVE_ORDERED', 'PRICE_ABOVE_AGREED']);
  });
});

describe('matchInvoice: three-way', () => {
  const threeWay = { policy: policy('THREE_WAY') };

  it('matches an invoice equal to what was received', () => {
    expect(matchInvoice(invoice([orderLine(1, { receivedQuantity: '4' })], [invoiceLine(0, { quantity: '4' })], threeWay)).status).toBe('MATCHED');
  });

  it('gives NOT_RECEIVED when nothing is received, and says the invoice only awaits the receipt', () => {
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' }), orderLine(2)], [invoiceLine(0), invoiceLine(1)], threeWay));
    expect(r.lines.map((l) => l.status)).toEqual(['NOT_RECEIVED', 'MATCHED']);
    expect(r.reasons[0]).toMatchObject({ code: 'NOT_RECEIVED', expected: '0', actual: '10', difference: '10', differenceNok: '1000.00' });
    expect(r).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: true });
    // Waiting for goods is the only reason: the line is expected at what the order allows, so the total is as expected.
    expect(codes(r)).toEqual(['NOT_RECEIVED']);
    expect(r.lines[0]).toMatchObject({ expectedAmount: '1000.00', actualAmount: '1000.00', difference: '0.00' });
    expect(r.totals).toMatchObject({ expected: '2000.00', actual: '2000.00', difference: '0.00' });
  });

  it('measures the total tolerance of a waiting invoice against the whole of it: a charge within tolerance of the whole is no reason', () => {
    // 1 % of 2000 is 20; the freight of 15 is within it, though above 1 % of the received 1000 alone.
    const tol = { policy: policy('THREE_WAY', { totalPercent: '1', totalAbsolute: null }) };
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' }), orderLine(2)], [invoiceLine(0), invoiceLine(1)], { ...tol, invoiceTotalExclVat: '2015.00' }));
    expect(codes(r)).toEqual(['NOT_RECEIVED']);
    expect(r).toMatchObject({ awaitingReceipt: true, totals: { expected: '2000.00', difference: '15.00', allowed: '20.00' } });
    // A charge beyond it is a real difference: shown, and a person looks now instead of after the receipt.
    const over = matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' }), orderLine(2)], [invoiceLine(0), invoiceLine(1)], { ...tol, invoiceTotalExclVat: '2020.01' }));
    expect(codes(over)).toEqual(['NOT_RECEIVED', 'TOTAL_ABOVE_EXPECTED']);
    expect(over.reasons[1]).toMatchObject({ expected: '2000.00', actual: '2020.01', difference: '20.01', differenceNok: '20.01' });
    expect(over).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: false });
  });

  it('still shows a real over-invoice on a waiting line: a price within the line tolerance that the total tolerance refuses', () => {
    // 101.5 is within 2 % / 5 NOK of 100 for the unit, but 15 NOK on the line is above an exact total.
    const exactTotal = { policy: policy('THREE_WAY', { totalPercent: '0', totalAbsolute: null }) };
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' })], [invoiceLine(0, { netUnitPrice: '101.5' })], exactTotal));
    expect(only(r).status).toBe('NOT_RECEIVED');
    expect(codes(r)).toEqual(['NOT_RECEIVED', 'TOTAL_ABOVE_EXPECTED']);
    expect(r.reasons[1]).toMatchObject({ lineIndex: null, expected: '1000.00', actual: '1015.00', difference: '15.00', differenceNok: '15.00' });
    expect(r).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: false });
  });

  it('still shows a real over-invoice on a waiting line: more than ordered is QUANTITY_VARIANCE, with the 200 NOK on the line reason', () => {
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' })], [invoiceLine(0, { quantity: '12' })], threeWay));
    expect(only(r)).toMatchObject({ status: 'QUANTITY_VARIANCE', expectedAmount: '1000.00', difference: '200.00' });
    expect(codes(r)).toEqual(['QUANTITY_ABOVE_ORDERED', 'NOT_RECEIVED']);
    expect(r.reasons[0]).toMatchObject({ expected: '10', actual: '12', difference: '2', differenceNok: '200.00' });
    expect(r).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: false });
  });

  it('answers a waiting invoice, re-matched once the goods have come, as it answers an invoice matched after them', () => {
    const lines = [invoiceLine(0), invoiceLine(1, { quantity: '5' })];
    const before = matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' }), orderLine(2, { receivedQuantity: '0' })], lines, threeWay));
    expect(before).toMatchObject({ awaitingReceipt: true, reasons: [{ code: 'NOT_RECEIVED' }, { code: 'NOT_RECEIVED' }] });
    const after = matchInvoice(invoice([orderLine(1), orderLine(2, { receivedQuantity: '5' })], lines, threeWay));
    expect(after).toMatchObject({ status: 'MATCHED', reasons: [] });
    expect(after.totals).toEqual(before.totals);
  });

  it('lets the quantity tolerance cover a little more than received, also when all received is invoiced', () => {
    const tolerant = { policy: policy('THREE_WAY', { quantityPercent: '10' }) };
    const allPaid = orderLine(1, { previouslyInvoicedQuantity: '10', previouslyInvoicedAmount: '1000.00' });
    expect(matchInvoice(invoice([allPaid], [invoiceLine(0, { quantity: '1' })], tolerant)).status).toBe('MATCHED');
    expect(only(matchInvoice(invoice([allPaid], [invoiceLine(0, { quantity: '2' })], tolerant))).reasons.map((x) => x.code)).toEqual(['QUANTITY_ABOVE_ORDERED', 'NOT_RECEIVED']);
  });

  it('waits when more is invoiced than received but the goods still to come on the order cover it, and matches once they have come', () => {
    // 10 ordered, 4 received, 6 invoiced: the other 2 may still come, so the line waits (issue 16: re-matched on receipt).
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '4' })], [invoiceLine(0, { quantity: '6' })], threeWay));
    expect(only(r)).toMatchObject({ status: 'NOT_RECEIVED', expectedAmount: '600.00', difference: '0.00' });
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'NOT_RECEIVED', expected: '4', actual: '6', difference: '2', differenceNok: '200.00' })]);
    expect(r).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: true });
    const after = matchInvoice(invoice([orderLine(1, { receivedQuantity: '6' })], [invoiceLine(0, { quantity: '6' })], threeWay));
    expect(after).toMatchObject({ status: 'MATCHED', reasons: [] });
    expect(after.totals).toEqual(r.totals);
  });

  it('does not wait for goods that were returned: they will not come again, so invoicing them is a quantity difference now (issue 16)', () => {
    // 10 ordered, 10 received, 4 returned (net 6), 10 invoiced: nothing is still to come.
    const rejected = orderLine(1, { receivedQuantity: '6', returnedQuantity: '4' });
    const r = matchInvoice(invoice([rejected], [invoiceLine(0, { quantity: '10' })], threeWay));
    expect(only(r)).toMatchObject({ status: 'QUANTITY_VARIANCE', expectedAmount: '600.00', difference: '400.00' });
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'QUANTITY_ABOVE_RECEIVED', expected: '6', actual: '10', difference: '4', differenceNok: '400.00' })]);
    expect(r).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: false });
    // The same after the 6 kept were invoiced: the other 4 are not coming either.
    const rest = matchInvoice(invoice([{ ...rejected, previouslyInvoicedQuantity: '6', previouslyInvoicedAmount: '600.00' }], [invoiceLine(0, { quantity: '4' })], threeWay));
    expect(codes(rest)).toEqual(['QUANTITY_ABOVE_RECEIVED']);
    expect(rest.awaitingReceipt).toBe(false);
    // Only what was never delivered may still come: 8 of 10 delivered, 2 returned (net 6): up to 8 waits, 9 does not.
    const partly = orderLine(1, { receivedQuantity: '6', returnedQuantity: '2' });
    expect(matchInvoice(invoice([partly], [invoiceLine(0, { quantity: '8' })], threeWay))).toMatchObject({
      awaitingReceipt: true,
      reasons: [{ code: 'NOT_RECEIVED', expected: '6', difference: '2' }],
    });
    expect(codes(matchInvoice(invoice([partly], [invoiceLine(0, { quantity: '9' })], threeWay)))).toEqual(['QUANTITY_ABOVE_RECEIVED']);
  });

  it('does not wait for anything on a closed order: beyond the receipt is a quantity difference now, within it still matches (issue 16)', () => {
    // 10 ordered, 4 received, 6 invoiced: on an open order the line waits for 2 more.
    const open = orderLine(1, { receivedQuantity: '4' });
    expect(matchInvoice(invoice([open], [invoiceLine(0, { quantity: '6' })], threeWay))).toMatchObject({ awaitingReceipt: true, reasons: [{ code: 'NOT_RECEIVED' }] });
    const closed = { ...open, nothingMoreToCome: true };
    const r = matchInvoice(invoice([closed], [invoiceLine(0, { quantity: '6' })], threeWay));
    expect(r).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: false });
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'QUANTITY_ABOVE_RECEIVED', expected: '4', actual: '6', difference: '2' })]);
    expect(matchInvoice(invoice([closed], [invoiceLine(0, { quantity: '4' })], threeWay))).toMatchObject({ status: 'MATCHED', reasons: [] });
    // Beyond the order with everything received invoiced already: nothing to wait for either, both differences shown.
    const beyond = matchInvoice(invoice([{ ...closed, previouslyInvoicedQuantity: '4', previouslyInvoicedAmount: '400.00' }], [invoiceLine(0, { quantity: '8' })], threeWay));
    expect(beyond).toMatchObject({ status: 'EXCEPTION', awaitingReceipt: false });
    expect(codes(beyond).sort()).toEqual(['QUANTITY_ABOVE_ORDERED', 'QUANTITY_ABOVE_RECEIVED']);
    // Two-way matching never looked at receipts: closing changes nothing there.
    expect(matchInvoice(invoice([closed], [invoiceLine(0, { quantity: '6' })], { policy: policy('TWO_WAY') })).status).toBe('MATCHED');
  });

  it('gives QUANTITY_VARIANCE when more is invoiced than received and than ordered: no receipt can settle it', () => {
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '4' })], [invoiceLine(0, { quantity: '12' })], threeWay));
    expect(only(r).status).toBe('QUANTITY_VARIANCE');
    expect(codes(r)).toEqual(['QUANTITY_ABOVE_ORDERED', 'QUANTITY_ABOVE_RECEIVED']);
    expect(r.reasons[1]).toMatchObject({ expected: '4', actual: '12', difference: '8', differenceNok: '800.00' });
    expect(r.awaitingReceipt).toBe(false);
  });

  it('lets a partly received line invoiced beyond the receipt wait, and shows a freight charge beside it as the total reason alone', () => {
    const partly = [orderLine(1, { receivedQuantity: '4' }), orderLine(2, { receivedQuantity: '5', orderedQuantity: '5', unitPrice: '20.0000' })];
    const lines = [invoiceLine(0, { quantity: '6' }), invoiceLine(1, { quantity: '5', netUnitPrice: '20' })];
    const exactTotal = { policy: policy('THREE_WAY', { totalPercent: '0', totalAbsolute: null }) };
    const r = matchInvoice(invoice(partly, lines, { ...exactTotal, invoiceTotalExclVat: '700.00' }));
    expect(r.lines.map((l) => l.status)).toEqual(['NOT_RECEIVED', 'MATCHED']);
    expect(codes(r)).toEqual(['NOT_RECEIVED']);
    expect(r).toMatchObject({ awaitingReceipt: true, totals: { expected: '700.00', actual: '700.00', difference: '0.00' } });
    // 49 NOK of freight on the document is no line's: the total reason says it, and a person looks now.
    const freight = matchInvoice(invoice(partly, lines, { ...exactTotal, invoiceTotalExclVat: '749.00' }));
    expect(codes(freight)).toEqual(['NOT_RECEIVED', 'TOTAL_ABOVE_EXPECTED']);
    expect(freight.reasons[1]).toMatchObject({ lineIndex: null, expected: '700.00', actual: '749.00', difference: '49.00', differenceNok: '49.00' });
    expect(freight).toMatchObject({ awaitingReceipt: false, totals: { expected: '700.00', actual: '749.00', difference: '49.00' } });
  });

  it('still checks the order: received beyond ordered does not make an overinvoice match', () => {
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '12' })], [invoiceLine(0, { quantity: '12' })], threeWay));
    expect(codes(r)).toEqual(['QUANTITY_ABOVE_ORDERED']);
  });

  it('walks partial invoices against partial receipts without paying any quantity twice', () => {
    // Ordered 10. Each step: what is received by then, what is invoiced, the answer.
    let facts: OrderLineFacts = orderLine(1);
    const step = (received: string, quantity: string) => {
      facts = { ...facts, receivedQuantity: received };
      const r = matchInvoice(invoice([facts], [invoiceLine(0, { quantity })], threeWay));
      if (r.status === 'MATCHED') {
        // Approved: the service counts it as invoiced before for the next invoice.
        facts = {
          ...facts,
          previouslyInvoicedQuantity: String(Number(facts.previouslyInvoicedQuantity) + Number(quantity)),
          previouslyInvoicedAmount: amountOf(String(Number(facts.previouslyInvoicedQuantity) + Number(quantity)), '100'),
        };
      }
      return only(r).status;
    };
    expect(step('4', '4')).toBe('MATCHED');
    expect(step('4', '1')).toBe('NOT_RECEIVED'); // the 4 received are paid
    expect(step('7', '4')).toBe('NOT_RECEIVED'); // 3 more received, not 4: the fourth may still come
    expect(step('7', '3')).toBe('MATCHED');
    expect(step('10', '3')).toBe('MATCHED');
    expect(facts.previouslyInvoicedQuantity).toBe('10');
    // All ordered and received is paid: one more is both beyond the order and not received; the worse shows.
    const r = matchInvoice(invoice([facts], [invoiceLine(0, { quantity: '1' })], threeWay));
    expect(only(r).status).toBe('QUANTITY_VARIANCE');
    expect(codes(r)).toEqual(['QUANTITY_ABOVE_ORDERED', 'NOT_RECEIVED']);
  });

  it('says plainly why a line waits: nothing received, all received invoiced already, or only part received', () => {
    const message = (facts: Partial<OrderLineFacts>, quantity: string) => matchInvoice(invoice([orderLine(1, facts)], [invoiceLine(0, { quantity })], threeWay)).reasons[0].message;
    expect(message({ receivedQuantity: '0' }, '10')).toBe('Invoice line 1 (order line 1): invoiced 10 EA, but nothing of this line has been received yet');
    expect(message({ receivedQuantity: '4', previouslyInvoicedQuantity: '4', previouslyInvoicedAmount: '400.00' }, '1')).toBe(
      'Invoice line 1 (order line 1): invoiced 1 EA, but all 4 EA received so far are invoiced already, and no more has been received yet',
    );
    expect(message({ receivedQuantity: '4' }, '6')).toBe('Invoice line 1 (order line 1): invoiced 6 EA, but only 4 EA have been received so far; 2 EA are not received yet');
    expect(message({ receivedQuantity: '7', previouslyInvoicedQuantity: '3', previouslyInvoicedAmount: '300.00' }, '6')).toBe(
      'Invoice line 1 (order line 1): invoiced 6 EA, but only 4 EA received are not invoiced yet (7 received, 3 invoiced before); 2 EA are not received yet',
    );
  });

  it('uses each line its own policy: a service line can be two-way in a three-way invoice', () => {
    const service = orderLine(2, { unspscCode: '80101500', receivedQuantity: '0' });
    const input = invoice([orderLine(1, { receivedQuantity: '0' }), service], [invoiceLine(0), invoiceLine(1)], {
      policy: policy('THREE_WAY'),
      policyFor: (l) => (l.unspscCode.startsWith('80') ? policy('TWO_WAY') : policy('THREE_WAY')),
    });
    const r = matchInvoice(input);
    expect(r.lines.map((l) => [l.mode, l.status])).toEqual([
      ['THREE_WAY', 'NOT_RECEIVED'],
      ['TWO_WAY', 'MATCHED'],
    ]);
  });
});

describe('matchInvoice: tolerances', () => {
  const expensive = [orderLine(1, { unitPrice: '1000.0000', orderedQuantity: '1' })];
  // 2 % of 1000 is 20 NOK; 5 NOK is less.
  const at = (price: string, tolerance: Parameters<typeof policy>[1]) =>
    only(matchInvoice(invoice(expensive, [invoiceLine(0, { quantity: '1', netUnitPrice: price })], { policy: policy('TWO_WAY', { ...tolerance, totalPercent: null, totalAbsolute: null }) }))).status;

  it('TIGHTER allows the smaller of percent and absolute, LOOSER the larger', () => {
    expect(at('1005', { priceRule: 'TIGHTER' })).toBe('MATCHED');
    expect(at('1005.01', { priceRule: 'TIGHTER' })).toBe('PRICE_VARIANCE');
    expect(at('1020', { priceRule: 'LOOSER' })).toBe('MATCHED');
    expect(at('1020.01', { priceRule: 'LOOSER' })).toBe('PRICE_VARIANCE');
  });

  it('uses the percent alone or the absolute alone when the other is null, whatever the rule', () => {
    for (const priceRule of ['TIGHTER', 'LOOSER'] as const) {
      expect(at('1020', { priceRule, priceAbsolute: null })).toBe('MATCHED');
      expect(at('1020.01', { priceRule, priceAbsolute: null })).toBe('PRICE_VARIANCE');
      expect(at('1005', { priceRule, pricePercent: null })).toBe('MATCHED');
      expect(at('1005.01', { priceRule, pricePercent: null })).toBe('PRICE_VARIANCE');
    }
  });

  it('allows nothing when neither is set', () => {
    expect(at('1000', { pricePercent: null, priceAbsolute: null })).toBe('MATCHED');
    expect(at('1000.0001', { pricePercent: null, priceAbsolute: null })).toBe('PRICE_VARIANCE');
  });

  it('takes the total tolerance as percent or absolute, tighter or looser', () => {
    // Expected 1000; invoiced with a 12 NOK charge on the document: 1 % = 10, absolute 15.
    const total = (t: Parameters<typeof policy>[1]) => matchInvoice(invoice([orderLine(1)], [invoiceLine(0)], { invoiceTotalExclVat: '1012.00', policy: policy('TWO_WAY', t) }));
    expect(total({ totalPercent: '1', totalAbsolute: '15', totalRule: 'TIGHTER' }).status).toBe('EXCEPTION');
    expect(total({ totalPercent: '1', totalAbsolute: '15', totalRule: 'LOOSER' }).status).toBe('MATCHED');
    expect(total({ totalPercent: null, totalAbsolute: '15', totalRule: 'TIGHTER' }).status).toBe('MATCHED');
    expect(total({ totalPercent: '1', totalAbsolute: null, totalRule: 'LOOSER' }).status).toBe('EXCEPTION');
    const r = total({ totalPercent: null, totalAbsolute: null });
    expect(r.totals).toEqual({ expected: '1000.00', actual: '1012.00', difference: '12.00', differenceNok: '12.00', allowed: '0.00' });
    expect(r.lines[0].status).toBe('MATCHED');
  });

  it('converts absolute tolerances from NOK and differences to NOK at the invoice rate', () => {
    const eur: Partial<MatchInput> = { currency: 'EUR', exchangeRateToNok: '11.5', policy: policy('TWO_WAY', { totalPercent: null, totalAbsolute: null }) };
    // 5 NOK is 0.4348 EUR, tighter than 2 % (2 EUR).
    expect(matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '1', netUnitPrice: '100.43' })], eur)).lines[0].status).toBe('MATCHED');
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '10', netUnitPrice: '110' })], eur));
    expect(r.reasons[0]).toMatchObject({ code: 'PRICE_ABOVE_AGREED', difference: '10', differenceNok: '1150.00' });
    expect(r.totals).toMatchObject({ difference: '100.00', differenceNok: '1150.00' });
    expect(r.exchangeRateToNok).toBe('11.5');
  });

  it('refuses a tolerance that is negative or no number', () => {
    expect(() => matchInvoice(invoice([orderLine(1)], [invoiceLine(0)], { policy: policy('TWO_WAY', { quantityPercent: '-1' }) }))).toThrow('quantity tolerance percent: "-1" is negative');
    expect(() => matchInvoice(invoice([orderLine(1)], [invoiceLine(0)], { policy: policy('TWO_WAY', { totalAbsolute: 'lots' }) }))).toThrow('is not a decimal');
  });

  it('refuses a foreign currency without a rate, and a rate that is not positive', () => {
    expect(() => matchInvoice(invoice([orderLine(1)], [invoiceLine(0)], { currency: 'EUR' }))).toThrow('needs its exchange rate');
    expect(() => matchInvoice(invoice([orderLine(1)], [invoiceLine(0)], { currency: 'EUR', exchangeRateToNok: '0' }))).toThrow('not positive');
    expect(() => matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: 'ten', lineAmount: '1000.00' })]))).toThrow('is not a decimal');
  });
});

describe('matchInvoice: finding the order line', () => {
  it('follows the order line reference, with leading zeros', () => {
    const r = matchInvoice(invoice([orderLine(1), orderLine(3)], [invoiceLine(0, { orderLineRef: '003' })]));
    expect(only(r)).toMatchObject({ status: 'MATCHED', orderLineId: 1003, resolvedBy: 'LINE_REFERENCE' });
  });

  it('falls back to the seller item id, also when the reference names no line', () => {
    for (const orderLineRef of [null, '99', 'X-1']) {
      const r = matchInvoice(invoice([orderLine(1), orderLine(2)], [invoiceLine(0, { orderLineRef, sellerItemId: 'KL-2' })]));
      expect(only(r)).toMatchObject({ status: 'MATCHED', orderLineId: 1002, resolvedBy: 'SELLER_ITEM_ID' });
    }
  });

  it('falls back to the GTIN when the seller item id finds nothing', () => {
    const r = matchInvoice(
      invoice([orderLine(1, { gtin: '7038010009457' }), orderLine(2, { gtin: '7038010055720' })], [invoiceLine(0, { orderLineRef: null, sellerItemId: 'UNKNOWN', gtin: '7038010055720' })]),
    );
    expect(only(r)).toMatchObject({ status: 'MATCHED', orderLineId: 1002, resolvedBy: 'GTIN' });
  });

  it('gives NO_ORDER_LINE with the whole line amount at stake when nothing fits', () => {
    const r = matchInvoice(invoice([orderLine(1)], [invoiceLine(0), invoiceLine(1, { orderLineRef: '7', sellerItemId: 'ZZ-9', quantity: '2', netUnitPrice: '50' })]));
    expect(r.lines.map((l) => l.status)).toEqual(['MATCHED', 'NO_ORDER_LINE']);
    expect(r.reasons[0]).toMatchObject({ code: 'NO_ORDER_LINE', lineIndex: 1, expected: null, actual: 'order line reference 7; seller item id ZZ-9', differenceNok: '100.00' });
    expect(r.lines[1]).toMatchObject({ orderLineId: null, resolvedBy: null, mode: null, expectedAmount: '0.00', difference: '100.00' });
    expect(r.status).toBe('EXCEPTION');
  });

  it('says so when a GTIN is on several order lines, and leaves the line unmatched', () => {
    const gtin = '7038010009457';
    const r = matchInvoice(invoice([orderLine(1, { gtin }), orderLine(2, { gtin })], [invoiceLine(0, { orderLineRef: null, gtin })]));
    expect(only(r).status).toBe('NO_ORDER_LINE');
    expect(codes(r)).toEqual(['NO_ORDER_LINE', 'AMBIGUOUS_ITEM']);
    expect(r.reasons[1].message).toContain('GTIN 7038010009457 is on 2 order lines not yet matched (lines 1, 2)');
  });

  it('says so when a seller item id is on several order lines', () => {
    const r = matchInvoice(invoice([orderLine(1, { sellerItemId: 'A' }), orderLine(2, { sellerItemId: 'A' })], [invoiceLine(0, { orderLineRef: null, sellerItemId: 'A' })]));
    expect(r.reasons[1]).toMatchObject({ code: 'AMBIGUOUS_ITEM' });
    expect(r.reasons[1].message).toContain('seller item id A is on 2 order lines');
  });

  it('takes a fallback only among order lines not already matched by the invoice', () => {
    const gtin = '7038010009457';
    const orderLines = [orderLine(1, { gtin }), orderLine(2, { gtin })];
    // Line 2 names order line 2 (even though it comes later); line 1's GTIN then fits only order line 1.
    const r = matchInvoice(invoice(orderLines, [invoiceLine(0, { orderLineRef: null, gtin }), invoiceLine(1, { orderLineRef: '2' })]));
    expect(r.lines.map((l) => [l.orderLineId, l.resolvedBy])).toEqual([
      [1001, 'GTIN'],
      [1002, 'LINE_REFERENCE'],
    ]);
    // The only order line with the item is taken by the reference: nothing left for the fallback.
    const taken = matchInvoice(invoice([orderLine(1)], [invoiceLine(0), invoiceLine(1, { orderLineRef: null, sellerItemId: 'KL-1' })]));
    expect(taken.lines[1].status).toBe('NO_ORDER_LINE');
  });
});

describe('matchInvoice: credit notes and reductions', () => {
  const invoiced = orderLine(1, { previouslyInvoicedQuantity: '10', previouslyInvoicedAmount: '1000.00' });
  const credit = (over: Partial<Parameters<typeof invoiceLine>[1]>, before = invoiced) => matchInvoice(invoice([before], [invoiceLine(0, over)], { kind: 'CREDIT_NOTE' }));

  it('matches a credit of part of what was invoiced, amounts as on the document', () => {
    const r = credit({ quantity: '3' });
    expect(r.status).toBe('MATCHED');
    expect(only(r)).toMatchObject({ expectedAmount: '300.00', actualAmount: '300.00', difference: '0.00' });
    expect(r.totals).toMatchObject({ expected: '300.00', actual: '300.00' });
  });

  it('refuses to credit more quantity than was invoiced before', () => {
    const r = credit({ quantity: '12' });
    expect(only(r).status).toBe('QUANTITY_VARIANCE');
    expect(only(r).reasons.map((x) => x.code)).toEqual(['CREDIT_ABOVE_INVOICED_QUANTITY', 'CREDIT_ABOVE_INVOICED_AMOUNT']);
    expect(r.reasons[0]).toMatchObject({ expected: '10', actual: '12', difference: '2', differenceNok: '200.00' });
    expect(only(r)).toMatchObject({ expectedAmount: '1000.00', actualAmount: '1200.00', difference: '200.00' });
  });

  it('refuses to credit a larger amount than was invoiced before', () => {
    const r = credit({ quantity: '2', netUnitPrice: '600' });
    expect(only(r).status).toBe('PRICE_VARIANCE');
    expect(r.reasons[0]).toMatchObject({ code: 'CREDIT_ABOVE_INVOICED_AMOUNT', expected: '1000.00', actual: '1200.00', difference: '200', differenceNok: '200.00' });
  });

  it('refuses a credit of a line never invoiced', () => {
    expect(only(credit({ quantity: '1' }, orderLine(1))).status).toBe('QUANTITY_VARIANCE');
  });

  it('counts earlier credit lines of the same credit note', () => {
    const r = matchInvoice(invoice([invoiced], [invoiceLine(0, { quantity: '6' }), invoiceLine(1, { orderLineRef: '1', quantity: '6' })], { kind: 'CREDIT_NOTE' }));
    expect(r.lines.map((l) => l.status)).toEqual(['MATCHED', 'QUANTITY_VARIANCE']);
  });

  it('treats a negative quantity on an invoice as a reduction, checked the same way', () => {
    const r = matchInvoice(invoice([invoiced], [invoiceLine(0, { quantity: '-2' })]));
    expect(r.status).toBe('MATCHED');
    expect(only(r)).toMatchObject({ expectedAmount: '-200.00', actualAmount: '-200.00' });
    expect(only(matchInvoice(invoice([orderLine(1)], [invoiceLine(0, { quantity: '-2' })]))).status).toBe('QUANTITY_VARIANCE');
  });

  it('does not check a credit against receipts: credits follow returns', () => {
    expect(matchInvoice(invoice([{ ...invoiced, receivedQuantity: '0' }], [invoiceLine(0, { quantity: '10' })], { kind: 'CREDIT_NOTE', policy: policy('THREE_WAY') })).status).toBe('MATCHED');
  });

  it('flags a credit note whose total credits less than its lines', () => {
    const r = matchInvoice(invoice([invoiced], [invoiceLine(0, { quantity: '3' })], { kind: 'CREDIT_NOTE', invoiceTotalExclVat: '250.00' }));
    expect(codes(r)).toEqual(['TOTAL_ABOVE_EXPECTED']);
    expect(r.reasons[0].message).toContain('credits 50.00 NOK less than its matched lines');
    // Crediting more on the document than on the lines is in the buyer's favour: no total reason.
    expect(matchInvoice(invoice([invoiced], [invoiceLine(0, { quantity: '3' })], { kind: 'CREDIT_NOTE', invoiceTotalExclVat: '350.00' })).status).toBe('MATCHED');
  });
});

describe('matchInvoice: invoices without an order', () => {
  it('matches lines the agreement covers, as off-catalogue spend', () => {
    const r = matchInvoice(invoice(null, [invoiceLine(0, { orderLineRef: null, onAgreement: true })]));
    expect(r).toMatchObject({ status: 'MATCHED', offCatalogue: true });
    expect(only(r)).toMatchObject({ status: 'MATCHED', onAgreement: true, expectedAmount: '1000.00', difference: '0.00' });
  });

  it('gives NOT_ON_AGREEMENT for a line the agreement does not cover', () => {
    const r = matchInvoice(invoice(null, [invoiceLine(0, { onAgreement: true }), invoiceLine(1, { sellerItemId: 'X-9', onAgreement: false }), invoiceLine(2, { quantity: '1' })]));
    expect(r.lines.map((l) => l.status)).toEqual(['MATCHED', 'NOT_ON_AGREEMENT', 'NOT_ON_AGREEMENT']);
    expect(r.reasons[0]).toMatchObject({ code: 'NOT_ON_AGREEMENT', lineIndex: 1, actual: 'X-9', differenceNok: '1000.00' });
    expect(r).toMatchObject({ status: 'EXCEPTION', offCatalogue: true });
  });
});

describe('line status severity', () => {
  it('is documented from most to least severe', () => {
    expect(LINE_STATUS_SEVERITY).toEqual(['NO_ORDER_LINE', 'NOT_ON_AGREEMENT', 'QUANTITY_VARIANCE', 'PRICE_VARIANCE', 'NOT_RECEIVED', 'MATCHED']);
  });

  it('shows a price problem before a missing receipt, so NOT_RECEIVED means only waiting', () => {
    const r = matchInvoice(invoice([orderLine(1, { receivedQuantity: '0' })], [invoiceLine(0, { netUnitPrice: '200' })], { policy: policy('THREE_WAY') }));
    expect(only(r).status).toBe('PRICE_VARIANCE');
    expect(r.awaitingReceipt).toBe(false);
  });
});
