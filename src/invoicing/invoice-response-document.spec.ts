import Decimal from 'decimal.js';
import { fatalRules, RULES, validateWithRules } from '../../test/support/peppol-rules';
import { writeInvoiceResponse } from '../peppol';
import { paymentTexts } from './invoice-payment-texts';
import { invoiceResponseDocument, InvoiceResponseFacts } from './invoice-response-document';
import { InvoiceDecision, invoiceResponseFor, MAX_REASON_TEXT } from './invoice-response-for';
import { needShared } from '../../test/support/shared-data';

const T111 = 'PEPPOLBIS-T111.sef.json';

const price = { code: 'PRICE_ABOVE_AGREED', message: 'Line 1: unit price 110.00 is above the agreed 100.00 (NOK 100.00 at stake)' };
const quantity = { code: 'QUANTITY_ABOVE_RECEIVED', message: 'Line 2: 12 invoiced, 10 received' };
const other = { code: 'ORDER_NOT_CONFIRMED', message: 'Order PO-2026-000001 is SENT: waiting for the supplier’s confirmation' };

/** Every kind of decision Torg answers, with reasons of every mapping. */
const DECISIONS: Record<string, InvoiceDecision> = {
  received: { kind: 'RECEIVED' },
  waiting: { kind: 'WAITING', reasons: [{ code: 'NOT_RECEIVED', message: 'Line 1: nothing received yet' }, other] },
  exception: { kind: 'EXCEPTION', reasons: [price, quantity, { code: 'NO_ORDER_LINE', message: 'Line 3: no such order line' }, { code: 'CURRENCY', message: 'EUR' }] },
  'approved automatically': { kind: 'APPROVED', automatically: true },
  'approved after review': { kind: 'APPROVED', automatically: false },
  'disputed, replace': { kind: 'DISPUTED', reasons: [price], note: 'Please credit and invoice at the agreed price.', replace: true },
  'disputed, query': { kind: 'DISPUTED', reasons: [{ code: 'BUYER_REFERENCE_MISMATCH', message: 'Buyer reference "X" is not the order’s' }], note: '', replace: false },
  'disputed without match reasons': { kind: 'DISPUTED', reasons: [], note: 'The chairs arrived broken <&> "damaged"', replace: true },
  'disputed with actions': { kind: 'DISPUTED', reasons: [price], note: '', replace: true, actions: [{ code: 'CNF' }, { code: 'NIN', text: 'Invoice again at 100.00' }] },
  'queried with actions': {
    kind: 'QUERIED',
    reasons: [{ code: 'QTY', text: '12 or 10?' }],
    actions: [
      { code: 'OTH', text: 'Call us' },
      { code: 'PIN', text: 'Send the delivery note' },
    ],
  },
  paid: { kind: 'PAID' },
  'partially paid': { kind: 'PAID', partially: 'Paid 800.00 of 1000.00' },
  'many reasons': { kind: 'EXCEPTION', reasons: Array.from({ length: 300 }, (_, i) => ({ code: 'PRICE_VARIANCE', message: `Line ${i + 1}: ${'x'.repeat(40)}` })) },
};

const facts = (decision: InvoiceDecision, typeCode: string): InvoiceResponseFacts => ({
  id: 'IR-17',
  issueDate: '2026-12-01',
  buyer: { orgNumber: '964000018', name: 'Storby kommune' },
  supplier: { orgNumber: '981000056', name: 'Kontorland AS' },
  invoice: { number: 'F-2026-1', issueDate: '2026-11-28', typeCode },
  ...invoiceResponseFor(decision),
  note: decision.kind === 'DISPUTED' ? decision.note : undefined,
});

describe('invoiceResponseDocument', () => {
  it('is sent by the buyer to the supplier, by organisation number, about the invoice as received', () => {
    const doc = invoiceResponseDocument(facts(DECISIONS['disputed, replace'], '380'));
    expect(doc).toEqual({
      id: 'IR-17',
      issueDate: '2026-12-01',
      note: 'Please credit and invoice at the agreed price.',
      sender: { endpointId: '964000018', endpointScheme: '0192', name: 'Storby kommune' },
      receiver: { endpointId: '981000056', endpointScheme: '0192', name: 'Kontorland AS' },
      documentReference: { id: 'F-2026-1', issueDate: '2026-11-28', typeCode: '380' },
      responseCode: 'RE',
      statuses: [{ reasonCode: 'PRI', text: `Please credit and invoice at the agreed price. ${price.message}` }],
    });
    expect(invoiceResponseDocument({ ...facts(DECISIONS.received, '381'), note: '  ' }).note).toBeUndefined();
    expect(invoiceResponseDocument(facts(DECISIONS['many reasons'], '380')).statuses![0].text!.length).toBeLessThanOrEqual(MAX_REASON_TEXT);
  });

  it('writes the status actions after the reasons, one per code in the code list’s order', () => {
    expect(invoiceResponseDocument(facts(DECISIONS['queried with actions'], '380')).statuses).toEqual([
      { reasonCode: 'QTY', text: '12 or 10?' },
      { actionCode: 'PIN', text: 'Send the delivery note' },
      { actionCode: 'OTH', text: 'Call us' },
    ]);
    const xml = writeInvoiceResponse(invoiceResponseDocument(facts(DECISIONS['disputed with actions'], '380')));
    expect(xml).toMatch(
      /<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusAction">NIN<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Invoice again at 100.00<\/cbc:StatusReason>\s*<\/cac:Status>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusAction">CNF<\/cbc:StatusReasonCode>\s*<\/cac:Status>/,
    );
  });
});

const describeRules = needShared('the official rules checks of the Invoice Response document', RULES) ? describe : describe.skip;

describeRules('invoice responses against the official rules (PEPPOLBIS-T111)', () => {
  for (const [name, decision] of Object.entries(DECISIONS))
    for (const typeCode of ['380', '381'])
      it(`passes with no fatal assert: ${name}, ${typeCode === '380' ? 'invoice' : 'credit note'}`, () => {
        expect(fatalRules(T111, writeInvoiceResponse(invoiceResponseDocument(facts(decision, typeCode))))).toEqual([]);
      });

  /** The PD answer to a part payment of 200.00 of 563.38, word for word as markInvoicesPaid sends it. */
  const partPaymentXml = () => {
    const paid = paymentTexts({ amount: new Decimal('200'), paidAfter: new Decimal('200'), payable: new Decimal('563.38'), paidOn: '2026-12-01', reference: 'DELBETALING-1', currency: 'NOK' });
    const decision: InvoiceDecision = { kind: 'PAID', partially: paid.partially };
    return writeInvoiceResponse(invoiceResponseDocument({ ...facts(decision, '380'), note: paid.note, effectiveDate: '2026-12-01' }));
  };

  it('passes a part payment as markInvoicesPaid answers it (PD, the payment date, PPD with the amounts as text, no Condition) with no failed assert, not even a warning', () => {
    const xml = partPaymentXml();
    expect(validateWithRules(T111, xml).map((f) => `${f.id} (${f.flag}): ${f.text}`)).toEqual([]);
    expect(xml).toMatch(
      /<cbc:ResponseCode>PD<\/cbc:ResponseCode>\s*<cbc:EffectiveDate>2026-12-01<\/cbc:EffectiveDate>\s*<cac:Status>\s*<cbc:StatusReasonCode listID="OPStatusReason">PPD<\/cbc:StatusReasonCode>\s*<cbc:StatusReason>Partially paid: 200.00 NOK of 563.38 NOK paid, 363.38 NOK remains to be paid.<\/cbc:StatusReason>\s*<\/cac:Status>/,
    );
    // The specification has no structured place for a paid amount (see writeInvoiceResponse): no Condition.
    expect(xml).not.toContain('cac:Condition');
    expect(xml).toContain('<cbc:Note>Paid 200.00 NOK on 2026-12-01, payment reference DELBETALING-1.</cbc:Note>');
  });

  it('the PPD text rule is live: without its text the official rules call it fatal (PEPPOL-T111-R004)', () => {
    expect(fatalRules(T111, partPaymentXml().replace(/<cbc:StatusReason>[^<]*<\/cbc:StatusReason>/, ''))).toEqual(['PEPPOL-T111-R004']);
  });

  it("PPD beside another code than PD is refused by Torg itself: the official R005 never fires (its test, exists(/cbc:ResponseCode='PD'), is always true)", () => {
    const asAccepted = partPaymentXml().replace('<cbc:ResponseCode>PD</cbc:ResponseCode>', '<cbc:ResponseCode>AP</cbc:ResponseCode>');
    expect(fatalRules(T111, asAccepted)).toEqual([]);
    const paid = invoiceResponseDocument({ ...facts({ kind: 'PAID', partially: 'Paid 1.00 of 2.00' }, '380') });
    expect(() => writeInvoiceResponse({ ...paid, responseCode: 'AP' })).toThrow('(PEPPOL-T111-R005)');
  });

  it('finds a fatal assert where there is one: the check is real', () => {
    const xml = writeInvoiceResponse(invoiceResponseDocument(facts(DECISIONS['disputed, replace'], '380')));
    expect(fatalRules(T111, xml.replace('urn:fdc:peppol.eu:poacc:bis:invoice_response:3</cbc:ProfileID>', 'urn:example:other</cbc:ProfileID>'))).toEqual(['PEPPOL-T111-R008']);
  });
});
