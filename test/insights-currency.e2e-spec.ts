import { DataSource } from 'typeorm';
import { InsightReportsRepository } from '../src/insights/insight-reports.repository';
import { InsightQuery } from '../src/insights/insight-query';
import { InsightDimension, PeriodGrouping, SpendBasis, UnspscLevelName } from '../src/insights/insights.types';
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
 * fact lines answer, one row per currency. The check is per period: a month with kroner only
 * reads the rollups again, the subtree class rollup (migration 198) included, with the same figures.
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
  /** A kroner order of Nordby skole in June 2026, two classes of segment 44 and one of segment 14, and its invoice. */
  async function spendKronerInJune() {
    const facts = t.app.get(SpendFacts);
    const ds = t.app.get(DataSource);
    const line = (orderLineId: number, unspscCode: string, amount: string, loyalty: 'ON_AGREEMENT' | 'OFF_AGREEMENT' | 'NOT_COVERED') => ({
      orderLineId,
      unspscCode,
      quantity: '1',
      unitCode: 'EA',
      unitPrice: amount,
      amount,
      loyalty,
      agreementId: loyalty === 'ON_AGREEMENT' ? agreement2025001 : null,
      coveringAgreementIds: loyalty === 'NOT_COVERED' ? [] : [agreement2025001],
      justificationCode: loyalty === 'OFF_AGREEMENT' ? 'URGENT_NEED' : null,
      justificationText: loyalty === 'OFF_AGREEMENT' ? 'Juni' : null,
      catalogueItemId: null,
    });
    await inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
      await facts.orderApproved(tx, {
        orderId: 990201,
        orderNo: 'JUNI-1',
        buyerOrganisationId: t.world.orgs.skole,
        supplierId: t.world.orgs.kontorland,
        supplierName: 'Kontorland AS',
        agreementId: agreement2025001,
        currency: 'NOK',
        submittedAt: '2026-06-10T08:00:00Z',
        approvedAt: '2026-06-10T09:00:00Z',
        lines: [line(990211, '44121706', '200.00', 'ON_AGREEMENT'), line(990212, '44103103', '50.00', 'OFF_AGREEMENT'), line(990213, '14111500', '30.00', 'NOT_COVERED')],
      });
    });
    await factsWritten(t);
  }

  /** Doubles (or halves back) the amounts of every row of the order spend rollups (test data only): a report that read them answers double. */
  const scaleRollups = async (factor: 2 | 0.5) => {
    for (const table of [
      'insights_order_tree_class_month',
      'insights_order_class_month',
      'insights_order_tree_segment_month',
      'insights_order_tree_month',
      'insights_order_segment_month',
      'insights_order_month',
    ])
      await t.sql(`UPDATE ${table} SET amount = amount * $1, on_agreement = on_agreement * $1`, [factor]);
  };

  it('reads the rollups for a period with kroner only although euros were spent in another, with the figures of the fact lines', async () => {
    await spendKronerInJune();
    const june = { from: '2026-06-01', to: '2026-06-30' };
    const byClass = { ...june, groupBy: ['CATEGORY'], unspscLevel: 'CLASS', unspscCode: '44000000' };
    const classRows = [
      { category: '44103100', currency: 'NOK', onAgreement: '0.00', offAgreement: '50.00', total: '50.00', lines: 1 },
      { category: '44121700', currency: 'NOK', onAgreement: '200.00', offAgreement: '0.00', total: '200.00', lines: 1 },
    ];
    const loyaltyByClass = 'insightLoyalty(filter: $f) { category currency onAgreement offAgreement total lines }';
    expect(await q(loyaltyByClass, byClass)).toEqual(classRows);
    expect(await q('insightLoyalty(filter: $f) { currency onAgreement total lines }', { ...june, groupBy: [] })).toEqual([{ currency: 'NOK', onAgreement: '200.00', total: '280.00', lines: 3 }]);

    // The repository's own two paths agree, for the school's scope, at every level a rollup keeps.
    const reports = t.app.get(InsightReportsRepository);
    const ctx = new RequestContext(undefined, t.app.get(DataSource).manager);
    const school: InsightQuery = {
      organisationIds: [t.world.orgs.skole],
      subtreeTops: [t.world.orgs.skole],
      ...june,
      period: PeriodGrouping.MONTH,
      unspscLevel: UnspscLevelName.CLASS,
      basis: SpendBasis.ORDERED,
      groupBy: [InsightDimension.CATEGORY],
    };
    for (const variant of [
      {},
      { unspscCode: '44000000' },
      { unspscLevel: UnspscLevelName.FAMILY },
      { unspscCode: '44120000', unspscLevel: UnspscLevelName.SEGMENT },
      { from: undefined, to: undefined },
      { groupBy: [InsightDimension.ORGANISATION, InsightDimension.CATEGORY] },
      { groupBy: [InsightDimension.ORGANISATION, InsightDimension.CATEGORY], unspscLevel: UnspscLevelName.FAMILY, unspscCode: '44000000' },
    ]) {
      const v = { ...school, ...variant };
      expect([variant, await reports.loyalty(ctx, v)]).toEqual([variant, await reports.loyalty(ctx, { ...v, factLinesOnly: true })]);
      expect([variant, await reports.leakage(ctx, v)]).toEqual([variant, await reports.leakage(ctx, { ...v, factLinesOnly: true })]);
    }

    // Which source answered: with the rollups' amounts doubled (test data only), a report over June
    // answers double, so it read them; one over this month or all time (euros spent in both)
    // answers as before, from the fact lines, one row per currency.
    const lastDay = new Date(Date.parse(`${month}T12:00:00Z`) + 32 * 86_400_000).toISOString().slice(0, 8) + '01';
    const thisMonth = { from: month, to: new Date(Date.parse(`${lastDay}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10) };
    const byClassAllTime = { groupBy: ['CATEGORY'], unspscLevel: 'CLASS', unspscCode: '44000000' };
    const thisMonthByClass = { ...thisMonth, ...byClassAllTime };
    const thisMonthByClassRows = await q(loyaltyByClass, thisMonthByClass);
    expect(thisMonthByClassRows.map((r: { currency: string }) => r.currency)).toEqual(['EUR']); // KL-100's kroner are outside segment 44
    const allTime = await q(loyaltyByClass, byClassAllTime);
    expect(new Set(allTime.map((r: { currency: string }) => r.currency))).toEqual(new Set(['EUR', 'NOK']));
    // By organisation and class (migration 192's per-organisation class rollup): the school's rows, the same figures.
    const byOrganisationAndClass = { ...byClass, groupBy: ['ORGANISATION', 'CATEGORY'] };
    expect(await q(loyaltyByClass, byOrganisationAndClass)).toEqual(classRows);
    await scaleRollups(2);
    try {
      expect(await q(loyaltyByClass, byClass)).toEqual(classRows.map((r) => ({ ...r, onAgreement: (2 * Number(r.onAgreement)).toFixed(2), total: (2 * Number(r.total)).toFixed(2) })));
      expect(await q(loyaltyByClass, byOrganisationAndClass)).toEqual(classRows.map((r) => ({ ...r, onAgreement: (2 * Number(r.onAgreement)).toFixed(2), total: (2 * Number(r.total)).toFixed(2) })));
      expect(await q(loyaltyByClass, thisMonthByClass)).toEqual(thisMonthByClassRows);
      expect(await q(loyaltyByClass, byClassAllTime)).toEqual(allTime);
    } finally {
      await scaleRollups(0.5);
    }
    expect(await q(loyaltyByClass, byClass)).toEqual(classRows);
  });
});
