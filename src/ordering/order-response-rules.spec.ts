import { checkOrderResponse, lineStatusAfter, OrderResponseInput } from './order-response-rules';

const ORDER = [
  { lineNo: 1, quantity: '150', unitPrice: '45.07', unitCode: 'PK' },
  { lineNo: 2, quantity: '2', unitPrice: '294.59', unitCode: 'PK' },
];
const check = (input: Partial<OrderResponseInput>) => checkOrderResponse({ responseCode: 'CA', lines: [], ...input }, ORDER);
const messages = (input: Partial<OrderResponseInput>) => check(input).map((r) => (r.kind === 'invalid' ? r.message : `unknown ${r.lineIds.join(',')}`));

describe('checkOrderResponse (PEPPOL T76 and the order)', () => {
  it('takes AP, RE and AB without lines, and a CA that changes or refuses a line', () => {
    for (const responseCode of ['AP', 'RE', 'AB'] as const) expect(check({ responseCode })).toEqual([]);
    expect(
      check({
        lines: [
          { lineId: '1', code: '3', quantity: '100' },
          { lineId: '2', code: '5' },
        ],
      }),
    ).toEqual([]);
    expect(check({ lines: [{ lineId: '2', code: '7' }] })).toEqual([]);
    expect(check({ lines: [{ lineId: '1', code: '3', substitute: { sellerItemId: 'KL-1', name: 'Ny' } }] })).toEqual([]);
    expect(
      check({
        lines: [
          { lineId: '1', code: '5', quantity: '150.000', price: '45.0700' },
          { lineId: '2', code: '7' },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses lines on AP, RE, AB and a CA without a changed or refused line', () => {
    expect(messages({ responseCode: 'AP', lines: [{ lineId: '1', code: '5' }] })).toEqual(['An answer AP carries no lines: only a conditional acceptance (CA) does']);
    expect(messages({ lines: [] })).toEqual(['A conditional acceptance (CA) names the lines it changes or does not accept']);
    expect(messages({ lines: [{ lineId: '1', code: '5' }] })).toEqual([expect.stringMatching(/accepting every line as ordered is AP/)]);
  });

  it('names every unknown line once, and refuses a line answered twice', () => {
    expect(
      check({
        lines: [
          { lineId: '3', code: '7' },
          { lineId: '9', code: '7' },
          { lineId: '3', code: '7' },
          { lineId: '1', code: '7' },
        ],
      }),
    ).toEqual([
      { kind: 'unknownLines', lineIds: ['3', '9'] },
      { kind: 'invalid', message: 'Line 3 is answered more than once', lineId: '3', path: undefined },
    ]);
  });

  it('refuses a changed line that changes nothing, and a change on an accepted or refused line', () => {
    expect(messages({ lines: [{ lineId: '1', code: '3', quantity: '150.00' }] })).toEqual([expect.stringMatching(/Line 1 is marked changed \(3\) but changes nothing/)]);
    expect(
      messages({
        lines: [
          { lineId: '1', code: '5', quantity: '10' },
          { lineId: '2', code: '7', price: '1' },
        ],
      }),
    ).toEqual([
      'Line 1 is accepted (5) but names quantity 10, not the 150 ordered: a change is marked changed (3)',
      'Line 2 is not accepted (7) but names price 1, not the 294.59 ordered: a change is marked changed (3)',
    ]);
    expect(messages({ lines: [{ lineId: '2', code: '7', substitute: { sellerItemId: 'X', name: 'Y' } }] })).toEqual([expect.stringMatching(/a substitution is marked changed/)]);
  });

  it('refuses values the order lines cannot hold: bad decimals, another unit, bad or backwards dates', () => {
    expect(messages({ lines: [{ lineId: '1', code: '3', quantity: '-1' }] })[0]).toMatch(/quantity "-1" is no quantity an order holds: not negative/);
    expect(messages({ lines: [{ lineId: '1', code: '3', price: '1.23456' }] })[0]).toMatch(
      /price "1.23456" is no price an order holds: not negative, at most 14 digits before the decimal point and 4 after/,
    );
    expect(messages({ lines: [{ lineId: '1', code: '3', quantity: '5', unitCode: 'EA' }] })).toEqual(['Line 1: the quantity is in EA, the line was ordered in PK']);
    expect(messages({ lines: [{ lineId: '1', code: '3', promisedDeliveryStart: '2026-02-30' }] })[0]).toMatch(/promised delivery start "2026-02-30" is no date/);
    expect(messages({ lines: [{ lineId: '1', code: '3', promisedDeliveryStart: '2026-12-10', promisedDeliveryEnd: '2026-12-01' }] })).toEqual([
      'Line 1: the promised delivery ends (2026-12-01) before it starts (2026-12-10)',
    ]);
    expect(messages({ responseCode: 'AP', issueDate: '0000-01-01' })).toEqual(['issue date "0000-01-01" is no date (YYYY-MM-DD)']);
  });
});

describe('lineStatusAfter', () => {
  it('follows the answer: AP accepts, RE refuses, AB leaves the lines, CA says per line (unnamed lines accepted)', () => {
    expect([lineStatusAfter('AP', undefined), lineStatusAfter('RE', undefined), lineStatusAfter('AB', undefined)]).toEqual(['ACCEPTED', 'NOT_ACCEPTED', null]);
    expect([lineStatusAfter('CA', '3'), lineStatusAfter('CA', '7'), lineStatusAfter('CA', '5'), lineStatusAfter('CA', undefined)]).toEqual(['CHANGED', 'NOT_ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
  });
});
