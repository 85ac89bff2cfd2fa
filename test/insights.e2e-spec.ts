import { DataSource } from 'typeorm';
import { SpendFacts } from '../src/insights/spend-facts';
import { InvoiceSpendFact } from '../src/insights/spend-facts.types';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { osloToday } from '../src/platform/time/oslo-date';
import { createAgreement } from './support/fixtures';
import { factsWritten, submitCart } from './support/insights';
import { sentOrder } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

const KEY = 'period organisationId organisationName category supplierId supplierName agreementId';
const LOYALTY = `${KEY} onAgreement offAgreement offCatalogue notCovered total agreementLoyalty supplierLoyal agreementSupplierOutside otherSuppliers supplierLoyalty lines`;
const LEAKAGE = `${KEY} lines amount linesWithAlternative potentialSaving`;

/**
 * Insights over the real app: orders approved over HTTP (their spend reaches insights through
 * the outbox), invoices handed to SpendFacts as invoicing will, and every report checked to the
 * øre, through GraphQL and the CSV/JSON exports.
 *
 * Nordby skole (under Storby kommune, which takes part in Kontorland's mandatory agreement
 * 2025-001 on paper and office supplies) orders:
 *  A  10 × KL-100 copy paper from the catalogue: 450.70, on agreement;
 *  B  10 PK copy paper (14111507) in free text from "Nærbutikken" at 60.00, justified URGENT_NEED:
 *     600.00 off agreement; the cheapest agreement item of that commodity and unit is KL-100 at
 *     45.07, so 149.30 would have been saved;
 *  C  5 PK pencils (44121706) in free text from Kontorland itself at 40.00: 200.00 off agreement
 *     from an agreement supplier (not loyal); cheapest agreement pencil KL-148 at 32.57 saves 37.15;
 *  D  2 EA of a medical item (42132203) from "Snekker Hansen" at 500.00: 1000.00, no agreement
 *     of the school covers it;
 *  E  1 × KL-101, cancelled after approval: never counted.
 */
describe('Insights (issue 16 §4)', () => {
  let t: TestApp;
  let purchaser: string;
  const month = `${osloToday().slice(0, 7)}-01`;
  let orderA: { id: number };
  let agreement2025001: number;

  const q = async (token: string, query: string, filter: Record<string, unknown> = {}) => {
    const res = await t.gql(token, `query($f: InsightFilter) { r: ${query} }`, { f: filter });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.r;
  };

  beforeAll(async () => {
    t = await startTestApp();
    purchaser = await t.login('innkjoper@storby.example');
    [{ id: agreement2025001 }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);
    const ceiling = await t.gql(purchaser, 'mutation($a: Int!) { setAgreementCeiling(agreementId: $a, valueCeiling: "10000") { id } }', { a: agreement2025001 });
    expect(ceiling.errors).toBeUndefined();

    const free = (description: string, unspscCode: string, quantity: string, unitCode: string, estimatedPrice: string, supplier: Record<string, unknown>, justification?: object) => ({
      freeText: { description, unspscCode, quantity, unitCode, estimatedPrice, ...supplier, ...(justification ? { justification } : {}) },
    });
    [orderA] = await submitCart(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
    await submitCart(t, [free('Kopipapir fra nærbutikken', '14111507', '10', 'PK', '60', { preferredSupplierName: 'Nærbutikken' }, { code: 'URGENT_NEED', text: 'Tom for papir før eksamen' })]);
    await submitCart(t, [free('Spesialblyanter', '44121706', '5', 'PK', '40', { preferredSupplierId: t.world.orgs.kontorland }, { code: 'ITEM_NOT_IN_AGREEMENT', text: 'Ikke i katalogen' })]);
    await submitCart(t, [free('Hjelpemiddel', '42132203', '2', 'EA', '500', { preferredSupplierName: 'Snekker Hansen' })]);
    const [orderE] = await submitCart(t, [{ sellerItemId: 'KL-101', quantity: '1' }]);
    const cancelled = await t.gql(await t.login('bestiller@nordby.example'), 'mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { __typename } }', {
      i: { orderId: orderE.id, reason: 'Feil vare' },
    });
    expect(cancelled.data?.cancelOrder.__typename).toBe('Order');

    const [lineA] = await t.sql('SELECT id FROM purchase_order_line WHERE order_id = $1', [orderA.id]);
    const facts = t.app.get(SpendFacts);
    const ds = t.app.get(DataSource);
    const invoice = (over: Partial<InvoiceSpendFact>): InvoiceSpendFact => ({
      invoiceId: 1,
      kind: 'INVOICE',
      invoiceNumber: 'F-1',
      buyerOrganisationId: t.world.orgs.skole,
      supplierId: t.world.orgs.kontorland,
      agreementId: agreement2025001,
      orderId: orderA.id,
      currency: 'NOK',
      issueDate: '2026-01-20',
      receivedAt: '2026-01-15T08:00:00Z',
      approvedAt: '2026-01-21T08:00:00Z',
      orderSubmittedAt: '2026-01-05T08:00:00Z',
      lines: [{ invoiceLineId: 11, orderLineId: lineA.id, unspscCode: '14111507', quantity: '10', unitCode: 'PK', amount: '450.70', loyalty: 'ON_AGREEMENT', agreementId: agreement2025001 }],
      ...over,
    });
    const match = { buyerOrganisationId: t.world.orgs.skole, supplierId: t.world.orgs.kontorland, receivedAt: '2026-01-15T08:00:00Z' };
    await inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
      await facts.invoiceMatched(tx, { ...match, invoiceId: 1, status: 'MATCHED', reasonCodes: [] });
      await facts.invoiceApproved(tx, invoice({}));
      // Without an order: 5 PK copy paper at 60.00 where KL-100 costs 45.07 (74.65 to save).
      await facts.invoiceMatched(tx, { ...match, invoiceId: 2, status: 'EXCEPTION', reasonCodes: ['NO_ORDER_LINE'] });
      await facts.invoiceApproved(
        tx,
        invoice({
          invoiceId: 2,
          invoiceNumber: 'F-2',
          orderId: null,
          agreementId: null,
          orderSubmittedAt: null,
          lines: [{ invoiceLineId: 21, orderLineId: null, unspscCode: '14111507', quantity: '5', unitCode: 'PK', amount: '300.00', loyalty: 'OFF_CATALOGUE', agreementId: null }],
        }),
      );
      await facts.invoiceMatched(tx, { ...match, invoiceId: 3, status: 'EXCEPTION', reasonCodes: ['PRICE_VARIANCE'] });
      await facts.invoiceApproved(
        tx,
        invoice({
          invoiceId: 3,
          kind: 'CREDIT_NOTE',
          invoiceNumber: 'K-1',
          lines: [{ invoiceLineId: 31, orderLineId: lineA.id, unspscCode: '14111507', quantity: '1', unitCode: 'PK', amount: '-100.00', loyalty: 'ON_AGREEMENT', agreementId: agreement2025001 }],
        }),
      );
    });
    await factsWritten(t);
  }, 180_000);
  afterAll(() => t?.close());

  it('measures agreement and supplier loyalty of ordered spend, cancelled orders left out', async () => {
    const [row] = await q(purchaser, `insightLoyalty(filter: $f) { ${LOYALTY} }`, { groupBy: [], organisationId: t.world.orgs.skole });
    expect(row).toMatchObject({
      onAgreement: '450.70',
      offAgreement: '800.00',
      offCatalogue: '0.00',
      notCovered: '1000.00',
      total: '2250.70',
      agreementLoyalty: 0.3604,
      supplierLoyal: '450.70',
      agreementSupplierOutside: '200.00',
      otherSuppliers: '1600.00',
      supplierLoyalty: 0.2002,
      lines: 4,
    });
  });

  it('groups loyalty by period, organisation and segment', async () => {
    const rows = await q(purchaser, `insightLoyalty(filter: $f) { ${LOYALTY} }`, { groupBy: ['CATEGORY', 'PERIOD', 'ORGANISATION'], organisationId: t.world.orgs.kommune });
    expect(rows.map((r: any) => [r.period, r.organisationName, r.category, r.onAgreement, r.offAgreement, r.notCovered])).toEqual([
      [month, 'Nordby skole', '14000000', '450.70', '600.00', '0.00'],
      [month, 'Nordby skole', '42000000', '0.00', '0.00', '1000.00'],
      [month, 'Nordby skole', '44000000', '0.00', '200.00', '0.00'],
    ]);
  });

  it('measures loyalty of invoiced spend, credit notes taking back', async () => {
    const [row] = await q(purchaser, `insightLoyalty(filter: $f) { ${LOYALTY} }`, { groupBy: [], basis: 'INVOICED' });
    expect(row).toMatchObject({ onAgreement: '350.70', offCatalogue: '300.00', total: '650.70', agreementLoyalty: 0.539, supplierLoyal: '350.70', agreementSupplierOutside: '300.00' });
  });

  it('finds the leakage: the cheapest agreement item of the same commodity and unit, and what it would have saved', async () => {
    const [ordered] = await q(purchaser, `insightLeakage(filter: $f) { ${LEAKAGE} }`, { groupBy: [] });
    expect(ordered).toMatchObject({ lines: 2, amount: '800.00', linesWithAlternative: 2, potentialSaving: '186.45' });
    const byCategory = await q(purchaser, `insightLeakage(filter: $f) { ${LEAKAGE} }`, { groupBy: ['CATEGORY'], unspscLevel: 'CLASS' });
    expect(byCategory.map((r: any) => [r.category, r.amount, r.potentialSaving])).toEqual([
      ['14111500', '600.00', '149.30'],
      ['44121700', '200.00', '37.15'],
    ]);
    const [invoiced] = await q(purchaser, `insightLeakage(filter: $f) { ${LEAKAGE} }`, { groupBy: [], basis: 'INVOICED' });
    expect(invoiced).toMatchObject({ lines: 1, amount: '300.00', linesWithAlternative: 1, potentialSaving: '74.65' });
  });

  it('lists the off-agreement lines with their justification and alternative', async () => {
    const lines = await q(
      purchaser,
      'insightOffAgreementLines(filter: $f) { source supplierName unspscCode amount justificationCode justificationText alternativeName alternativeUnitPrice alternativeLevel potentialSaving }',
      { unspscCode: '14000000' },
    );
    expect(lines).toEqual([
      {
        source: 'ORDER',
        supplierName: 'Nærbutikken',
        unspscCode: '14111507',
        amount: '600.00',
        justificationCode: 'URGENT_NEED',
        justificationText: 'Tom for papir før eksamen',
        alternativeName: 'Kopipapir A4 80 g 500 ark',
        alternativeUnitPrice: '45.07',
        alternativeLevel: 'COMMODITY',
        potentialSaving: '149.30',
      },
    ]);
  });

  it('gives spend by supplier, orders with approval time, invoices with electronic-order share and lead time, and exception rates by reason', async () => {
    const spend = await q(purchaser, `insightSpend(filter: $f) { ${KEY} amount lines documents }`, { groupBy: ['SUPPLIER'] });
    expect(spend.map((r: any) => [r.supplierName, r.amount, r.documents])).toEqual([
      ['Kontorland AS', '650.70', 2],
      ['Nærbutikken', '600.00', 1],
      ['Snekker Hansen', '1000.00', 1],
    ]);
    const [orders] = await q(purchaser, `insightOrders(filter: $f) { ${KEY} orders amount averageApprovalHours }`);
    expect(orders).toMatchObject({ period: month, orders: 4, amount: '2250.70', averageApprovalHours: 0 });
    const [invoices] = await q(purchaser, `insightInvoices(filter: $f) { ${KEY} invoices creditNotes amount withOrder withoutOrder electronicOrderShare averageOrderToInvoiceDays }`);
    expect(invoices).toMatchObject({
      period: '2026-01-01',
      invoices: 2,
      creditNotes: 1,
      amount: '650.70',
      withOrder: '350.70',
      withoutOrder: '300.00',
      electronicOrderShare: 0.539,
      averageOrderToInvoiceDays: 10,
    });
    const exceptions = await q(purchaser, `insightInvoiceExceptions(filter: $f) { period reason received exceptions withReason rate }`);
    expect(exceptions).toEqual([
      { period: '2026-01-01', reason: 'NO_ORDER_LINE', received: 3, exceptions: 2, withReason: 1, rate: 0.3333 },
      { period: '2026-01-01', reason: 'PRICE_VARIANCE', received: 3, exceptions: 2, withReason: 1, rate: 0.3333 },
    ]);
  });

  it('shows the agreement ceiling’s use beside the spend ordered on it', async () => {
    const rows = await q(purchaser, 'insightCeilingUse(filter: $f) { agreementId reference currency ceiling committed remaining used orderedHere }');
    expect(rows).toEqual([
      { agreementId: agreement2025001, reference: '2025-001', currency: 'NOK', ceiling: '10000.00', committed: '450.70', remaining: '9549.30', used: 0.0451, orderedHere: '450.70' },
    ]);
  });

  it('names the agreement’s own currency on its ceiling use, in the report and its CSV', async () => {
    const eur = await createAgreement(t, { reference: 'T-EUR-TAK', currency: 'EUR' });
    const ceiling = await t.gql(purchaser, 'mutation($a: Int!) { setAgreementCeiling(agreementId: $a, valueCeiling: "2500") { id } }', { a: eur.id });
    expect(ceiling.errors).toBeUndefined();
    const rows = await q(purchaser, 'insightCeilingUse(filter: $f) { reference currency ceiling committed }', { agreementId: eur.id });
    expect(rows).toEqual([{ reference: 'T-EUR-TAK', currency: 'EUR', ceiling: '2500.00', committed: '0.00' }]);
    const csv = await t.http.get(`/insights/ceiling-use.csv?agreementId=${eur.id}`).set('Authorization', `Bearer ${purchaser}`);
    const [header, row] = csv.text.split('\r\n');
    expect(header).toBe('agreementId,reference,currency,ceiling,committed,invoiced,remaining,used,orderedHere');
    expect(row).toBe(`${eur.id},T-EUR-TAK,EUR,2500.00,0.00,0.00,2500.00,0,0.00`);
  });

  it('exports each report as CSV and JSON with the same filters and figures', async () => {
    const csv = await t.http.get('/insights/loyalty.csv?groupBy=ORGANISATION&basis=ORDERED').set('Authorization', `Bearer ${purchaser}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toBe(
      'organisationId,organisationName,currency,onAgreement,offAgreement,offCatalogue,notCovered,total,agreementLoyalty,supplierLoyal,agreementSupplierOutside,otherSuppliers,supplierLoyalty,lines\r\n' +
        `${t.world.orgs.skole},Nordby skole,NOK,450.70,800.00,0.00,1000.00,2250.70,0.3604,450.70,200.00,1600.00,0.2002,4\r\n`,
    );
    const json = await t.http.get('/insights/leakage.json?groupBy=&basis=INVOICED').set('Authorization', `Bearer ${purchaser}`);
    expect(json.body).toEqual({ report: 'leakage', rows: [expect.objectContaining({ lines: 1, amount: '300.00', potentialSaving: '74.65' })] });
    const lines = await t.http.get('/insights/off-agreement-lines.csv?unspscCode=44000000').set('Authorization', `Bearer ${purchaser}`);
    const [header, pencils, end] = lines.text.split('\r\n');
    expect(header.split(',').slice(-7)).toEqual(['justificationText', 'alternativeItemId', 'alternativeName', 'alternativeAgreementId', 'alternativeUnitPrice', 'alternativeLevel', 'potentialSaving']);
    expect(pencils).toMatch(/,Kontorland AS,44121706,5\.00,PK,NOK,200\.00,OFF_AGREEMENT,ITEM_NOT_IN_AGREEMENT,Ikke i katalogen,\d+,Blyant HB med viskelær 12 stk,\d+,32\.57,COMMODITY,37\.15$/);
    expect(end).toBe('');
    for (const report of ['spend', 'orders', 'invoices', 'invoice-exceptions', 'ceiling-use']) {
      const res = await t.http.get(`/insights/${report}.json`).set('Authorization', `Bearer ${purchaser}`);
      expect([report, res.status, res.body.rows.length > 0]).toEqual([report, 200, true]);
    }
    // A period with no invoice received: no rows, not a division by zero, with or without grouping.
    for (const groupBy of ['', 'PERIOD']) {
      const none = await t.http.get(`/insights/invoice-exceptions.json?from=1990-01-01&to=1990-12-31&groupBy=${groupBy}`).set('Authorization', `Bearer ${purchaser}`);
      expect([groupBy, none.status, none.body.rows]).toEqual([groupBy, 200, []]);
    }
  });

  it('publishes an agreement’s usage as open data when its purchasing unit switches it on: unauthenticated, cacheable, no personal data', async () => {
    const url = `/open-data/agreements/${agreement2025001}/usage.json`;
    expect((await t.http.get(url)).status).toBe(404);
    const on = await t.gql(purchaser, 'mutation($a: Int!) { setAgreementOpenData(agreementId: $a, published: true) { published usageUrl } }', { a: agreement2025001 });
    expect(on.data.setAgreementOpenData).toEqual({ published: true, usageUrl: url });

    const res = await t.http.get(url);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body).toEqual({
      agreement: { id: agreement2025001, reference: '2025-001', title: 'Kontorrekvisita, papir og kontorstoler', validFrom: '2025-01-01', validTo: '2028-12-31' },
      purchasingUnit: { name: 'Storby innkjøpssenter', orgNumber: '931000047' },
      supplier: { name: 'Kontorland AS', orgNumber: '981000056' },
      currency: 'NOK',
      months: [
        { month: '2026-01-01', orders: 0, orderedAmount: '0.00', invoices: 2, invoicedAmount: '350.70', buyingOrganisations: 1 },
        { month, orders: 1, orderedAmount: '450.70', invoices: 0, invoicedAmount: '0.00', buyingOrganisations: 1 },
      ],
    });
    expect(res.text).not.toMatch(/Nordby|bestiller|Bjørn|PO-/);
    expect((await t.http.get(url).set('If-None-Match', res.headers.etag)).status).toBe(304);
    const csv = await t.http.get(url.replace('.json', '.csv'));
    expect(csv.text.split('\r\n')[0]).toBe('agreementReference,supplier,supplierOrgNumber,month,orders,orderedAmount,invoices,invoicedAmount,buyingOrganisations');
    expect(csv.text.split('\r\n')[2]).toBe(`2025-001,Kontorland AS,981000056,${month},1,450.70,0,0.00,1`);

    await t.gql(purchaser, 'mutation($a: Int!) { setAgreementOpenData(agreementId: $a, published: false) { published } }', { a: agreement2025001 });
    expect((await t.http.get(url)).status).toBe(404);
    const audited = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'agreement' AND entity_id = $1 AND action LIKE 'agreement.open-data%' ORDER BY id`, [String(agreement2025001)]);
    expect(audited.map((a: any) => a.action)).toEqual(['agreement.open-data-published', 'agreement.open-data-withdrawn']);
  });

  it('refuses bad filters with a precise 400', async () => {
    const get = (query: string) => t.http.get(`/insights/loyalty.csv?${query}`).set('Authorization', `Bearer ${purchaser}`);
    expect((await get('from=2026-13-01')).body.message).toMatch(/from must be/);
    expect((await get('from=2026-05-01&to=2026-04-01')).body.message).toMatch(/from \(2026-05-01\) is after to/);
    expect((await get('groupBy=PERIOD,WEEK')).status).toBe(400);
    expect((await get('supplierId=abc')).body.message).toBe('supplierId must be a whole number');
    expect((await get('colour=red')).body.message).toBe('unknown parameter colour');
    expect((await t.http.get('/insights/nothing.csv').set('Authorization', `Bearer ${purchaser}`)).status).toBe(404);
    const gql = await t.gql(purchaser, 'query { insightLoyalty(filter: { unspscCode: "44" }) { total } }');
    expect(gql.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('withdraws the ordered spend of an order its supplier declines', async () => {
    const total = async () => (await q(purchaser, 'insightLoyalty(filter: $f) { total }', { groupBy: [] }))[0].total;
    const order = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '2' }]);
    await factsWritten(t);
    expect(await total()).toBe('2340.84'); // 2250.70 + 2 × 45.07
    const declined = await t.gql(await t.login('katalog@kontorland.example'), 'mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename } }', {
      i: { orderId: order.id, responseCode: 'REJECTED', note: 'Utgått' },
    });
    expect(declined.data?.respondToOrder.__typename).toBe('OrderResponseRecorded');
    await factsWritten(t);
    expect(await total()).toBe('2250.70');
  });
});
