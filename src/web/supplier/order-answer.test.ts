import { describe, expect, it } from 'vitest';
import { checkAnswer, parseDecimal, toRespondInput, type AnswerDraft, type LineDraft } from './order-answer';

const line = (lineId: string, patch: Partial<LineDraft> = {}): LineDraft => ({ lineId, choice: 'ACCEPTED', quantity: '', price: '', deliveryDate: '', ...patch });

describe('the answer to an order', () => {
  it('parses Norwegian decimals exactly', () => {
    expect(parseDecimal('1 234,50')).toBe('1234.50');
    expect(parseDecimal('0.1')).toBe('0.1');
    expect(parseDecimal('-2')).toBeNull();
    expect(parseDecimal('12a')).toBeNull();
  });

  it('accepts or rejects the whole order without lines (PEPPOL AP/RE)', () => {
    const accept: AnswerDraft = { decision: 'ACCEPTED', note: '', lines: [line('1')] };
    expect(checkAnswer(accept)).toEqual([]);
    expect(toRespondInput(4, accept, 2)).toEqual({ orderId: 4, expectedVersion: 2, responseCode: 'ACCEPTED' });
    const reject: AnswerDraft = { decision: 'REJECTED', note: ' Utsolgt ', lines: [line('1')] };
    expect(toRespondInput(4, reject)).toEqual({ orderId: 4, responseCode: 'REJECTED', note: 'Utsolgt' });
  });

  it('asks for a reason to reject', () => {
    expect(checkAnswer({ decision: 'REJECTED', note: '', lines: [] })).toEqual([{ field: 'note', key: 'supplier.answer.errors.reasonRequired' }]);
  });

  it('names each wrong field of a changed line, and a change that changes nothing', () => {
    const draft: AnswerDraft = { decision: 'LINES', note: '', lines: [line('1', { choice: 'CHANGED', quantity: '0', price: 'abc' }), line('2', { choice: 'CHANGED' })] };
    expect(checkAnswer(draft)).toEqual([
      { field: '1.quantity', key: 'supplier.answer.errors.quantity' },
      { field: '1.price', key: 'supplier.answer.errors.price' },
      { field: '2.choice', key: 'supplier.answer.errors.changeNothing' },
    ]);
    expect(checkAnswer({ decision: 'LINES', note: '', lines: [line('1')] })).toEqual([{ field: 'lines', key: 'supplier.answer.errors.nothingChanged' }]);
  });

  it('sends changed and refused lines only, as a conditional acceptance (CA)', () => {
    const draft: AnswerDraft = {
      decision: 'LINES',
      note: '',
      lines: [line('1'), line('2', { choice: 'CHANGED', quantity: '3', price: '99,50', deliveryDate: '2026-12-10' }), line('3', { choice: 'NOT_ACCEPTED' })],
    };
    expect(checkAnswer(draft)).toEqual([]);
    expect(toRespondInput(9, draft, 1)).toEqual({
      orderId: 9,
      expectedVersion: 1,
      responseCode: 'CONDITIONALLY_ACCEPTED',
      lines: [
        { lineId: '2', status: 'CHANGED', quantity: '3', price: '99.50', promisedDeliveryStart: '2026-12-10', promisedDeliveryEnd: '2026-12-10' },
        { lineId: '3', status: 'NOT_ACCEPTED' },
      ],
    });
  });
});

describe('a substitute on a changed line', () => {
  it('sends the item delivered instead, trimmed, with its GTIN when given', () => {
    const draft: AnswerDraft = { decision: 'LINES', note: '', lines: [line('1', { choice: 'CHANGED', substituteSellerItemId: ' KL-201 ', substituteName: 'Penn, blå', substituteGtin: '' })] };
    expect(checkAnswer(draft)).toEqual([]);
    expect(toRespondInput(4, draft).lines).toEqual([{ lineId: '1', status: 'CHANGED', substitute: { sellerItemId: 'KL-201', name: 'Penn, blå' } }]);
  });

  it('asks for both item number and name, and a GTIN of 8, 12, 13 or 14 digits', () => {
    const draft: AnswerDraft = {
      decision: 'LINES',
      note: '',
      lines: [line('1', { choice: 'CHANGED', substituteSellerItemId: 'KL-201' }), line('2', { choice: 'CHANGED', substituteName: 'Penn', substituteSellerItemId: 'KL-9', substituteGtin: '123' })],
    };
    expect(checkAnswer(draft)).toEqual([
      { field: '1.substituteName', key: 'supplierPortal.answer.substituteBoth' },
      { field: '2.substituteGtin', key: 'supplierPortal.answer.gtin' },
    ]);
  });
});
