import { readUblOrderResponse, UblOrderResponseOut, writeOrderResponse } from '../peppol';
import { answerFromUbl } from './order-response-from-ubl';

const party = (id: string) => ({ endpointId: { value: id, schemeId: '0192' }, identifiers: [], legalEntity: { registrationName: 'X' } });
const read = (response: Partial<UblOrderResponseOut>, xmlEdit: (xml: string) => string = (x) => x) =>
  readUblOrderResponse(
    Buffer.from(
      xmlEdit(
        writeOrderResponse({
          profile: 'ehf',
          id: 'OR-1',
          issueDate: '2026-12-01',
          responseCode: 'CA',
          currency: 'NOK',
          orderReference: 'PO-2026-000001',
          seller: party('981000056'),
          buyer: party('911000024'),
          lines: [{ id: 'a', statusCode: '7', orderLineId: '1', item: { name: 'A' } }],
          ...response,
        }),
      ),
    ),
  );

describe('answerFromUbl', () => {
  it('maps a CA: line reference, status, quantity with unit, unit price per base quantity, promised delivery, substitute with GTIN', async () => {
    const doc = await read({
      note: 'Endret',
      promisedDeliveryPeriod: { startDate: '2026-12-08', endDate: '2026-12-09' },
      lines: [
        {
          id: 'R1',
          statusCode: '3',
          orderLineId: '2',
          note: 'Bare 8',
          quantity: { value: '8', unitCode: 'PK' },
          price: { amount: '89.00', baseQuantity: { value: '2', unitCode: 'PK' } },
          promisedDeliveryPeriod: { startDate: '2026-12-14', endDate: '2026-12-15' },
          item: { name: 'Perm' },
          substitute: { id: '4', item: { name: 'Perm, ny', sellersItemId: 'KL-401', standardItemId: { value: '07311041012315', schemeId: '0160' } } },
        },
      ],
    });
    expect(answerFromUbl(doc, 'NOK')).toEqual({
      problems: [],
      answer: {
        responseCode: 'CA',
        note: 'Endret',
        issueDate: '2026-12-01',
        promisedDeliveryStart: '2026-12-08',
        promisedDeliveryEnd: '2026-12-09',
        lines: [
          {
            lineId: '2',
            code: '3',
            quantity: '8',
            unitCode: 'PK',
            price: '44.5',
            promisedDeliveryStart: '2026-12-14',
            promisedDeliveryEnd: '2026-12-15',
            substitute: { sellerItemId: 'KL-401', name: 'Perm, ny', gtin: '07311041012315' },
            note: 'Bare 8',
            path: '/OrderResponse/cac:OrderLine[1]',
          },
        ],
      },
    });
  });

  it('says where a document is wrong: unknown codes, another currency, a line without reference, a price that does not divide to 4 decimals', async () => {
    const doc = await read(
      { currency: 'EUR', lines: [{ id: 'a', statusCode: '3', orderLineId: '1', price: { amount: '1', baseQuantity: { value: '3', unitCode: 'PK' } }, item: { name: 'A' } }] },
      (xml) => xml.replace('<cbc:OrderResponseCode>CA', '<cbc:OrderResponseCode>XX').replace('<cbc:LineID>1</cbc:LineID>', '<cbc:LineID> </cbc:LineID>'),
    );
    const { answer, problems } = answerFromUbl(doc, 'NOK');
    expect(answer).toBeUndefined();
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['/OrderResponse/cbc:OrderResponseCode', 'cbc:OrderResponseCode must be AP, RE, CA or AB, not "XX"'],
      ['/OrderResponse/cbc:DocumentCurrencyCode', 'The order is in NOK, the response in EUR'],
      ['/OrderResponse/cac:OrderLine[1]/cac:OrderLineReference/cbc:LineID', 'The line names no order line (cac:OrderLineReference/cbc:LineID)'],
      ['/OrderResponse/cac:OrderLine[1]/cac:LineItem/cac:Price/cbc:PriceAmount/@currencyID', 'The price is in EUR, the order in NOK'],
      ['/OrderResponse/cac:OrderLine[1]/cac:LineItem/cac:Price/cbc:PriceAmount', 'The unit price 1 / 3 has more than 4 decimals; give the price per unit'],
    ]);
  });

  it('refuses a line status that is no 5, 7 or 3', async () => {
    const doc = await read({}, (xml) => xml.replace('<cbc:LineStatusCode>7', '<cbc:LineStatusCode>1'));
    expect(answerFromUbl(doc, 'NOK').problems.map((p) => p.message)).toEqual(['cbc:LineStatusCode must be 5 (accepted), 7 (not accepted) or 3 (changed), not "1"']);
  });
});
