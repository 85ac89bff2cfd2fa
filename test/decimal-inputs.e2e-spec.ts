import { writeDespatchAdvice, writeOrderResponse } from '../src/peppol';
import { createAgreement, upload } from './support/fixtures';
import { sentOrder } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Decimals from outside beyond what PostgreSQL parses or a column holds (issue 16, hostile input):
 * a value written with 16,384 trailing zeros (a valid xsd:decimal, more digits after the point
 * than PostgreSQL's unconstrained numeric accepts) and 10^20 (beyond every numeric(18,x) column).
 * Each input either takes the value as valued or refuses it saying where, what and why: never a 500.
 */
const ZEROS = '0'.repeat(16_384);
const HUGE = '100000000000000000000';
const KONTORLAND_ORG_NO = '981000056';
const NORDBY_ORG_NO = '911000024';

describe('decimal inputs beyond what PostgreSQL holds', () => {
  let t: TestApp;
  let erp: string;
  const post = (xml: string) => t.http.post('/documents').set('Content-Type', 'application/xml').set('Authorization', `Bearer ${erp}`).send(Buffer.from(xml, 'utf8'));
  const party = (orgNo: string, name: string) => ({ endpointId: { value: orgNo, schemeId: '0192' }, identifiers: [{ value: orgNo, schemeId: '0192' }], legalEntity: { registrationName: name } });

  beforeAll(async () => {
    t = await startTestApp();
    erp = (await t.gql(null, 'mutation($c: String) { devClientToken(clientId: $c) { token } }', { c: 'kontorland-erp' })).data.devClientToken.token;
  });
  afterAll(() => t?.close());

  describe('order responses (POST /documents)', () => {
    const response = (id: string, orderNo: string, quantity: string, price: string) =>
      writeOrderResponse({
        profile: 'ehf',
        id,
        issueDate: '2026-12-01',
        responseCode: 'CA',
        currency: 'NOK',
        orderReference: orderNo,
        seller: party(KONTORLAND_ORG_NO, 'Kontorland AS'),
        buyer: party(NORDBY_ORG_NO, 'Nordby skole'),
        lines: [{ id: 'a', statusCode: '3', orderLineId: '1', quantity: { value: quantity, unitCode: 'PK' }, price: { amount: price }, item: { name: 'Kopipapir A4' } }],
      });

    it('takes a quantity and price written with 16,384 trailing zeros by their value', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const res = await post(response('OR-Z1', order.number, `120.${ZEROS}`, `45.07${ZEROS}`));
      expect([res.status, res.body.problems]).toEqual([201, []]);
      expect(await t.sql('SELECT l.quantity::text, l.price::text FROM order_response_line l JOIN order_response r ON r.id = l.response_id WHERE r.order_id = $1', [order.id])).toEqual([
        { quantity: '120.0000', price: '45.0700' },
      ]);
    });

    it('refuses a quantity and a price of 10^20 with where, what and why, and stores nothing', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const res = await post(response('OR-H1', order.number, HUGE, HUGE));
      expect(res.status).toBe(422);
      expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('cbc:PriceAmount'), message: expect.stringContaining(HUGE) })]));
      const quantity = await post(response('OR-H2', order.number, HUGE, '40'));
      expect([quantity.status, quantity.body.problems]).toEqual([
        422,
        [
          expect.objectContaining({
            path: expect.stringContaining('cac:OrderLine[1]'),
            message: `Line 1: quantity "${HUGE}" is no quantity an order holds: not negative, at most 14 digits before the decimal point and 4 after`,
          }),
        ],
      ]);
      expect(await t.sql('SELECT id FROM order_response WHERE order_id = $1', [order.id])).toEqual([]);
    });
  });

  describe('despatch advices (POST /documents)', () => {
    const despatch = (id: string, orderNo: string, delivered: string, outstanding: string) =>
      writeDespatchAdvice({
        profile: 'ehf',
        id,
        issueDate: '2026-12-01',
        orderReference: orderNo,
        despatchSupplier: party(KONTORLAND_ORG_NO, 'Kontorland AS'),
        deliveryCustomer: party(NORDBY_ORG_NO, 'Nordby skole'),
        shipment: { id: 'NA' },
        lines: [
          {
            id: 'D1',
            deliveredQuantity: { value: delivered, unitCode: 'PK' },
            outstandingQuantity: { value: outstanding, unitCode: 'PK' },
            orderLineId: '1',
            item: { name: 'Kopipapir', sellersItemId: 'KL-100' },
          },
        ],
      });

    it('takes quantities written with 16,384 trailing zeros by their value', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const res = await post(despatch('DA-Z1', order.number, `100.${ZEROS}`, `50.${ZEROS}`));
      expect([res.status, res.body.problems]).toEqual([201, []]);
      expect(
        await t.sql(
          'SELECT l.delivered_quantity::text AS delivered, l.outstanding_quantity::text AS outstanding FROM despatch_advice_line l JOIN despatch_advice d ON d.id = l.despatch_advice_id WHERE d.order_id = $1',
          [order.id],
        ),
      ).toEqual([{ delivered: '100.0000', outstanding: '50.0000' }]);
    });

    it('refuses quantities of 10^20 with where, what and why, and stores nothing', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const res = await post(despatch('DA-H1', order.number, HUGE, HUGE));
      expect(res.status).toBe(422);
      expect(res.body.problems).toEqual([
        expect.objectContaining({ path: expect.stringContaining('cbc:DeliveredQuantity'), message: expect.stringContaining(HUGE) }),
        expect.objectContaining({ path: expect.stringContaining('cbc:OutstandingQuantity'), message: expect.stringContaining(HUGE) }),
      ]);
      expect(await t.sql('SELECT id FROM despatch_advice WHERE order_id = $1', [order.id])).toEqual([]);
    });
  });

  describe('catalogue upload lines', () => {
    const csv = (price: string, vatRate = '25') => Buffer.from(`seller_item_id,name,unspsc,price,vat_rate,unit\nZ-1,Kulepenn,44121704,${price},${vatRate},EA\n`);

    it('takes a price and VAT rate written with 16,384 trailing zeros by their value', async () => {
      const a = await createAgreement(t);
      const res = await upload(t, a.id, csv(`149.9${ZEROS}`, `25.${ZEROS}`), 'zeros.csv');
      expect([res.status, res.body.problems]).toEqual([201, []]);
      expect(await t.sql('SELECT ci.price::text, ci.vat_rate::text FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id WHERE v.agreement_id = $1', [a.id])).toEqual([
        { price: '149.9000', vat_rate: expect.stringMatching(/^25(\.0+)?$/) },
      ]);
    });
    // A price of 10^20 is a line problem already: catalogue-upload.e2e-spec.ts (more than 14 digits before the point).
  });

  describe('GraphQL Decimal inputs', () => {
    const ADD_FREE = `mutation($i: AddFreeTextToCartInput!) { addFreeTextToCart(input: $i) { __typename ... on CartLineAdded { line { quantity unitPrice vatRate } } ... on ErrorResult { errorCode message } } }`;
    const free = (quantity: string, estimatedPrice: string, vatRate = '25') => ({
      description: 'Tavlepenner',
      unspscCode: '44121708',
      quantity,
      unitCode: 'EA',
      estimatedPrice,
      vatRate,
      justification: { code: 'OTHER', text: 'Probing decimals' },
    });

    it('takes a cart quantity, price and VAT rate written with 16,384 trailing zeros by their value', async () => {
      const res = await t.gql(await t.login('bestiller@nordby.example'), ADD_FREE, { i: free(`2.${ZEROS}`, `19.9${ZEROS}`, `25.${ZEROS}`) });
      expect(res.errors).toBeUndefined();
      expect(res.data.addFreeTextToCart.line).toEqual({ quantity: '2.00', unitPrice: '19.90', vatRate: '25.00' });
      expect(await t.sql(`SELECT quantity::text, unit_price::text, vat_rate::text FROM cart_line WHERE kind = 'FREE_TEXT'`)).toEqual([
        { quantity: '2.0000', unit_price: '19.9000', vat_rate: '25.00' },
      ]);
      await t.gql(await t.login('bestiller@nordby.example'), 'mutation { clearCart { id } }');
    });

    it('refuses 10^20 as BAD_USER_INPUT naming the field', async () => {
      const res = await t.gql(await t.login('bestiller@nordby.example'), ADD_FREE, { i: free(HUGE, HUGE) });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/quantity must be a positive decimal with at most 14 digits before the decimal point/);
    });

    it('refuses a despatch quantity of 10^20 as BAD_USER_INPUT naming the field', async () => {
      const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '150' }]);
      const reg = await t.gql(await t.login('katalog@kontorland.example'), `mutation($i: RegisterDespatchInput!) { registerDespatch(input: $i) { __typename } }`, {
        i: { orderId: order.id, despatchId: 'SHIP-H', lines: [{ lineId: '1', deliveredQuantity: HUGE, outstandingQuantity: `1.${ZEROS}` }] },
      });
      expect(reg.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(reg.errors?.[0].message).toMatch(/deliveredQuantity must be a decimal more than 0 with at most 14 digits before the decimal point/);
    });
  });
});
