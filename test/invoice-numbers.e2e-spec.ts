import { InvoiceLineExactNumbers1763800000203 } from '../migrations/1763800000203-InvoiceLineExactNumbers';
import { acceptedOrder, drain, ERROR, kontorlandErp, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';
import { inMigrationTransaction } from './support/migrations';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The numbers of a received invoice or credit note as Torg stores them (issue 16 §1): quantities,
 * unit prices and base quantities exactly as the supplier wrote them (PEPPOL caps only amounts at
 * two decimals), and whatever is beyond what Torg can hold — an amount beyond numeric(18,2), a
 * quantity or price beyond Torg's limits, a VAT rate outside 0–100 — refused by Torg's own checks
 * with where, the value and the limit: 422, nothing stored, never a 500 (POST /documents, the check,
 * and the portal's invoice alike).
 */
let t: TestApp;
let erp: string;
let order: any;
beforeAll(async () => {
  t = await startTestApp();
  erp = await kontorlandErp(t);
  order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1000' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '1000' }]);
});
afterAll(() => t?.close());

const line = (quantity: string, price = '45.07') => ({ quantity, price, orderLineId: '1', sellerItemId: 'KL-100' });
const stored = async (number: string) => (await t.sql(`SELECT count(*)::int AS n FROM invoice WHERE invoice_number = $1`, [number]))[0].n;
const storedLines = (number: string) =>
  t.sql(
    `SELECT l.quantity::text, l.net_unit_price::text AS price, l.base_quantity::text AS base, l.line_amount::text AS amount
       FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.invoice_number = $1 ORDER BY l.position`,
    [number],
  );
const factQuantities = (number: string) =>
  t.sql(`SELECT f.quantity::text FROM insights_invoice_line f JOIN invoice i ON i.id = f.invoice_id WHERE i.invoice_number = $1 ORDER BY f.invoice_line_id`, [number]);
/** A base quantity in the line's price (the quick builder writes none). */
const withBaseQuantity = (xml: string, base: string) => xml.replace('</cbc:PriceAmount>', `</cbc:PriceAmount><cbc:BaseQuantity unitCode="PK">${base}</cbc:BaseQuantity>`);
const check = (xml: string) => t.http.post('/documents/check').set('Authorization', `Bearer ${erp}`).set('Content-Type', 'application/xml').send(Buffer.from(xml));

/** Refused on POST /documents (422, nothing stored) and by POST /documents/check with the same problem. */
async function refused(number: string, xml: string, expected: { path: RegExp; message: RegExp }) {
  const problem = expect.objectContaining({ path: expect.stringMatching(expected.path), rule: 'TORG-NUMBER-LIMIT', message: expect.stringMatching(expected.message) });
  const res = await postDocument(t, erp, xml);
  expect([res.status, res.body.problems]).toEqual([422, expect.arrayContaining([problem])]);
  expect(await stored(number)).toBe(0);
  const checked = await check(xml);
  expect([checked.status, checked.body.valid, checked.body.problems]).toEqual([200, false, expect.arrayContaining([problem])]);
}

describe('stored exactly as sent', () => {
  it('keeps a quantity with six decimals and a price with eight, in the stored invoice and its GraphQL lines', async () => {
    const xml = quickInvoiceXml({ id: 'N-EXACT', orderReference: order.number, lines: [line('2.123456'), line('3', '15.02333333')] });
    const res = await postDocument(t, erp, xml);
    expect(res.status).toBe(201);
    expect(await storedLines('N-EXACT')).toEqual([
      { quantity: '2.123456', price: '45.07', base: '1', amount: '95.70' },
      { quantity: '3', price: '15.02333333', base: '1', amount: '45.07' },
    ]);
    const read = await t.gql(erp, `query($id: Int!) { invoice(id: $id) { lines { quantity netUnitPrice baseQuantity } } }`, { id: Number(res.body.id) });
    expect(read.data.invoice.lines).toEqual([
      { quantity: '2.123456', netUnitPrice: '45.07', baseQuantity: '1.00' },
      { quantity: '3.00', netUnitPrice: '15.02333333', baseQuantity: '1.00' },
    ]);
  });

  it('stores a number by its value, not its spelling: a price and VAT rate written with 16,384 trailing zeros (more decimals than PostgreSQL takes) are 45.07 and 25', async () => {
    const zeros = '0'.repeat(16_384);
    const written = quickInvoiceXml({ id: 'N-ZEROS', orderReference: order.number, lines: [line('1')] });
    const xml = written.replace(/(<cbc:PriceAmount [^>]*>)45\.07</, (_, open: string) => `${open}45.07${zeros}<`).replace(/<cbc:Percent>25(\.0+)?</g, `<cbc:Percent>25.${zeros}<`);
    expect(xml.length).toBeGreaterThan(written.length + 3 * 16_384);
    const res = await postDocument(t, erp, xml);
    expect(res.status).toBe(201);
    expect(await storedLines('N-ZEROS')).toEqual([{ quantity: '1', price: '45.07', base: '1', amount: '45.07' }]);
    const [rates] = await t.sql(
      `SELECT l.vat_rate::text AS line, s.rate::text AS subtotal FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id JOIN invoice_vat_subtotal s ON s.invoice_id = i.id WHERE i.invoice_number = 'N-ZEROS'`,
    );
    expect(rates).toEqual({ line: '25.00', subtotal: '25.00' });
  });

  it('keeps a base quantity with five decimals', async () => {
    const xml = withBaseQuantity(quickInvoiceXml({ id: 'N-BASE', orderReference: order.number, lines: [line('1.00001')] }), '1.00001');
    const res = await postDocument(t, erp, xml);
    expect(res.status).toBe(201);
    expect(await storedLines('N-BASE')).toEqual([{ quantity: '1.00001', price: '45.07', base: '1.00001', amount: '45.07' }]);
  });

  it('keeps an approved invoice’s quantities in insights exactly as stored', async () => {
    const res = await postDocument(t, erp, quickInvoiceXml({ id: 'N-FACTS', orderReference: order.number, buyerReference: order.requisitionNumber, lines: [line('0.12345')] }));
    expect([res.status, res.body.status]).toEqual([201, 'APPROVED']);
    await drain(t);
    expect(await storedLines('N-FACTS')).toEqual([{ quantity: '0.12345', price: '45.07', base: '1', amount: '5.56' }]);
    expect(await factQuantities('N-FACTS')).toEqual([{ quantity: '0.12345' }]);
  });

  it('keeps a credit note’s quantity exactly as sent', async () => {
    expect((await postDocument(t, erp, quickInvoiceXml({ id: 'N-TOCREDIT', orderReference: order.number, lines: [line('2')] }))).status).toBe(201);
    const credit = await postDocument(
      t,
      erp,
      quickInvoiceXml({ kind: 'CreditNote', id: 'N-CREDIT', buyerReference: order.requisitionNumber, billingReference: 'N-TOCREDIT', lines: [line('0.333333')] }),
    );
    expect(credit.status).toBe(201);
    expect(await storedLines('N-CREDIT')).toEqual([{ quantity: '0.333333', price: '45.07', base: '1', amount: '15.02' }]);
  });
});

describe('beyond what Torg holds: refused with where, the value and the limit', () => {
  it('refuses a quantity and a base quantity of 10^15', async () => {
    const xml = withBaseQuantity(quickInvoiceXml({ id: 'N-HUGE-QTY', orderReference: order.number, lines: [line('1')] }), '1000000000000000').replace(
      '<cbc:InvoicedQuantity unitCode="PK">1</cbc:InvoicedQuantity>',
      '<cbc:InvoicedQuantity unitCode="PK">1000000000000000</cbc:InvoicedQuantity>',
    );
    await refused('N-HUGE-QTY', xml, { path: /cac:InvoiceLine\[1\]\/cbc:InvoicedQuantity$/, message: /^The quantity 1000000000000000 is beyond/ });
    await refused('N-HUGE-QTY', xml, { path: /cac:InvoiceLine\[1\]\/cac:Price\/cbc:BaseQuantity$/, message: /^The base quantity 1000000000000000 is beyond/ });
  });

  it('refuses amounts of 10^17, whose arithmetic is right', async () => {
    const xml = quickInvoiceXml({ id: 'N-HUGE-AMOUNT', orderReference: order.number, lines: [line('10000000000000', '10000')] });
    await refused('N-HUGE-AMOUNT', xml, { path: /cac:InvoiceLine\[1\]\/cbc:LineExtensionAmount$/, message: /^The amount 100000000000000000.00 is beyond/ });
    await refused('N-HUGE-AMOUNT', xml, { path: /cac:LegalMonetaryTotal\/cbc:PayableAmount$/, message: /^The amount 125000000000000000.00 is beyond/ });
  });

  it('refuses a price beyond the limit and one with more decimals than Torg keeps', async () => {
    const big = quickInvoiceXml({ id: 'N-HUGE-PRICE', orderReference: order.number, lines: [line('0.000001', '1000000000000000')] });
    await refused('N-HUGE-PRICE', big, { path: /cac:Price\/cbc:PriceAmount$/, message: /^The price 1000000000000000 is beyond/ });
    const fine = quickInvoiceXml({ id: 'N-FINE-PRICE', orderReference: order.number, lines: [line('1', '45.07')] }).replace('>45.07</cbc:PriceAmount>', '>45.0700000000000000001</cbc:PriceAmount>');
    await refused('N-FINE-PRICE', fine, { path: /cac:Price\/cbc:PriceAmount$/, message: /^The price 45.0700000000000000001 has 19 decimals/ });
  });

  it('refuses a VAT rate of 1000 and of -5', async () => {
    const at = (rate: string) =>
      quickInvoiceXml({ id: `N-RATE${rate}`, orderReference: order.number, lines: [line('1')] }).replace(/<cbc:Percent>25<\/cbc:Percent>/g, `<cbc:Percent>${rate}</cbc:Percent>`);
    for (const rate of ['1000', '-5']) {
      const res = await postDocument(t, erp, at(rate));
      expect(res.status).toBe(422);
      expect(res.body.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/cbc:Percent$/), rule: 'TORG-NUMBER-LIMIT', message: `The VAT rate ${rate} is outside 0–100 percent` })]),
      );
      expect(await stored(`N-RATE${rate}`)).toBe(0);
    }
  });

  it('stores a large quantity at a small price (within the limits) even where the difference the matcher finds in NOK is beyond 10^16', async () => {
    const dear = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
    // The agreed price written straight (the catalogue's is 45.07): an excess of 10^13 units at 10,000 NOK is 10^17 NOK.
    await t.sql(`UPDATE purchase_order_line SET unit_price = 10000 WHERE order_id = $1`, [dear.id]);
    const res = await postDocument(t, erp, quickInvoiceXml({ id: 'N-EXCESS', orderReference: dear.number, lines: [line('10000000000000', '0.0001')] }));
    expect([res.status, res.body.status]).toEqual([201, 'EXCEPTION']);
    expect(await storedLines('N-EXCESS')).toEqual([{ quantity: '10000000000000', price: '0.0001', base: '1', amount: '1000000000.00' }]);
    const [reason] = await t.sql(`SELECT max(difference_nok)::text AS nok FROM invoice_match_reason WHERE invoice_id = $1`, [Number(res.body.id)]);
    expect(reason.nok).toBe('100000000000000000.00');
  });
});

describe('the portal’s invoice', () => {
  it('answers an order beyond Torg’s amounts with its refusal, never a 500', async () => {
    const big = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
    // An order agreed at these numbers cannot be placed through Torg; written straight, it shows the portal's answer is its refusal.
    await t.sql(`UPDATE purchase_order_line SET quantity = 10000000000000, unit_price = 10000 WHERE order_id = $1`, [big.id]);
    const res = await t.gql(
      await t.login('katalog@kontorland.example'),
      `mutation($i: CreateInvoiceFromOrderInput!) { createInvoiceFromOrder(input: $i) { __typename ... on InvoiceFromOrderRefused { problems { field path rule message } } ${ERROR} } }`,
      { i: { orderId: big.id, invoiceNumber: 'N-PORTAL', issueDate: '2026-12-01', dueDate: '2026-12-31', paymentAccount: '15032080119' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.createInvoiceFromOrder).toMatchObject({
      __typename: 'InvoiceFromOrderRefused',
      problems: expect.arrayContaining([expect.objectContaining({ rule: 'TORG-NUMBER-LIMIT', path: expect.stringMatching(/LineExtensionAmount$/) })]),
    });
    expect(await stored('N-PORTAL')).toBe(0);
  });
});

// Last: its down step rounds what the tests above stored.
describe('migration 203', () => {
  it('widens the columns without rewriting invoice_line or invoice_match_reason; the order-line index (with quantity) stays valid', async () => {
    const relations = `SELECT c.relname, pg_relation_filenode(c.oid) AS node FROM pg_class c
                        WHERE c.relname IN ('invoice_line', 'invoice_line_order_line', 'invoice_match_reason') ORDER BY c.relname`;
    const types = `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
                    WHERE attrelid IN ('invoice_line'::regclass, 'invoice_match_reason'::regclass) AND attname IN ('quantity', 'net_unit_price', 'base_quantity', 'difference_nok') ORDER BY attname`;
    await inMigrationTransaction(t, async (runner) => {
      const migration = new InvoiceLineExactNumbers1763800000203();
      // What numeric(18,2) cannot hold (the test above stored it) stops the down step, as it says.
      await runner.query(`DELETE FROM invoice_match_reason WHERE abs(difference_nok) >= 1e16`);
      await migration.down(runner);
      expect((await runner.query(types)).map((r: any) => r.type)).toEqual(['numeric(18,4)', 'numeric(18,2)', 'numeric(18,6)', 'numeric(18,4)']);
      const before = await runner.query(relations);
      await migration.up(runner);
      // The tables keep their files (no rewrite); PostgreSQL builds the index again (its INCLUDE column's type changed), a one-off of the partial index's size.
      const after = await runner.query(relations);
      expect(after.filter((r: any) => r.relname !== 'invoice_line_order_line')).toEqual(before.filter((r: any) => r.relname !== 'invoice_line_order_line'));
      expect((await runner.query(types)).map((r: any) => r.type)).toEqual(['numeric', 'numeric', 'numeric', 'numeric']);
      const [index] = await runner.query(`SELECT indisvalid, pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indexrelid = 'invoice_line_order_line'::regclass`);
      expect(index).toEqual({ indisvalid: true, def: expect.stringContaining('INCLUDE (quantity, line_amount)') });
    });
  });
});
