import { fatalRules, RULES } from '../../test/support/peppol-rules';
import { UblOrderResponseOut } from './ubl-order-response';
import { readUblOrderResponse } from './ubl-order-response-reader';
import { writeOrderResponse } from './ubl-order-response-writer';
import { XmlWriteError } from './xml-writer';
import { needShared } from '../../test/support/shared-data';

const describeRules = needShared('the official rules checks of the Order Response writer', RULES) ? describe : describe.skip;

const T76 = 'PEPPOLBIS-T76.sef.json';
const EHF = 'EHF-ORDER-RESPONSE-3.0.sef.json';

/** A supplier's conditional acceptance of a Torg order: one line accepted, one changed, one rejected, one substituted (response line ids differ from the order's, so matching must use OrderLineReference). */
function changes(profile: UblOrderResponseOut['profile'] = 'ehf'): UblOrderResponseOut {
  const party = (id: string, name: string) => ({ endpointId: { value: id, schemeId: '0192' }, identifiers: [{ value: id, schemeId: '0192' }], legalEntity: { registrationName: name } });
  return {
    profile,
    id: 'OR-77',
    issueDate: '2026-12-01',
    issueTime: '08:00:00',
    responseCode: 'CA',
    note: 'Endringer i linje 2 og 4 & «mer»',
    currency: 'NOK',
    orderReference: 'PO-2026-000123',
    seller: party('123456785', 'Kontorland AS'),
    buyer: party('987654325', 'Storby kommune'),
    promisedDeliveryPeriod: { startDate: '2026-12-08', endDate: '2026-12-10' },
    lines: [
      { id: 'R1', statusCode: '5', orderLineId: '1', item: { name: 'Kopipapir A4', sellersItemId: 'KL-100' } },
      {
        id: 'R2',
        statusCode: '3',
        orderLineId: '2',
        note: 'Bare 8 på lager',
        quantity: { value: '8', unitCode: 'EA' },
        price: { amount: '44.50', baseQuantity: { value: '1', unitCode: 'EA' } },
        promisedDeliveryPeriod: { startDate: '2026-12-14', endDate: '2026-12-15' },
        item: { name: 'Perm', sellersItemId: 'KL-200' },
      },
      { id: 'R3', statusCode: '7', orderLineId: '3', item: { name: 'Tusj', sellersItemId: 'KL-300' } },
      {
        id: 'R4',
        statusCode: '3',
        orderLineId: '4',
        item: { name: 'Penn blå', sellersItemId: 'KL-400' },
        substitute: {
          id: '4',
          item: {
            name: 'Penn blå, ny modell',
            sellersItemId: 'KL-401',
            standardItemId: { value: '07311041012315', schemeId: '0160' },
            classifications: [{ code: '44121701', listId: 'MP' }],
            taxCategory: { id: 'S', percent: '25' },
          },
        },
      },
    ],
  };
}

describeRules('writeOrderResponse against the official rules', () => {
  it('EHF: a conditional acceptance with changes has no fatal assert under EHF Order Response 3.0', () => {
    expect(fatalRules(EHF, writeOrderResponse(changes('ehf')))).toEqual([]);
  });

  it('PEPPOL: the same under PEPPOL BIS T76, and each header-only answer (AP, RE, AB) too', () => {
    expect(fatalRules(T76, writeOrderResponse(changes('peppol')))).toEqual([]);
    for (const responseCode of ['AP', 'RE', 'AB'] as const) {
      const answer = { ...changes('peppol'), responseCode, lines: undefined };
      expect([responseCode, fatalRules(T76, writeOrderResponse(answer))]).toEqual([responseCode, []]);
      expect([responseCode, fatalRules(EHF, writeOrderResponse({ ...answer, profile: 'ehf' }))]).toEqual([responseCode, []]);
    }
  });

  it('the rules are live: a promised period ending before it starts is fatal', () => {
    const backwards = { ...changes('peppol'), promisedDeliveryPeriod: { startDate: '2026-12-10', endDate: '2026-12-08' } };
    expect(fatalRules(T76, writeOrderResponse(backwards))).toEqual(['PEPPOL-T76-R004']);
  });
});

describe('writeOrderResponse', () => {
  it('reads back as written: code, order reference, each line status, change and substitute', async () => {
    const read = await readUblOrderResponse(Buffer.from(writeOrderResponse(changes())));
    expect(read).toMatchObject({
      specification: 'ehf',
      id: { value: 'OR-77' },
      responseCode: { value: 'CA' },
      note: { value: 'Endringer i linje 2 og 4 & «mer»' },
      orderReference: { value: 'PO-2026-000123' },
      seller: { endpointId: { value: '123456785', schemeId: '0192' } },
      buyer: { endpointId: { value: '987654325', schemeId: '0192' } },
      promisedDeliveryPeriod: { startDate: { value: '2026-12-08' }, endDate: { value: '2026-12-10' } },
    });
    expect(
      read.lines.map((l) => [
        l.id?.value,
        l.statusCode?.value,
        l.orderLineId?.value,
        l.quantity?.value,
        l.priceAmount?.value,
        l.priceAmount?.currency?.value,
        l.substitutedItem?.item?.sellersItemId?.value,
      ]),
    ).toEqual([
      ['R1', '5', '1', undefined, undefined, undefined, undefined],
      ['R2', '3', '2', '8', '44.50', 'NOK', undefined],
      ['R3', '7', '3', undefined, undefined, undefined, undefined],
      ['R4', '3', '4', undefined, undefined, undefined, 'KL-401'],
    ]);
    expect(read.lines[1].promisedDeliveryPeriod?.startDate?.value).toBe('2026-12-14');
  });

  it('refuses lines on an AP, RE or AB answer and a CA without lines (PEPPOL-T76-R007..R010), and a float', () => {
    expect(() => writeOrderResponse({ ...changes(), responseCode: 'AP' })).toThrow(new XmlWriteError('An order response with code AP carries no lines (only CA does)'));
    expect(() => writeOrderResponse({ ...changes(), lines: [] })).toThrow(new XmlWriteError('An order response with code CA (conditionally accepted) carries the changed lines'));
    const float = changes();
    (float.lines![1].quantity as Record<string, unknown>).value = 8;
    expect(() => writeOrderResponse(float)).toThrow(new XmlWriteError('Line R2 quantity must be a decimal string or Decimal, not number'));
  });
});
