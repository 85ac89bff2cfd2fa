import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UblOrderResponseOut, writeOrderResponse } from '../src/peppol';
import { sentOrder } from './support/orders';
import { needShared, sharedData } from './support/shared-data';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The supplier's answers to an order (issue 15 §6): through respondToOrder and as Order Response
 * documents on POST /documents, and the buyer's decision on a conditional acceptance (CA).
 * Orders are Nordby skole's to Kontorland (test/support/orders.ts), sent.
 */

const LINE_FIELDS = 'id lineId quantity price lineAmount status substituteSellerItemId substituteName substituteGtin';
const ORDER = `id number status version lineExtensionAmount vatAmount taxInclusiveAmount lines { ${LINE_FIELDS} }`;
const RESPONSE = `id orderId responseCode documentId issueDate note receivedVia byUserId byMachineClientId
  lines { lineId status quantity price promisedDeliveryStart promisedDeliveryEnd substitute { sellerItemId name gtin } note }`;
const RESPOND = `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename
  ... on OrderResponseRecorded { order { ${ORDER} } response { ${RESPONSE} } }
  ... on OrderStateError { status }
  ... on UnknownOrderLineError { lineIds }
  ... on InvalidOrderResponseError { lineId }
  ... on ErrorResult { errorCode message } } }`;
const ACCEPT = `mutation($o: Int!, $v: Int) { acceptOrderChanges(orderId: $o, expectedVersion: $v) { __typename ... on Order { ${ORDER} } ... on OrderStateError { status } ... on ErrorResult { errorCode message } } }`;
const REJECT = `mutation($o: Int!, $r: String!) { rejectOrderChanges(orderId: $o, reason: $r) { __typename ... on Order { ${ORDER} } ... on OrderStateError { status } ... on ErrorResult { errorCode message } } }`;
const RESPONSES = `query($id: Int!) { order(id: $id) { status responses { ${RESPONSE} } } }`;
const KONTORLAND_ORG_NO = '981000056';
const NORDBY_ORG_NO = '911000024';

describe('order responses', () => {
  let t: TestApp;
  let supplier: string;
  let otherSupplier: string;
  let requester: string;
  let erp: string;

  const respond = async (token: string, input: Record<string, unknown>) => (await t.gql(token, RESPOND, { i: input })).data?.respondToOrder;
  const commitment = async (orderId: number) => (await t.sql(`SELECT amount FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(orderId)]))[0]?.amount;
  const storedResponses = (orderId: number) => t.sql('SELECT response_code, received_via, document_id FROM order_response WHERE order_id = $1 ORDER BY id', [orderId]);
  const post = (token: string, xml: string) => t.http.post('/documents').set('Content-Type', 'application/xml').set('Authorization', `Bearer ${token}`).send(Buffer.from(xml, 'utf8'));
  const party = (orgNo: string, name: string) => ({ endpointId: { value: orgNo, schemeId: '0192' }, identifiers: [{ value: orgNo, schemeId: '0192' }], legalEntity: { registrationName: name } });
  const document = (id: string, orderNo: string, responseCode: UblOrderResponseOut['responseCode'], lines?: UblOrderResponseOut['lines'], seller = KONTORLAND_ORG_NO): string =>
    writeOrderResponse({
      profile: 'ehf',
      id,
      issueDate: '2026-12-01',
      responseCode,
      currency: 'NOK',
      orderReference: orderNo,
      seller: party(seller, 'Kontorland AS'),
      buyer: party(NORDBY_ORG_NO, 'Nordby skole'),
      lines,
    });

  beforeAll(async () => {
    t = await startTestApp();
    supplier = await t.login('katalog@kontorland.example');
    otherSupplier = await t.login('katalog@medisinsk.example');
    requester = await t.login('bestiller@nordby.example');
    const issued = await t.gql(null, 'mutation($c: String) { devClientToken(clientId: $c) { token } }', { c: 'kontorland-erp' });
    erp = issued.data.devClientToken.token;
  });
  afterAll(() => t?.close());

  describe('through the API', () => {
    it('AP accepts the order and every line, recorded as the supplier’s answer', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const res = await respond(supplier, { orderId: order.id, responseCode: 'ACCEPTED', note: 'Levering neste uke', expectedVersion: order.version });
      expect(res.__typename).toBe('OrderResponseRecorded');
      expect(res.order.status).toBe('ACCEPTED');
      expect(res.order.lines.map((l: any) => l.status)).toEqual(['ACCEPTED']);
      expect(res.response).toMatchObject({ responseCode: 'ACCEPTED', receivedVia: 'API', documentId: null, note: 'Levering neste uke', lines: [], byMachineClientId: null });
      expect(res.response.byUserId).toEqual(expect.any(Number));
      const read = await t.gql(requester, RESPONSES, { id: order.id });
      expect(read.data.order.responses).toEqual([res.response]);
      // history is never rewritten
      await expect(t.sql('UPDATE order_response SET note = $1 WHERE id = $2', ['endret', res.response.id])).rejects.toThrow(/never changed or deleted/);
      expect(await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'purchase_order' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(order.id)])).toEqual([
        { action: 'order.accepted' },
      ]);
    });

    it('RE declines the order and releases its commitment', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      expect(Number(await commitment(order.id))).toBeGreaterThan(0);
      const res = await respond(supplier, { orderId: order.id, responseCode: 'REJECTED', note: 'Utgått' });
      expect(res.order.status).toBe('DECLINED');
      expect(res.order.lines.map((l: any) => l.status)).toEqual(['NOT_ACCEPTED']);
      expect(await commitment(order.id)).toBe('0.00');
    });

    it('AB acknowledges: the order stays SENT, the answer is kept', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const res = await respond(supplier, { orderId: order.id, responseCode: 'ACKNOWLEDGED' });
      expect(res.order.status).toBe('SENT');
      expect(res.order.lines.map((l: any) => l.status)).toEqual(['OPEN']);
      expect(await storedResponses(order.id)).toEqual([{ response_code: 'AB', received_via: 'API', document_id: null }]);
      // and a decision may follow
      expect((await respond(supplier, { orderId: order.id, responseCode: 'ACCEPTED' })).order.status).toBe('ACCEPTED');
    });

    describe('a conditional acceptance (CA)', () => {
      const items = [
        { sellerItemId: 'KL-100', quantity: '150' },
        { sellerItemId: 'KL-101', quantity: '2' },
        { sellerItemId: 'KL-102', quantity: '3' },
        { sellerItemId: 'KL-103', quantity: '4' },
      ];
      const changes = [
        { lineId: '1', status: 'CHANGED', quantity: '100', note: 'Bare 100 på lager' },
        { lineId: '2', status: 'CHANGED', price: '300.00', promisedDeliveryStart: '2026-12-20', promisedDeliveryEnd: '2026-12-22' },
        { lineId: '3', status: 'NOT_ACCEPTED' },
        { lineId: '4', status: 'CHANGED', substitute: { sellerItemId: 'KL-103B', name: 'Kopipapir A3 resirkulert', gtin: '7090000010999' } },
      ];

      it('marks the order CHANGED and the lines as answered, without changing them yet', async () => {
        const order = await sentOrder(t, items);
        const res = await respond(supplier, { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', lines: changes });
        expect(res.__typename).toBe('OrderResponseRecorded');
        expect(res.order.status).toBe('CHANGED');
        expect(res.order.lines.map((l: any) => [l.status, l.quantity, l.price])).toEqual([
          ['CHANGED', '150.00', '45.07'],
          ['CHANGED', '2.00', '294.59'],
          ['NOT_ACCEPTED', '3.00', '203.12'],
          ['CHANGED', '4.00', '192.69'],
        ]);
        expect(res.order.lineExtensionAmount).toBe(order.lineExtensionAmount);
        expect(res.response.lines).toEqual([
          { lineId: '1', status: 'CHANGED', quantity: '100.00', price: null, promisedDeliveryStart: null, promisedDeliveryEnd: null, substitute: null, note: 'Bare 100 på lager' },
          { lineId: '2', status: 'CHANGED', quantity: null, price: '300.00', promisedDeliveryStart: '2026-12-20', promisedDeliveryEnd: '2026-12-22', substitute: null, note: null },
          { lineId: '3', status: 'NOT_ACCEPTED', quantity: null, price: null, promisedDeliveryStart: null, promisedDeliveryEnd: null, substitute: null, note: null },
          {
            lineId: '4',
            status: 'CHANGED',
            quantity: null,
            price: null,
            promisedDeliveryStart: null,
            promisedDeliveryEnd: null,
            substitute: { sellerItemId: 'KL-103B', name: 'Kopipapir A3 resirkulert', gtin: '7090000010999' },
            note: null,
          },
        ]);
      });

      it('the buyer accepts: lines and totals change, the commitment follows, the order is ACCEPTED', async () => {
        const order = await sentOrder(t, items);
        await respond(supplier, { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', lines: changes });
        const [{ version }] = await t.sql('SELECT version FROM purchase_order WHERE id = $1', [order.id]);
        const res = (await t.gql(requester, ACCEPT, { o: order.id, v: version })).data.acceptOrderChanges;
        expect(res.__typename).toBe('Order');
        expect(res.status).toBe('ACCEPTED');
        expect(res.lines.map((l: any) => [l.status, l.quantity, l.price, l.lineAmount, l.substituteSellerItemId, l.substituteName, l.substituteGtin])).toEqual([
          ['CHANGED', '100.00', '45.07', '4507.00', null, null, null],
          ['CHANGED', '2.00', '300.00', '600.00', null, null, null],
          ['CANCELLED', '0.00', '203.12', '0.00', null, null, null],
          ['CHANGED', '4.00', '192.69', '770.76', 'KL-103B', 'Kopipapir A3 resirkulert', '7090000010999'],
        ]);
        // 4507.00 + 600.00 + 0 + 770.76, VAT 25 %
        expect([res.lineExtensionAmount, res.vatAmount, res.taxInclusiveAmount]).toEqual(['5877.76', '1469.44', '7347.20']);
        expect(await commitment(order.id)).toBe('5877.76');
      });

      it('the buyer rejects: the order is CANCELLED, the commitment released and the supplier e-mailed', async () => {
        const order = await sentOrder(t, items);
        await respond(supplier, { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', lines: changes });
        const res = (await t.gql(requester, REJECT, { o: order.id, r: 'Vi trenger alle linjene' })).data.rejectOrderChanges;
        expect(res.status).toBe('CANCELLED');
        expect(res.lines.map((l: any) => l.quantity)).toEqual(['150.00', '2.00', '3.00', '4.00']);
        expect(await commitment(order.id)).toBe('0.00');
        const mails = await t.sql(`SELECT payload FROM outbox_message WHERE topic = 'notify.email' AND payload->>'subject' LIKE $1`, [`%${order.number}%`]);
        expect(mails).toHaveLength(1);
        expect(mails[0].payload.to).toEqual(['katalog@kontorland.example']);
        expect(mails[0].payload.text).toContain('Vi trenger alle linjene');
      });
    });

    describe('refusals (nothing recorded)', () => {
      let order: any;
      beforeAll(async () => {
        order = await sentOrder(t, [
          { sellerItemId: 'KL-100', quantity: '150' },
          { sellerItemId: 'KL-101', quantity: '2' },
        ]);
      });

      it('hides the order from another supplier and from the buyer (NOT_FOUND)', async () => {
        for (const token of [otherSupplier, requester]) {
          const res = await t.gql(token, RESPOND, { i: { orderId: order.id, responseCode: 'ACCEPTED' } });
          expect(res.errors?.[0]?.extensions?.code).toBe(token === requester ? 'FORBIDDEN' : 'NOT_FOUND');
        }
        expect(await storedResponses(order.id)).toEqual([]);
      });

      it('names the lines the order does not have', async () => {
        const res = await respond(supplier, {
          orderId: order.id,
          responseCode: 'CONDITIONALLY_ACCEPTED',
          lines: [
            { lineId: '1', status: 'NOT_ACCEPTED' },
            { lineId: '7', status: 'NOT_ACCEPTED' },
            { lineId: '9', status: 'CHANGED', quantity: '1' },
          ],
        });
        expect(res).toMatchObject({ __typename: 'UnknownOrderLineError', errorCode: 'UNKNOWN_ORDER_LINE', lineIds: ['7', '9'] });
      });

      it('refuses lines on AP, a CA that changes nothing, and a change on an accepted line', async () => {
        expect(await respond(supplier, { orderId: order.id, responseCode: 'ACCEPTED', lines: [{ lineId: '1', status: 'ACCEPTED' }] })).toMatchObject({
          __typename: 'InvalidOrderResponseError',
          message: expect.stringMatching(/carries no lines/),
        });
        expect(await respond(supplier, { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', lines: [{ lineId: '1', status: 'ACCEPTED' }] })).toMatchObject({
          __typename: 'InvalidOrderResponseError',
          message: expect.stringMatching(/at least one line/),
        });
        expect(await respond(supplier, { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', lines: [{ lineId: '1', status: 'CHANGED', quantity: '150' }] })).toMatchObject({
          __typename: 'InvalidOrderResponseError',
          lineId: '1',
          message: expect.stringMatching(/changes nothing/),
        });
        expect(
          await respond(supplier, {
            orderId: order.id,
            responseCode: 'CONDITIONALLY_ACCEPTED',
            lines: [
              { lineId: '1', status: 'ACCEPTED', quantity: '10' },
              { lineId: '2', status: 'NOT_ACCEPTED' },
            ],
          }),
        ).toMatchObject({ __typename: 'InvalidOrderResponseError', lineId: '1', message: expect.stringMatching(/marked changed/) });
        const bad = await t.gql(supplier, RESPOND, { i: { orderId: order.id, responseCode: 'CONDITIONALLY_ACCEPTED', lines: [{ lineId: '1', status: 'CHANGED', quantity: '-1' }] } });
        expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(await storedResponses(order.id)).toEqual([]);
        const [{ status }] = await t.sql('SELECT status FROM purchase_order WHERE id = $1', [order.id]);
        expect(status).toBe('SENT');
      });

      it('refuses an answer to a declined order, and a stale version', async () => {
        const declined = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
        expect(await respond(supplier, { orderId: declined.id, responseCode: 'ACCEPTED', expectedVersion: declined.version + 5 })).toMatchObject({
          __typename: 'OrderVersionConflictError',
        });
        await respond(supplier, { orderId: declined.id, responseCode: 'REJECTED' });
        expect(await respond(supplier, { orderId: declined.id, responseCode: 'ACCEPTED' })).toMatchObject({ __typename: 'OrderStateError', status: 'DECLINED' });
        expect(await storedResponses(declined.id)).toEqual([{ response_code: 'RE', received_via: 'API', document_id: null }]);
      });

      it('refuses the buyer’s decision on changes when the order is not CHANGED', async () => {
        const res = (await t.gql(requester, ACCEPT, { o: order.id })).data.acceptOrderChanges;
        expect(res).toMatchObject({ __typename: 'OrderStateError', status: 'SENT' });
        const rejected = (await t.gql(requester, REJECT, { o: order.id, r: 'Nei takk' })).data.rejectOrderChanges;
        expect(rejected).toMatchObject({ __typename: 'OrderStateError', status: 'SENT' });
        const supplierTry = await t.gql(supplier, ACCEPT, { o: order.id });
        expect(supplierTry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      });
    });
  });

  describe('as documents on POST /documents', () => {
    it('applies a CA from the supplier’s system and answers with the response id and the order’s state (201); a resend is 409', async () => {
      const order = await sentOrder(t, [
        { sellerItemId: 'KL-100', quantity: '150' },
        { sellerItemId: 'KL-101', quantity: '2' },
      ]);
      const xml = document('OR-CA-1', order.number, 'CA', [
        {
          id: 'a',
          statusCode: '3',
          orderLineId: '1',
          quantity: { value: '120', unitCode: 'PK' },
          price: { amount: '90.14', baseQuantity: { value: '2', unitCode: 'PK' } },
          item: { name: 'Kopipapir A4' },
        },
        { id: 'b', statusCode: '5', orderLineId: '2', item: { name: 'Kopipapir A3' } },
      ]);
      const res = await post(erp, xml);
      expect(res.status).toBe(201);
      const [stored] = await t.sql('SELECT id::text, response_code, received_via, document_id, by_client_id FROM order_response WHERE order_id = $1', [order.id]);
      expect(res.body).toMatchObject({ documentType: 'OrderResponse', id: stored.id, status: 'CHANGED' });
      expect(stored).toMatchObject({ response_code: 'CA', received_via: 'DOCUMENT', document_id: 'OR-CA-1', by_client_id: t.world.machineClients['kontorland-erp'] });
      const read = await t.gql(requester, RESPONSES, { id: order.id });
      expect(read.data.order.responses[0].lines.map((l: any) => [l.lineId, l.status, l.quantity, l.price])).toEqual([
        ['1', 'CHANGED', '120.00', '45.07'],
        ['2', 'ACCEPTED', null, null],
      ]);
      const again = await post(erp, xml);
      expect(again.status).toBe(409);
      expect(await storedResponses(order.id)).toHaveLength(1);
    });

    it('AP by document accepts the order; a person of the supplier may send it too', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const res = await post(supplier, document('OR-AP-1', order.number, 'AP'));
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('ACCEPTED');
    });

    it('refuses with 422 and stores nothing: unknown order, another supplier’s order, a seller that is not the supplier, unknown lines, a wrong state', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const cases: [string, string, string, RegExp][] = [
        ['unknown order', erp, document('OR-X1', 'PO-1999-000001', 'AP'), /Unknown order "PO-1999-000001"/],
        ['other supplier', otherSupplier, document('OR-X2', order.number, 'AP', undefined, '982000068'), new RegExp(`Unknown order "${order.number}"`)],
        ['wrong seller', erp, document('OR-X3', order.number, 'AP', undefined, '982000068'), /not the order's supplier: its EndpointID must be 0192:981000056/],
        ['unknown line', erp, document('OR-X4', order.number, 'CA', [{ id: 'x', statusCode: '7', orderLineId: '5', item: { name: 'X' } }]), /has no line 5/],
        [
          'currency',
          erp,
          document('OR-X5', order.number, 'CA', [{ id: 'x', statusCode: '3', orderLineId: '1', quantity: { value: '5', unitCode: 'EA' }, item: { name: 'X' } }]),
          /the quantity is in EA, the line was ordered in PK/,
        ],
      ];
      for (const [what, token, xml, message] of cases) {
        const res = await post(token, xml);
        expect([what, res.status]).toEqual([what, 422]);
        expect([what, res.body.problems.map((p: any) => p.message).join(' | ')]).toEqual([what, expect.stringMatching(message)]);
      }
      expect(await storedResponses(order.id)).toEqual([]);
      expect(await t.sql(`SELECT document_id FROM received_document WHERE document_id LIKE 'OR-X%'`)).toEqual([]);

      await post(erp, document('OR-RE-1', order.number, 'RE')).expect(201);
      const late = await post(erp, document('OR-AP-2', order.number, 'AP'));
      expect(late.status).toBe(422);
      expect(late.body.problems[0].message).toMatch(/DECLINED/);
      expect(await storedResponses(order.id)).toEqual([{ response_code: 'RE', received_via: 'DOCUMENT', document_id: 'OR-RE-1' }]);
    });
  });

  const examples = sharedData('peppol', 'order-response');
  (needShared('the published Order Response examples', examples) ? describe : describe.skip)('the published Order Response examples', () => {
    const files = examples.found ? readdirSync(examples.dir).filter((f) => f.endsWith('.xml')) : [];

    it.each(files)('%s is read and applied to a matching order', async (file) => {
      // Each example answers its own order (11233, 1) from its own seller (GLN 0088 in two of
      // them), in EUR and C62, with the same cbc:ID 101. To apply it here the test rewrites only
      // those: the OrderReference to our order's number, the seller's EndpointID to Kontorland's
      // 0192 number, the currency to the order's (NOK), the unit to the lines' (PK), and the
      // document id to one per file (else the second file would be a resend of the first).
      const order = await sentOrder(t, [
        { sellerItemId: 'KL-100', quantity: '150' },
        { sellerItemId: 'KL-101', quantity: '2' },
        { sellerItemId: 'KL-102', quantity: '3' },
      ]);
      const original = readFileSync(join(examples.dir, file), 'utf8');
      const xml = original
        .replace(/(<cac:OrderReference>\s*<cbc:ID>)[^<]*(<\/cbc:ID>)/, `$1${order.number}$2`)
        .replace(/(<cac:SellerSupplierParty>\s*<cac:Party>\s*<cbc:EndpointID) schemeID="[^"]*">[^<]*</, `$1 schemeID="0192">${KONTORLAND_ORG_NO}<`)
        .replace(/>EUR</g, '>NOK<')
        .replace(/currencyID="EUR"/g, 'currencyID="NOK"')
        .replace(/unitCode="C62"/g, 'unitCode="PK"')
        .replace(/<cbc:ID>101<\/cbc:ID>/, `<cbc:ID>EX-${file}</cbc:ID>`);
      const res = await post(erp, xml);
      expect([res.status, res.body.problems]).toEqual([201, []]);
      expect(res.body.status).toBe('CHANGED');
      const read = await t.gql(requester, RESPONSES, { id: order.id });
      const [response] = read.data.order.responses;
      expect(response).toMatchObject({ responseCode: 'CONDITIONALLY_ACCEPTED', documentId: `EX-${file}`, issueDate: '2013-07-01', note: 'Response message with amendments in the details' });
      const byLine = Object.fromEntries(response.lines.map((l: any) => [l.lineId, l]));
      // Line 3 is a substitution in every example: Pepper sauce SN-35 → SN-36 with its GTIN.
      expect(byLine['3']).toMatchObject({ status: 'CHANGED', substitute: { sellerItemId: 'SN-36', name: 'Pepper sauce', gtin: '8722700577588' } });
      if (file === 'UC1_Order_response.xml') {
        expect([byLine['1'].status, byLine['2'].status]).toEqual(['ACCEPTED', 'NOT_ACCEPTED']);
      } else {
        expect(byLine['1']).toMatchObject({
          status: 'CHANGED',
          quantity: '10.00',
          price: '1.50',
          promisedDeliveryStart: '2018-08-10',
          promisedDeliveryEnd: '2018-08-12',
          note: 'Order line note text',
          substitute: { sellerItemId: 'SN-34', name: 'Sauce brown, ready', gtin: '7400000001235' },
        });
        expect(byLine['2'].status).toBe('ACCEPTED');
      }
      expect(read.data.order.status).toBe('CHANGED');
    });
  });
});
