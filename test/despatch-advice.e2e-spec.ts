import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDespatchAdvice } from '../src/peppol';
import type { UblDespatchAdviceOut } from '../src/peppol';
import { sentOrder } from './support/orders';
import { needShared, sharedData } from './support/shared-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Despatch advices (issue 15 §7): Kontorland tells Nordby skole what is on its way, by the
 * registerDespatch mutation or a PEPPOL Despatch Advice on POST /documents (sent here by its
 * machine client kontorland-erp, organisation number 981000056). A despatch is recorded for
 * the receiver; the order's state does not move.
 */
let t: TestApp;
let erp: string;
const KONTORLAND_ORG_NO = '981000056';
const EXAMPLES = sharedData('peppol', 'despatch-advice');

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.gql(null, 'mutation($c: String) { devClientToken(clientId: $c) { token } }', { c: 'kontorland-erp' });
  erp = res.data.devClientToken.token;
});
afterAll(() => t?.close());

const ERROR = '... on ErrorResult { errorCode message }';
const REGISTER = `mutation($i: RegisterDespatchInput!) { registerDespatch(input: $i) { __typename ${ERROR}
  ... on DespatchRegistered { order { id status version } despatchAdvice { id orderId despatchId issueDate expectedDeliveryDate expectedDeliveryEndDate note via createdByUserId createdByClientId
                              lines { lineId deliveredQuantity outstandingQuantity outstandingReason unitCode } } }
  ... on UnknownOrderLineError { lineIds } ... on OrderStateError { status } ... on DuplicateDespatchError { despatchAdviceId } } }`;
const ADVICES = `query($id: Int!) { order(id: $id) { status despatchAdvices { despatchId issueDate expectedDeliveryDate expectedDeliveryEndDate note via createdByClientId
  lines { lineId deliveredQuantity outstandingQuantity outstandingReason unitCode } } } }`;

const register = async (email: string, input: Record<string, unknown>) => t.gql(await t.login(email), REGISTER, { i: input });
const advicesOf = async (orderId: number) => (await t.gql(await t.login('bestiller@nordby.example'), ADVICES, { id: orderId })).data.order;
const post = (token: string, xml: string | Buffer) => t.http.post('/documents').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/xml').send(Buffer.from(xml));

/** A despatch advice for a Torg order, written as the supplier's system would. */
function despatch(orderNo: string, over: Partial<UblDespatchAdviceOut> = {}): string {
  const party = (id: string, name: string) => ({ endpointId: { value: id, schemeId: '0192' }, identifiers: [{ value: id, schemeId: '0192' }], legalEntity: { registrationName: name } });
  return writeDespatchAdvice({
    profile: 'ehf',
    id: `DA-${orderNo}`,
    issueDate: '2026-12-01',
    note: 'Levert med Bring',
    orderReference: orderNo,
    despatchSupplier: party(KONTORLAND_ORG_NO, 'Kontorland AS'),
    deliveryCustomer: party('911000024', 'Nordby skole'),
    shipment: { id: 'NA', estimatedDeliveryPeriod: { startDate: '2026-12-03', endDate: '2026-12-04' } },
    lines: [
      {
        id: 'D1',
        deliveredQuantity: { value: '100', unitCode: 'PK' },
        outstandingQuantity: { value: '50', unitCode: 'PK' },
        outstandingReason: 'Restordre',
        orderLineId: '1',
        item: { name: 'Kopipapir', sellersItemId: 'KL-100' },
      },
    ],
    ...over,
  });
}

describe('registerDespatch', () => {
  it('the supplier records a despatch; the order stays as it was and shows it; a receipt may name it', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const res = await register('katalog@kontorland.example', {
      orderId: order.id,
      despatchId: 'SHIP-1',
      expectedDeliveryDate: '2026-12-05',
      note: 'To paller',
      lines: [{ lineId: '1', deliveredQuantity: '100', outstandingQuantity: '50' }],
    });
    expect(res.data.registerDespatch).toMatchObject({
      __typename: 'DespatchRegistered',
      order: { id: order.id, status: 'SENT', version: order.version },
      despatchAdvice: {
        orderId: order.id,
        despatchId: 'SHIP-1',
        expectedDeliveryDate: '2026-12-05',
        note: 'To paller',
        via: 'API',
        createdByUserId: t.world.users['katalog@kontorland.example'].userId,
        createdByClientId: null,
        lines: [{ lineId: '1', deliveredQuantity: '100.00', outstandingQuantity: '50.00', outstandingReason: null, unitCode: 'PK' }],
      },
    });
    expect(await advicesOf(order.id)).toMatchObject({ status: 'SENT', despatchAdvices: [{ despatchId: 'SHIP-1', via: 'API' }] });
    const audit = await t.sql(`SELECT data FROM audit_event WHERE action = 'order.despatch-advised' AND entity_id = $1`, [String(order.id)]);
    expect(audit).toEqual([{ data: expect.objectContaining({ despatchId: 'SHIP-1', via: 'API' }) }]);

    const again = await register('katalog@kontorland.example', { orderId: order.id, despatchId: 'SHIP-1', lines: [{ lineId: '1', deliveredQuantity: '1' }] });
    expect(again.data.registerDespatch).toMatchObject({ __typename: 'DuplicateDespatchError', despatchAdviceId: res.data.registerDespatch.despatchAdvice.id });

    // The receiver names the advice the goods came with; one of another order is not found.
    const adviceId = res.data.registerDespatch.despatchAdvice.id;
    const RECEIVE = 'mutation($i: ReceiveGoodsInput!) { receiveGoods(input: $i) { __typename ... on GoodsReceived { order { status } receipt { despatchAdviceId } } } }';
    const bestiller = await t.login('bestiller@nordby.example');
    const received = await t.gql(bestiller, RECEIVE, { i: { orderId: order.id, despatchAdviceId: adviceId, lines: [{ lineId: '1', quantity: '100' }] } });
    expect(received.data.receiveGoods).toEqual({ __typename: 'GoodsReceived', order: { status: 'PARTIALLY_RECEIVED' }, receipt: { despatchAdviceId: adviceId } });
    const other = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const elsewhere = await t.gql(bestiller, RECEIVE, { i: { orderId: other.id, despatchAdviceId: adviceId, lines: [{ lineId: '1', quantity: '1' }] } });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses unknown lines, quantities of 0, and orders no longer awaiting goods', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const unknown = await register('katalog@kontorland.example', {
      orderId: order.id,
      despatchId: 'S-2',
      lines: [
        { lineId: '1', deliveredQuantity: '1' },
        { lineId: '3', deliveredQuantity: '1' },
      ],
    });
    expect(unknown.data.registerDespatch).toMatchObject({ __typename: 'UnknownOrderLineError', lineIds: ['3'] });
    const zero = await register('katalog@kontorland.example', { orderId: order.id, despatchId: 'S-2', lines: [{ lineId: '1', deliveredQuantity: '0' }] });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await t.gql(await t.login('bestiller@nordby.example'), 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { __typename } }', { i: { orderId: order.id, reason: 'Ikke lenger behov' } });
    const cancelled = await register('katalog@kontorland.example', { orderId: order.id, despatchId: 'S-2', lines: [{ lineId: '1', deliveredQuantity: '1' }] });
    expect(cancelled.data.registerDespatch).toMatchObject({ __typename: 'OrderStateError', status: 'CANCELLED' });
    expect(await t.sql('SELECT 1 FROM despatch_advice WHERE order_id = $1', [order.id])).toEqual([]);
  });

  it('only the order’s supplier registers: another supplier is told NOT_FOUND, the buyer FORBIDDEN', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const input = { orderId: order.id, despatchId: 'S-3', lines: [{ lineId: '1', deliveredQuantity: '1' }] };
    expect((await register('katalog@medisinsk.example', input)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await register('bestiller@nordby.example', input)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.sql('SELECT 1 FROM despatch_advice WHERE order_id = $1', [order.id])).toEqual([]);
  });
});

describe('Despatch Advice on POST /documents', () => {
  it('is applied for the supplier’s machine client (201), recorded with its period and lines; a resend is 409', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const xml = despatch(order.number);
    const res = await post(erp, xml);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ documentType: 'DespatchAdvice', status: 'SENT', problems: [] });
    expect(await advicesOf(order.id)).toEqual({
      status: 'SENT',
      despatchAdvices: [
        {
          despatchId: `DA-${order.number}`,
          issueDate: '2026-12-01',
          expectedDeliveryDate: '2026-12-03',
          expectedDeliveryEndDate: '2026-12-04',
          note: 'Levert med Bring',
          via: 'DOCUMENT',
          createdByClientId: t.world.machineClients['kontorland-erp'],
          lines: [{ lineId: '1', deliveredQuantity: '100.00', outstandingQuantity: '50.00', outstandingReason: 'Restordre', unitCode: 'PK' }],
        },
      ],
    });
    const [stored] = await t.sql(`SELECT result_id FROM received_document WHERE document_type = 'DespatchAdvice' AND document_id = $1`, [`DA-${order.number}`]);
    expect(stored.result_id).toBe(res.body.id);
    const resend = await post(erp, xml);
    expect(resend.status).toBe(409);
    expect(await t.sql('SELECT 1 FROM despatch_advice WHERE order_id = $1', [order.id])).toHaveLength(1);
  });

  it('is refused (422, nothing stored) for an unknown order, an unknown line, another unit, another sender or endpoint, or a cancelled order', async () => {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const line = (over: Record<string, unknown>) => [{ id: 'D1', deliveredQuantity: { value: '1', unitCode: 'PK' }, orderLineId: '1', item: { name: 'Kopipapir' }, ...over }];
    const cases: [string, string, string, RegExp][] = [
      ['unknown order', erp, despatch('PO-1999-999999', { id: 'X-1' }), /Order PO-1999-999999 is unknown/],
      ['unknown line', erp, despatch(order.number, { id: 'X-2', lines: line({ orderLineId: '9' }) }), /has no line 9/],
      ['other unit', erp, despatch(order.number, { id: 'X-3', lines: line({ deliveredQuantity: { value: '1', unitCode: 'EA' } }) }), /line 1 is in PK, not EA/],
      ['other sender', await t.login('katalog@medisinsk.example'), despatch(order.number, { id: 'X-4' }), /unknown to Torg, or was not sent to you/],
      [
        'other endpoint',
        erp,
        despatch(order.number, { id: 'X-5', despatchSupplier: { endpointId: { value: '982000068', schemeId: '0192' }, identifiers: [], legalEntity: { registrationName: 'Medisinsk' } } }),
        /endpoint must be the order's supplier, 0192:981000056; it is 0192:982000068/,
      ],
    ];
    for (const [what, token, xml, message] of cases) {
      const res = await post(token, xml);
      expect([what, res.status]).toEqual([what, 422]);
      expect([what, res.body.problems.map((p: { message: string }) => p.message).join('; ')]).toEqual([what, expect.stringMatching(message)]);
    }
    await t.gql(await t.login('bestiller@nordby.example'), 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { __typename } }', { i: { orderId: order.id, reason: 'Ikke lenger behov' } });
    const cancelled = await post(erp, despatch(order.number, { id: 'X-6' }));
    expect(cancelled.status).toBe(422);
    expect(cancelled.body.problems[0]).toMatchObject({ path: '/DespatchAdvice/cac:OrderReference/cbc:ID', message: expect.stringMatching(/is CANCELLED/) });
    expect(await t.sql('SELECT 1 FROM despatch_advice WHERE order_id = $1', [order.id])).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM received_document WHERE document_id LIKE 'X-%'`)).toEqual([]);
  });
});

const describeExamples = needShared('the published despatch advice examples', EXAMPLES) ? describe : describe.skip;

describeExamples('the published despatch advice examples', () => {
  /**
   * Each example despatches 10 of line 1 (C62) of order AEG012345, 2 outstanding, from a supplier
   * with its own endpoint. To apply it to a Torg order the test rewrites only what names the
   * parties and the order: every AEG012345 becomes our order number, the despatch supplier's
   * EndpointID becomes Kontorland's 0192 organisation number, the unit C62 becomes the order
   * line's PK, and the EHF copy's cbc:ID gets a suffix (both examples are 565899 and the
   * exchange takes one document id per sender once).
   */
  const adapt = (file: string, orderNo: string, suffix: string) =>
    readFileSync(join(EXAMPLES.dir, file), 'utf8')
      .replaceAll('AEG012345', orderNo)
      .replace(/(<cac:DespatchSupplierParty>\s*<cac:Party>\s*<cbc:EndpointID) schemeID="[^"]*">[^<]*</, `$1 schemeID="0192">${KONTORLAND_ORG_NO}<`)
      .replaceAll('unitCode="C62">', 'unitCode="PK">')
      .replace('<cbc:ID>565899</cbc:ID>', `<cbc:ID>565899${suffix}</cbc:ID>`);

  it.each([
    ['DespatchAdvice_Example.xml', '', 'sample'],
    ['ehf-DespatchAdvice_Example.xml', '-ehf', null],
  ])('%s is read and recorded against the order', async (file, suffix, note) => {
    expect(existsSync(join(EXAMPLES.dir, file))).toBe(true);
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
    const res = await post(erp, adapt(file, order.number, suffix));
    expect([res.status, res.body.problems]).toEqual([201, []]);
    const { despatchAdvices } = await advicesOf(order.id);
    expect(despatchAdvices).toEqual([
      {
        despatchId: `565899${suffix}`,
        issueDate: '2018-09-20',
        expectedDeliveryDate: '2018-09-25',
        expectedDeliveryEndDate: '2018-09-27',
        note: expect.anything(),
        via: 'DOCUMENT',
        createdByClientId: t.world.machineClients['kontorland-erp'],
        lines: [{ lineId: '1', deliveredQuantity: '10.00', outstandingQuantity: '2.00', outstandingReason: 'text', unitCode: 'PK' }],
      },
    ]);
    if (note) expect(despatchAdvices[0].note).toBe(note);
  });
});
