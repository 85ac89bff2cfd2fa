import { DataSource } from 'typeorm';
import { SpendFacts } from '../src/insights/spend-facts';
import { InvoiceSpendFact, OrderSpendFact } from '../src/insights/spend-facts.types';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { osloToday } from '../src/platform/time/oslo-date';
import { createAgreement } from './support/fixtures';
import { factsWritten, submitCart } from './support/insights';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Money in the insight reports is grouped by currency as well as by the filter's dimensions
 * (issue 18): an agreement in euros beside the kroner ones must never be summed into them, in
 * GraphQL or the CSV. Nordby skole orders 10 × KL-100 (450.70 NOK, on agreement 2025-001) over
 * HTTP, and spends in euros on an EUR agreement of Kontorland's (facts as ordering and invoicing
 * hand them over): 100.00 EUR on the agreement and 40.00 EUR outside it, invoiced the same way.
 * While only kroner are spent the rollups answer (their rows say NOK); once euros are spent the
 * fact lines answer, one row per currency.
 */
describe('Insight reports per currency (issue 18)', () => {
  let t: TestApp;
  let purchaser: string;
  let eurAgreement: number;
  let agreement2025001: number;
  const month = `${osloToday().slice(0, 7)}-01`;

  const q = async (query: string, filter: Record<string, unknown> = {}) => {
    const res = await t.gql(purchaser, `query($f: InsightFilter) { r: ${query} }`, { f: filter });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.r;
  };
  const csv = async (path: string) => {
    const res = await t.http.get(path).set('Authorization', `Bearer ${purchaser}`);
    expect([path, res.status]).toEqual([path, 200]);
    return res.text.split('\r\n').filter(Boolean);
  };

  beforeAll(async () => {
    t = await startTestApp();
    purchaser = await t.login('innkjoper@storby.example');
    [{ id: agreement2025001 }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);
    eurAgreement = (await createAgreement(t, { reference: 'T-EUR-SPEND', currency: 'EUR', scope: ['44120000'] })).id;
    await submitCart(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
    await factsWritten(t);
  }, 180_000);
  afterAll(() => t?.close());

  /** Euro spend of Nordby skole: an order (one line on the EUR agreement, one outside it) and its invoice. */
  async function spendEuros() {
    const facts = t.app.get(SpendFacts);
    const ds = t.app.get(DataSource);
    const now = new Date().toISOString();
    const order: OrderSpendFact = {
      orderId: 990001,
      orderNo: 'EUR-1',
      buyerOrganisationId: t.world.orgs.skole,
      supplierId: t.world.orgs.kontorland,
      supplierName: 'Kontorland AS',
      agreementId: eurAgreement,
      currency: 'EUR',
      submittedAt: now,
      approvedAt: now,
      lines: [
        {
          orderLineId: 990011,
          unspscCode: '44121706',
          quantity: '10',
          unitCode: 'PK',
          unitPrice: '10.00',
          amount: '100.00',
          loyalty: 'ON_AGREEMENT',
          agreementId: eurAgreement,
          coveringAgreementIds: [eurAgreement],
          justificationCode: null,
          justificationText: null,
          catalogueItemId: null,
        },
        {
          orderLineId: 990012,
          unspscCode: '44121706',
          quantity: '4',
          unitCode: 'PK',
          unitPrice: '10.00',
          amount: '40.00',
          loyalty: 'OFF_AGREEMENT',
          agreementId: null,
          coveringAgreementIds: [eurAgreement],
          justificationCode: 'URGENT_NEED',
          justificationText: 'Euro',
          catalogueItemId: null,
        },
      ],
    };
    const invoice = (invoiceId: number, currency: string, lines: InvoiceSpendFact['lines']): InvoiceSpendFact => ({
      invoiceId,
      kind: 'INVOICE',
      invoiceNumber: `F-${invoiceId}`,
      buyerOrganisationId: t.world.orgs.skole,
      supplierId: t.world.orgs.kontorland,
      agreementId: null,
      orderId: null,
      currency,
      issueDate: '2026-01-20',
      receivedAt: '2026-01-15T08:00:00Z',
      approvedAt: '2026-01-21T08:00:00Z',
      orderSubmittedAt: null,
      lines,
    });
    await inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
      await facts.orderApproved(tx, order);
      await facts.invoiceApproved(
        tx,
        invoice(990101, 'NOK', [
          { invoiceLineId: 990111, orderLineId: null, unspscCode: '44121706', quantity: '1', unitCode: 'PK', amount: '80.00', loyalty: 'ON_AGREEMENT', agreementId: agreement2025001 },
        ]),
      );
      await facts.invoiceApproved(
        tx,
        invoice(990102, 'EUR', [
          { invoiceLineId: 990121, orderLineId: null, unspscCode: '44121706', quantity: '10', unitCode: 'PK', amount: '100.00', loyalty: 'ON_AGREEMENT', agreementId: eurAgreement },
          { invoiceLineId: 990122, orderLineId: null, unspscCode: '44121706', quantity: '4', unitCode: 'PK', amount: '40.00', loyalty: 'OFF_CATALOGUE', agreementId: null },
        ]),
      );
    });
    await factsWritten(t);
  }

  it('answers in kroner from the rollups, then one row per currency once euros are spent, in GraphQL and CSV', async () => {
    // Only kroner so far: no grouping and whole periods, so the rollups answer; their rows say NOK.
    expect(await q('insightLoyalty(filter: $f) { currency onAgreement total }', { groupBy: [] })).toEqual([{ currency: 'NOK', onAgreement: '450.70', total: '450.70' }]);
    expect(await q('insightSpend(filter: $f) { currency amount documents }', { groupBy: [] })).toEqual([{ currency: 'NOK', amount: '450.70', documents: 1 }]);

    await spendEuros();

    // Never 590.70: each currency its own row (EUR before NOK, by code), its ratios its own.
    expect(await q('insightLoyalty(filter: $f) { period currency onAgreement offAgreement total agreementLoyalty lines }')).toEqual([
      { period: month, currency: 'EUR', onAgreement: '100.00', offAgreement: '40.00', total: '140.00', agreementLoyalty: 0.7143, lines: 2 },
      { period: month, currency: 'NOK', onAgreement: '450.70', offAgreement: '0.00', total: '450.70', agreementLoyalty: 1, lines: 1 },
    ]);
    expect(await q('insightLoyalty(filter: $f) { currency total }', { groupBy: [] })).toEqual([
      { currency: 'EUR', total: '140.00' },
      { currency: 'NOK', total: '450.70' },
    ]);
    expect(await q('insightLeakage(filter: $f) { supplierName currency lines amount }', { groupBy: ['SUPPLIER'] })).toEqual([
      { supplierName: 'Kontorland AS', currency: 'EUR', lines: 1, amount: '40.00' },
    ]);
    expect(await q('insightSpend(filter: $f) { supplierName currency amount documents }', { groupBy: ['SUPPLIER'] })).toEqual([
      { supplierName: 'Kontorland AS', currency: 'EUR', amount: '140.00', documents: 1 },
      { supplierName: 'Kontorland AS', currency: 'NOK', amount: '450.70', documents: 1 },
    ]);
    expect(await q('insightOrders(filter: $f) { period currency orders amount }')).toEqual([
      { period: month, currency: 'EUR', orders: 1, amount: '140.00' },
      { period: month, currency: 'NOK', orders: 1, amount: '450.70' },
    ]);
    expect(await q('insightInvoices(filter: $f) { period currency invoices amount withoutOrder }')).toEqual([
      { period: '2026-01-01', currency: 'EUR', invoices: 1, amount: '140.00', withoutOrder: '140.00' },
      { period: '2026-01-01', currency: 'NOK', invoices: 1, amount: '80.00', withoutOrder: '80.00' },
    ]);
    expect(await q('insightLoyalty(filter: $f) { currency offCatalogue total }', { groupBy: [], basis: 'INVOICED' })).toEqual([
      { currency: 'EUR', offCatalogue: '40.00', total: '140.00' },
      { currency: 'NOK', offCatalogue: '0.00', total: '80.00' },
    ]);
    expect(await q('insightOffAgreementLines(filter: $f) { documentNumber currency amount }')).toEqual([{ documentNumber: 'EUR-1', currency: 'EUR', amount: '40.00' }]);

    // The CSV says the currency of every row, beside the dimensions' keys.
    expect(await csv('/insights/spend.csv?groupBy=SUPPLIER')).toEqual([
      'supplierId,supplierName,currency,amount,lines,documents',
      `${t.world.orgs.kontorland},Kontorland AS,EUR,140.00,2,1`,
      `${t.world.orgs.kontorland},Kontorland AS,NOK,450.70,1,1`,
    ]);
    const loyalty = await csv('/insights/loyalty.csv?groupBy=');
    expect(loyalty[0].split(',').slice(0, 3)).toEqual(['currency', 'onAgreement', 'offAgreement']);
    expect(loyalty.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual([
      ['EUR', '100.00'],
      ['NOK', '450.70'],
    ]);
    const lines = await csv('/insights/off-agreement-lines.csv');
    expect(lines[0]).toContain(',unitCode,currency,amount,');
    expect(lines[1]).toContain(',PK,EUR,40.00,');
  });
});
