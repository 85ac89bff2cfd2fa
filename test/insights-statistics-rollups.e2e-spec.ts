import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { InsightsSupplierAllTimeRollups1763800000176 } from '../migrations/1763800000176-InsightsSupplierAllTimeRollups';
import { InsightsStatisticsRollups1763800000170 } from '../migrations/1763800000170-InsightsStatisticsRollups';
import { InsightsClassRollups1763800000198 } from '../migrations/1763800000198-InsightsClassRollups';
import { FACTS, MEASURES } from '../migrations/1763800000091-InsightsRollups';
import { InsightsOrganisationClassRollups1763800000192, organisationClassRollup, organisationClassTrigger } from '../migrations/1763800000192-InsightsOrganisationClassRollups';
import { InsightsTriggersWriteOnlyChanges1763800000199 } from '../migrations/1763800000199-InsightsTriggersWriteOnlyChanges';
import { InsightReportsRepository } from '../src/insights/insight-reports.repository';
import { InsightQuery } from '../src/insights/insight-query';
import { InsightDimension, PeriodGrouping, SpendBasis, UnspscLevelName } from '../src/insights/insights.types';
import { SpendFactWriter } from '../src/insights/spend-fact-writer';
import { InvoiceSpendFact, OrderSpendFact, SpendEvent } from '../src/insights/spend-facts.types';
import { documentRollupFor } from '../src/insights/statistics-rollups';
import { rollupFor } from '../src/insights/insight-query';
import { RequestContext } from '../src/platform/context/request-context';
import { expectRollupsAnswerAsFacts } from './support/insights';
import { inMigrationTransaction } from './support/migrations';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The statistics reports over the rollups of migrations 170 and 176, and loyalty and leakage over
 * those of 91, 105, 198 and 192 (by segment, family, class or commodity, with a code filter at any
 * level, per subtree or per organisation), give exactly the rows the fact lines give: a generated mix of orders (free-text suppliers, re-approvals that drop lines or move an
 * order to another month, cancellations), invoices and credit notes (with and without an order),
 * and matches with exception reasons, over Storby kommune's tree (kommune, Nordby skole, Storby
 * sykehjem) and Vestby kommune, written by the real fact writer into a real PostgreSQL; then every
 * report, for generated filters and scopes, once from the rollups and once from the fact lines.
 */
describe('Insight statistics over rollups (issue 16 §4)', () => {
  let t: TestApp;
  let writer: SpendFactWriter;
  let reports: InsightReportsRepository;
  let ctx: RequestContext;
  let orgs: Record<'kommune' | 'skole' | 'sykehjem' | 'vestby' | 'kontorland' | 'medisinsk', number>;
  let agreementId: number;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  /** Queries the class rollup answered (sameAnswers counts them). */
  let classRolled = 0;
  /** Queries the per-organisation class rollup (migration 192) answered (sameAnswers counts them). */
  let organisationClassRolled = 0;
  /** Each event gets a later recordedAt than the one before, as the outbox gives them (a test may write an older one on purpose). */
  type Unstamped = SpendEvent extends infer E ? (E extends SpendEvent ? Omit<E, 'recordedAt'> & { recordedAt?: string } : never) : never;
  const write = (e: Unstamped) => writer.write({ recordedAt: new Date((clock += 1000)).toISOString(), ...e });

  beforeAll(async () => {
    t = await startTestApp();
    writer = t.app.get(SpendFactWriter);
    reports = t.app.get(InsightReportsRepository);
    ctx = new RequestContext(undefined, t.app.get(DataSource).manager);
    orgs = t.world.orgs;
    [{ id: agreementId }] = await t.sql(`SELECT id FROM agreement WHERE reference = '2025-001'`);
  }, 120_000);
  afterAll(() => t?.close());

  // The generated mix: seeded, so a failure names its data.
  const BUYERS = ['kommune', 'skole', 'sykehjem', 'vestby'] as const;
  /** A code's six digits after its segment: two families, three classes, four commodities (the class rollup of migration 198 keeps six digits). */
  const REST = fc.constantFrom('121700', '121706', '121500', '101500');
  const day = fc.integer({ min: 0, max: 700 }).map((d) => new Date(Date.parse('2025-01-01T10:00:00Z') + d * 86_400_000 + (d % 7) * 3_600_000));
  const money = fc.integer({ min: 1, max: 500_000 }).map((c) => (c / 100).toFixed(2));
  const orderArb = fc.record({
    buyer: fc.constantFrom(...BUYERS),
    supplier: fc.constantFrom('kontorland', 'medisinsk', 'Nærbutikken', 'Snekker Hansen'),
    approved: day,
    approvalHours: fc.integer({ min: 0, max: 200 }),
    lines: fc.array(
      fc.record({ amount: money, loyalty: fc.constantFrom('ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED'), segment: fc.constantFrom('44', '14', '42'), rest: REST, onAgreement: fc.boolean() }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  });
  const invoiceArb = fc.record({
    buyer: fc.constantFrom(...BUYERS),
    supplier: fc.constantFrom('kontorland', 'medisinsk'),
    issued: day,
    credit: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    orderDaysBefore: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
    reasons: fc.subarray(['PRICE_VARIANCE', 'QUANTITY_VARIANCE', 'NOT_RECEIVED', 'NO_ORDER_LINE']),
    status: fc.constantFrom('MATCHED', 'EXCEPTION', 'WAITING'),
    approved: fc.boolean(),
    lines: fc.array(
      fc.record({
        amount: money,
        loyalty: fc.constantFrom('ON_AGREEMENT', 'OFF_AGREEMENT', 'NOT_COVERED', 'OFF_CATALOGUE'),
        segment: fc.option(fc.constantFrom('44', '14'), { nil: null }),
        rest: REST,
      }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  });

  type GeneratedOrder = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;
  type GeneratedInvoice = typeof invoiceArb extends fc.Arbitrary<infer T> ? T : never;
  const orderFact = (id: number, o: GeneratedOrder, keep = o.lines.length): OrderSpendFact => {
    const known = o.supplier === 'kontorland' || o.supplier === 'medisinsk';
    return {
      orderId: id,
      orderNo: `PO-${id}`,
      buyerOrganisationId: orgs[o.buyer],
      supplierId: known ? orgs[o.supplier as 'kontorland'] : null,
      supplierName: o.supplier,
      agreementId: null,
      currency: 'NOK',
      submittedAt: new Date(o.approved.getTime() - o.approvalHours * 3_600_000 - 17_000).toISOString(),
      approvedAt: o.approved.toISOString(),
      lines: o.lines.slice(0, keep).map((l, i) => ({
        orderLineId: id * 10 + i,
        unspscCode: `${l.segment}${l.rest}`,
        quantity: '1',
        unitCode: 'EA',
        unitPrice: l.amount,
        amount: l.amount,
        loyalty: l.loyalty,
        agreementId: l.loyalty === 'ON_AGREEMENT' && l.onAgreement ? agreementId : null,
        coveringAgreementIds: l.loyalty === 'OFF_AGREEMENT' ? [agreementId] : [],
        justificationCode: l.loyalty === 'OFF_AGREEMENT' ? 'URGENT_NEED' : null,
        justificationText: l.loyalty === 'OFF_AGREEMENT' ? 'needed today' : null,
        catalogueItemId: null,
      })),
    };
  };
  const invoiceFact = (id: number, v: GeneratedInvoice): InvoiceSpendFact => ({
    invoiceId: id,
    kind: v.credit ? 'CREDIT_NOTE' : 'INVOICE',
    invoiceNumber: `F-${id}`,
    buyerOrganisationId: orgs[v.buyer],
    supplierId: orgs[v.supplier],
    agreementId: null,
    orderId: v.orderDaysBefore === null ? null : 100 + (id % 50),
    currency: 'NOK',
    issueDate: v.issued.toISOString().slice(0, 10),
    receivedAt: new Date(v.issued.getTime() + 86_400_000 + 3_333_000).toISOString(),
    approvedAt: new Date(v.issued.getTime() + 3 * 86_400_000).toISOString(),
    orderSubmittedAt: v.orderDaysBefore === null ? null : new Date(v.issued.getTime() - v.orderDaysBefore * 86_400_000 - 4_321_000).toISOString(),
    lines: v.lines.map((l, i) => ({
      invoiceLineId: id * 10 + i,
      orderLineId: v.orderDaysBefore === null ? null : id * 10 + i,
      unspscCode: l.segment && `${l.segment}${l.rest}`,
      quantity: v.credit ? '-1' : '1',
      unitCode: 'EA',
      amount: v.credit ? `-${l.amount}` : l.amount,
      loyalty: v.orderDaysBefore === null ? 'OFF_CATALOGUE' : l.loyalty === 'OFF_CATALOGUE' ? 'OFF_AGREEMENT' : l.loyalty,
      agreementId: null,
    })),
  });

  /** The scopes a caller can have: whole subtrees, with their tops. */
  const scopes = () => [
    { ids: [orgs.kommune, orgs.skole, orgs.sykehjem], tops: [orgs.kommune] },
    { ids: [orgs.skole], tops: [orgs.skole] },
    { ids: [orgs.vestby], tops: [orgs.vestby] },
    { ids: [orgs.kommune, orgs.skole, orgs.sykehjem, orgs.vestby], tops: [orgs.kommune, orgs.vestby] },
    { ids: [orgs.skole, orgs.sykehjem, orgs.vestby], tops: [orgs.skole, orgs.sykehjem, orgs.vestby] },
  ];
  const monthStart = fc.integer({ min: 0, max: 26 }).map((m) => `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`);
  const monthEnd = monthStart
    .map((s) => new Date(Date.parse(`${s}T12:00:00Z`) + 32 * 86_400_000).toISOString().slice(0, 8) + '01')
    .map((next) => new Date(Date.parse(`${next}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  const anyDay = fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.parse('2025-01-01T12:00:00Z') + d * 86_400_000).toISOString().slice(0, 10));
  const queryArb = () =>
    fc
      .record({
        scope: fc.constantFrom(...scopes()),
        from: fc.option(fc.oneof(monthStart, fc.constant('2025-01-01'), fc.constant('2026-01-01'), anyDay), { nil: undefined }),
        to: fc.option(fc.oneof(monthEnd, fc.constant('2025-12-31'), fc.constant('2026-12-31'), anyDay), { nil: undefined }),
        period: fc.constantFrom(PeriodGrouping.MONTH, PeriodGrouping.QUARTER, PeriodGrouping.YEAR),
        groupBy: fc.oneof(
          fc.subarray([InsightDimension.PERIOD, InsightDimension.SUPPLIER]),
          fc.subarray([InsightDimension.PERIOD, InsightDimension.SUPPLIER, InsightDimension.ORGANISATION, InsightDimension.CATEGORY]),
        ),
        supplier: fc.option(fc.constantFrom('kontorland', 'medisinsk'), { nil: undefined, freq: 4 }),
        basis: fc.constantFrom(SpendBasis.ORDERED, SpendBasis.INVOICED),
        offset: fc.constantFrom(0, 0, 3),
        limit: fc.constantFrom(1, 5, 100),
        level: fc.constantFrom(UnspscLevelName.SEGMENT, UnspscLevelName.FAMILY, UnspscLevelName.CLASS, UnspscLevelName.COMMODITY),
        // A code filter for loyalty and leakage (segment, family, class, commodity): the statistics reports keep none.
        code: fc.constantFrom(undefined, '44000000', '44120000', '44121700', '44121706', '14100000'),
      })
      .filter((r) => !r.from || !r.to || r.from <= r.to)
      .map((r): InsightQuery & { offset: number; limit: number; code?: string } => ({
        organisationIds: r.scope.ids,
        subtreeTops: r.scope.tops,
        from: r.from,
        to: r.to,
        period: r.period,
        unspscLevel: r.level,
        supplierId: r.supplier && orgs[r.supplier as 'kontorland'],
        basis: r.basis,
        groupBy: r.groupBy,
        offset: r.offset,
        limit: r.limit,
        code: r.code,
      }));

  /** Every report from the rollups and from the fact lines, side by side; counts the queries a document rollup answered, and those the class rollup did. */
  async function sameAnswers(runs: number, seed: number): Promise<number> {
    let rolled = 0;
    await fc.assert(
      fc.asyncProperty(queryArb(), async ({ offset, limit, code, ...q }) => {
        if (documentRollupFor(q)) rolled++;
        // Loyalty and leakage (migrations 91, 105 and 198's rollups), the code filter applied too.
        const coded = await expectRollupsAnswerAsFacts(reports, ctx, q, { offset, limit }, code);
        const rollup = rollupFor(coded);
        if (rollup?.category === 'class') classRolled++;
        if (rollup?.category === 'class' && rollup.organisation === 'buyer_organisation_id') organisationClassRolled++;
      }),
      { numRuns: runs, seed },
    );
    return rolled;
  }

  /**
   * Spend, orders and invoices per supplier over all time (migration 176's rollups), for every
   * scope, basis and supplier filter, equal to the fact lines' answers; and the all-time rollups
   * equal to the yearly ones summed over years. How many queries the all-time rollup answered.
   */
  async function sameAllTimeAnswers(): Promise<number> {
    let allTime = 0;
    for (const scope of scopes())
      for (const basis of [SpendBasis.ORDERED, SpendBasis.INVOICED])
        for (const supplierId of [undefined, orgs.kontorland])
          for (const groupBy of [[InsightDimension.SUPPLIER], []]) {
            const q: InsightQuery = { organisationIds: scope.ids, subtreeTops: scope.tops, period: PeriodGrouping.MONTH, unspscLevel: UnspscLevelName.SEGMENT, supplierId, basis, groupBy };
            const facts = { ...q, factLinesOnly: true };
            if (documentRollupFor(q)?.table.includes('_tree_supplier_all')) allTime++;
            expect(await reports.spend(ctx, q)).toEqual(await reports.spend(ctx, facts));
            expect(await reports.orders(ctx, q)).toEqual(await reports.orders(ctx, facts));
            expect(await reports.invoices(ctx, q)).toEqual(await reports.invoices(ctx, facts));
          }
    for (const [prefix, measures] of [
      ['insights_order', ['documents', 'lines', 'amount', 'approval_secs']],
      ['insights_invoice', ['documents', 'lines', 'amount', 'invoices', 'credit_notes', 'with_order_amount', 'lead_secs', 'lead_count']],
    ] as const) {
      const yearly = `SELECT organisation_id, supplier_id, free_text_supplier, ${measures.map((m) => `sum(${m}) AS ${m}`).join(', ')}
                        FROM ${prefix}_tree_supplier_year GROUP BY 1, 2, 3`;
      const kept = `SELECT organisation_id, supplier_id, free_text_supplier, ${measures.join(', ')} FROM ${prefix}_tree_supplier_all`;
      expect(await t.sql(`(${yearly} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${yearly})`)).toEqual([]);
      expect((await t.sql(`SELECT count(*)::int AS n FROM ${prefix}_tree_supplier_all WHERE documents > 0`))[0].n).toBeGreaterThan(3);
    }
    return allTime;
  }

  /** The class rollups (migration 198) equal to their fact lines grouped by subtree top, month and class: six digits, or '' for no code. */
  async function sameClassRollups() {
    for (const [basis, fact, live] of [
      ['order', 'insights_order_line', '(NOT cancelled)::int'],
      ['invoice', 'insights_invoice_line', '1'],
    ] as const) {
      const grouped = `SELECT a.organisation_id, date_trunc('month', spend_date)::date AS month, coalesce(left(unspsc_code, 6), '') AS unspsc_class, sum(${live})::int AS lines,
                              sum(${live} * amount) AS amount, sum(${live} * CASE WHEN loyalty = 'OFF_AGREEMENT' THEN amount ELSE 0 END) AS off_agreement,
                              sum(${live} * CASE WHEN supplier_loyalty = 'LOYAL' THEN amount ELSE 0 END) AS supplier_loyal
                         FROM ${fact} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id) GROUP BY 1, 2, 3 HAVING sum(${live}) <> 0`;
      const kept = `SELECT organisation_id, month, unspsc_class, lines, amount, off_agreement, supplier_loyal FROM insights_${basis}_tree_class_month WHERE lines <> 0`;
      expect(await t.sql(`(${grouped} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${grouped})`)).toEqual([]);
      const [{ n }] = await t.sql(`SELECT count(DISTINCT unspsc_class)::int AS n FROM insights_${basis}_tree_class_month WHERE lines <> 0`);
      expect(n).toBeGreaterThan(4);
    }
  }

  /**
   * The per-organisation class rollups (migration 192), every measure, equal to their fact lines
   * grouped by buyer, class and month; rows whose lines all went (moved, deleted, cancelled) keep
   * zeros, as every rollup here does.
   */
  async function sameOrganisationClassRollups() {
    for (const { fact, live, prefix } of FACTS) {
      const measures = MEASURES.map(([m]) => m);
      const grouped = `SELECT buyer_organisation_id, coalesce(left(unspsc_code, 6), '') AS unspsc_class, date_trunc('month', spend_date)::date AS month,
                              ${MEASURES.map(([m, e]) => `sum(${e.replace(/live/g, live)})${m.endsWith('lines') || m === 'leak_alternatives' ? '::int' : ''} AS ${m}`).join(', ')}
                         FROM ${fact} GROUP BY 1, 2, 3`;
      const kept = `SELECT buyer_organisation_id, unspsc_class, month, ${measures.join(', ')} FROM ${organisationClassRollup(prefix)}
                     WHERE ${measures.map((m) => `${m} <> 0`).join(' OR ')}`;
      const nonZero = `SELECT * FROM (${grouped}) g WHERE ${measures.map((m) => `${m} <> 0`).join(' OR ')}`;
      expect(await t.sql(`(${nonZero} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${nonZero})`)).toEqual([]);
      const [{ n }] = await t.sql(`SELECT count(DISTINCT (buyer_organisation_id, unspsc_class))::int AS n FROM ${organisationClassRollup(prefix)} WHERE lines <> 0`);
      expect(n).toBeGreaterThan(10);
    }
  }

  /**
   * Loyalty and leakage by organisation and family or class (and by organisation, filtered to a
   * family or class), for every scope, basis and month range: read from migration 192's rollup,
   * equal to the fact lines' answer. How many queries it answered.
   */
  async function sameOrganisationClassAnswers(): Promise<number> {
    let answered = 0;
    const groupings = [
      [InsightDimension.ORGANISATION, InsightDimension.CATEGORY],
      [InsightDimension.PERIOD, InsightDimension.ORGANISATION, InsightDimension.CATEGORY],
      [InsightDimension.ORGANISATION],
    ];
    for (const scope of scopes())
      for (const basis of [SpendBasis.ORDERED, SpendBasis.INVOICED])
        for (const unspscLevel of [UnspscLevelName.FAMILY, UnspscLevelName.CLASS])
          for (const groupBy of groupings)
            for (const [unspscCode, from, to] of [
              [undefined, undefined, undefined],
              ['44000000', '2025-03-01', '2026-02-28'],
              ['44120000', undefined, '2025-12-31'],
              ['14100000', '2025-06-01', undefined],
            ] as const) {
              const q: InsightQuery = { organisationIds: scope.ids, subtreeTops: scope.tops, period: PeriodGrouping.QUARTER, unspscLevel, basis, groupBy, unspscCode, from, to };
              const rollup = rollupFor(q);
              // By organisation alone with a segment filter (or none) stays with migration 91's rollups.
              if (rollup?.table.endsWith('_class_month f') && rollup.organisation === 'buyer_organisation_id') answered++;
              const facts = { ...q, factLinesOnly: true };
              expect([q, await reports.loyalty(ctx, q)]).toEqual([q, await reports.loyalty(ctx, facts)]);
              expect([q, await reports.leakage(ctx, q)]).toEqual([q, await reports.leakage(ctx, facts)]);
            }
    return answered;
  }

  it('gives the fact lines’ answers for a generated mix, through re-approvals, cancellations, credit notes and re-matches', async () => {
    const orders = fc.sample(orderArb, { numRuns: 120, seed: 16 });
    const invoices = fc.sample(invoiceArb, { numRuns: 140, seed: 17 });
    // Written as the outbox hands them over: batches of up to 8 events (one statement per fact
    // table for a batch's invoices), an invoice's second event in a later batch than its first,
    // or, for every third invoice, in the same batch (written in order: the batch is split there).
    const stamp = (e: Unstamped) => ({ recordedAt: new Date((clock += 1000)).toISOString(), ...e });
    const events: SpendEvent[] = orders.map((o, i) => stamp({ event: 'orderApproved', fact: orderFact(1000 + i, o) }));
    const later: SpendEvent[] = [];
    for (const [i, v] of invoices.entries()) {
      const match = {
        invoiceId: 5000 + i,
        buyerOrganisationId: orgs[v.buyer],
        supplierId: orgs[v.supplier],
        receivedAt: invoiceFact(5000 + i, v).receivedAt,
        status: v.status,
        reasonCodes: v.reasons,
      };
      if (v.approved && i % 2 === 0) events.push(stamp({ event: 'invoiceMatchedAndApproved', match, fact: invoiceFact(5000 + i, v) }));
      else {
        events.push(stamp({ event: 'invoiceMatched', fact: match }));
        if (v.approved) (i % 3 === 0 ? events : later).push(stamp({ event: 'invoiceApproved', fact: invoiceFact(5000 + i, v) }));
      }
    }
    const all = [...events, ...later];
    for (let i = 0; i < all.length; i += 8) await writer.writeMany(all.slice(i, i + 8));
    const [{ n: facts }] = await t.sql(`SELECT (SELECT count(*) FROM insights_order_line) + (SELECT count(*) FROM insights_invoice_line) AS n`);
    expect(Number(facts)).toBeGreaterThan(300);
    expect(await sameAnswers(60, 1)).toBeGreaterThan(15);
    expect(classRolled).toBeGreaterThan(5);
    expect(organisationClassRolled).toBeGreaterThan(0);
    await sameClassRollups();
    await sameOrganisationClassRollups();
    // 5 scopes × 2 bases × 2 levels × (2 groupings with the category × 4 filters + by organisation alone with a family or class filter: 2).
    expect(await sameOrganisationClassAnswers()).toBe(5 * 2 * 2 * (2 * 4 + 2));
    expect(await sameAllTimeAnswers()).toBe(30); // every query grouped by or filtered to a supplier (30 of 40)

    // Changes: re-approvals dropping a line or moving the order to another month, cancellations, re-matches with new reasons.
    for (const [i, o] of orders.entries()) {
      if (i % 5 === 0) await write({ event: 'orderApproved', fact: orderFact(1000 + i, o, Math.max(1, o.lines.length - 1)) });
      if (i % 7 === 1) await write({ event: 'orderApproved', fact: orderFact(1000 + i, { ...o, approved: new Date(o.approved.getTime() + 40 * 86_400_000) }) });
      if (i % 9 === 2) await write({ event: 'orderCancelled', orderId: 1000 + i });
    }
    for (const [i, v] of invoices.entries()) {
      if (i % 4 === 3) {
        const match = { invoiceId: 5000 + i, buyerOrganisationId: orgs[v.buyer], supplierId: orgs[v.supplier], receivedAt: invoiceFact(5000 + i, v).receivedAt };
        await write({ event: 'invoiceMatched', fact: { ...match, status: 'EXCEPTION', reasonCodes: ['PRICE_VARIANCE', 'NOT_RECEIVED'] } });
        await write({ event: 'invoiceMatched', fact: { ...match, status: 'MATCHED', reasonCodes: [] } });
      }
    }
    expect((await t.sql(`SELECT count(*)::int AS n FROM insights_order_line WHERE cancelled`))[0].n).toBeGreaterThan(0);
    expect(await sameAnswers(60, 2)).toBeGreaterThan(15);
    await sameClassRollups();
    await sameOrganisationClassRollups();
    expect(await sameOrganisationClassAnswers()).toBe(5 * 2 * 2 * (2 * 4 + 2));
    expect(await sameAllTimeAnswers()).toBe(30);
  }, 600_000);

  it('answers from the fact lines while an order’s lines disagree on the month (a late event), and from the rollups again once it is replaced', async () => {
    const o = fc.sample(orderArb, { numRuns: 1, seed: 99 })[0];
    await write({ event: 'orderApproved', fact: orderFact(3000, o) });
    const months = () => t.sql(`SELECT count(DISTINCT date_trunc('month', spend_date))::int AS n FROM insights_order_line WHERE order_id = 3000`);
    // An older approval arriving late, with a line the newer one did not have in another month, changes nothing.
    const late = orderFact(3000, { ...o, approved: new Date(o.approved.getTime() - 60 * 86_400_000), lines: [...o.lines, o.lines[0]] });
    await write({ event: 'orderApproved', fact: late, recordedAt: '2020-01-01T00:00:00Z' });
    expect(await months()).toEqual([{ n: 1 }]);
    expect(await t.sql(`SELECT mixed FROM insights_order_document WHERE order_id = 3000`)).toEqual([{ mixed: false }]);
    // Lines that disagree on the month can still be among the facts (written before late events were
    // refused): the order again with one line more, and that line moved two months back.
    await write({ event: 'orderApproved', fact: orderFact(3000, { ...o, lines: [...o.lines, o.lines[0]] }) });
    await t.sql(`UPDATE insights_order_line SET spend_date = spend_date - 60 WHERE order_line_id = (SELECT max(order_line_id) FROM insights_order_line WHERE order_id = 3000)`);
    expect(await months()).toEqual([{ n: 2 }]);
    expect(await t.sql(`SELECT mixed FROM insights_order_document WHERE order_id = 3000`)).toEqual([{ mixed: true }]);
    await sameAnswers(25, 3);
    await write({ event: 'orderApproved', fact: orderFact(3000, o) });
    expect(await t.sql(`SELECT mixed FROM insights_order_document WHERE order_id = 3000`)).toEqual([{ mixed: false }]);
    expect(await sameAnswers(25, 4)).toBeGreaterThan(5);
  }, 600_000);

  /** The exception rollup and the leak index equal to their facts. */
  async function sameExceptionsAndLeaks() {
    const byPath = `CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id)`;
    const exceptions = `SELECT a.organisation_id, date_trunc('month', received_date)::date AS month, r.reason, count(*)::int AS invoices,
                               count(*) FILTER (WHERE r.reason = '' AND ever_exception)::int AS exceptions
                          FROM insights_invoice ${byPath} CROSS JOIN LATERAL unnest(ARRAY[''] || reason_codes) AS r(reason) GROUP BY 1, 2, 3`;
    const kept = `SELECT organisation_id, month, reason, invoices, exceptions FROM insights_invoice_exception_tree_month WHERE invoices <> 0`;
    expect(await t.sql(`(${exceptions} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${exceptions})`)).toEqual([]);
    const leaks = `SELECT a.organisation_id, spend_date, order_line_id FROM insights_order_line ${byPath} WHERE loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE') AND NOT cancelled`;
    const index = `SELECT organisation_id, spend_date, line_id FROM insights_order_leak_tree`;
    expect(await t.sql(`(${leaks} EXCEPT ${index}) UNION ALL (${index} EXCEPT ${leaks})`)).toEqual([]);
    expect((await t.sql(`SELECT count(*)::int AS n FROM insights_order_leak_tree`))[0].n).toBeGreaterThan(20);
  }

  it('keeps the exception rollup and the leak index equal to their facts', sameExceptionsAndLeaks);

  it('writes only what changed (migration 199): an invoice approved twice keeps one fact per line and leaves its document and the document rollups as they were; a change updates them; a credit note takes its amount back', async () => {
    const v: GeneratedInvoice = {
      buyer: 'skole',
      supplier: 'kontorland',
      issued: new Date('2026-03-10T10:00:00Z'),
      credit: false,
      orderDaysBefore: 5,
      reasons: [],
      status: 'MATCHED',
      approved: true,
      lines: [
        { amount: '100.00', loyalty: 'ON_AGREEMENT', segment: '44', rest: '121706' },
        { amount: '250.50', loyalty: 'OFF_AGREEMENT', segment: '44', rest: '121500' },
        { amount: '30.00', loyalty: 'NOT_COVERED', segment: null, rest: '101500' },
      ],
    };
    const match = (id: number) => ({
      invoiceId: id,
      buyerOrganisationId: orgs.skole,
      supplierId: orgs.kontorland,
      receivedAt: invoiceFact(id, v).receivedAt,
      status: 'MATCHED' as const,
      reasonCodes: [],
    });
    const doc = async (id: number) => t.sql(`SELECT xmin::text AS version, kind, lines, amount::text FROM insights_invoice_document WHERE invoice_id = $1`, [id]);
    const lines = async (id: number) => t.sql(`SELECT invoice_line_id, amount::text, recorded_at FROM insights_invoice_line WHERE invoice_id = $1 ORDER BY 1`, [id]);
    // The document rollups' rows of the invoice's buyer path (skole, kommune), with their row versions.
    const rollupRows = async () =>
      t.sql(
        `SELECT 'month' AS grain, organisation_id, xmin::text AS version, documents, amount::text FROM insights_invoice_tree_document_month WHERE organisation_id = ANY($1::int[]) AND month = '2026-03-01'
         UNION ALL SELECT 'all', organisation_id, xmin::text, documents, amount::text FROM insights_invoice_tree_supplier_all WHERE organisation_id = ANY($1::int[]) AND supplier_id = $2
         ORDER BY 1, 2`,
        [[orgs.skole, orgs.kommune], orgs.kontorland],
      );
    await write({ event: 'invoiceMatchedAndApproved', match: match(7000), fact: invoiceFact(7000, v) });
    const [first] = await doc(7000);
    expect(first).toMatchObject({ kind: 'INVOICE', lines: 3, amount: '380.50' });
    const [linesFirst, rollupsFirst] = [await lines(7000), await rollupRows()];
    expect(rollupsFirst).toHaveLength(4);

    // Approved again with the same lines: the facts take the newer event, once each; nothing they sum to changes, so nothing is rewritten.
    await write({ event: 'invoiceApproved', fact: invoiceFact(7000, v) });
    const linesAgain = await lines(7000);
    expect(linesAgain.map((l) => l.invoice_line_id)).toEqual(linesFirst.map((l) => l.invoice_line_id));
    expect(linesAgain.every((l, i) => l.recorded_at > linesFirst[i].recorded_at)).toBe(true);
    expect(await doc(7000)).toEqual([first]);
    expect(await rollupRows()).toEqual(rollupsFirst);

    // Approved again without its last line and with a new amount: the document and its rollup rows are updated in place.
    await write({ event: 'invoiceApproved', fact: invoiceFact(7000, { ...v, lines: [v.lines[0], { ...v.lines[1], amount: '200.00' }] }) });
    expect((await lines(7000)).map((l) => l.amount)).toEqual(['100.00', '200.00']);
    const [changed] = await doc(7000);
    expect(changed).toMatchObject({ kind: 'INVOICE', lines: 2, amount: '300.00' });
    expect(changed.version).not.toBe(first.version);
    const delta = (after: Record<string, unknown>[]) => after.map((r, i) => [r.documents, Number(r.amount) - Number(rollupsFirst[i].amount)]);
    expect(delta(await rollupRows())).toEqual(rollupsFirst.map((r) => [r.documents, -80.5]));

    // A credit note of the first line: its own document, negative; the rollups take its amount back.
    await write({ event: 'invoiceMatchedAndApproved', match: match(7001), fact: invoiceFact(7001, { ...v, credit: true, lines: [v.lines[0]] }) });
    expect(await doc(7001)).toEqual([expect.objectContaining({ kind: 'CREDIT_NOTE', lines: 1, amount: '-100.00' })]);
    expect(delta(await rollupRows())).toEqual(rollupsFirst.map((r) => [(r.documents as number) + 1, -180.5]));
    expect(await sameAnswers(20, 189)).toBeGreaterThan(3);
    expect(await sameAllTimeAnswers()).toBe(30);
    await sameClassRollups();
    await sameExceptionsAndLeaks();
  }, 300_000);

  it('goes down and up again (migration 199): the triggers lose their guard and write documents by delete and insert, and get both back', async () => {
    const guarded = async () => (await t.sql(`SELECT count(*)::int AS n FROM pg_proc WHERE prosrc LIKE '%199: skip an empty statement%'`))[0].n as number;
    const upsertingSums = async () =>
      (await t.sql(`SELECT count(*)::int AS n FROM pg_proc WHERE proname LIKE 'insights\\_%\\_document\\_sum\\_on\\_%' AND prosrc LIKE '%ON CONFLICT%'`))[0].n as number;
    // Every statement-level rollup trigger on the insights tables: those of migrations 91, 105, 170, 176, 192 and 198 (at least those of the first four).
    expect(await guarded()).toBeGreaterThanOrEqual(2 * 3 * (2 + 1 + 1 + 3 + 1) + 3 + 3);
    expect(await upsertingSums()).toBe(6);
    await inMigrationTransaction(t, async (runner) => {
      await new InsightsTriggersWriteOnlyChanges1763800000199().down(runner);
      expect(await runner.query(`SELECT count(*)::int AS n FROM pg_proc WHERE prosrc LIKE '%199: skip an empty statement%'`)).toEqual([{ n: 0 }]);
    });
    expect(await upsertingSums()).toBe(0);
    // Without them the rollups are kept as before.
    const [v] = fc.sample(invoiceArb, { numRuns: 1, seed: 1891 });
    await write({ event: 'invoiceApproved', fact: invoiceFact(7100, { ...v, approved: true }) });
    await write({ event: 'invoiceApproved', fact: invoiceFact(7100, { ...v, lines: v.lines.slice(0, 1) }) });
    expect(await sameAllTimeAnswers()).toBe(30);
    await inMigrationTransaction(t, (runner) => new InsightsTriggersWriteOnlyChanges1763800000199().up(runner));
    // Back, now on migration 198's class rollups too.
    expect(await guarded()).toBeGreaterThanOrEqual(2 * 3 * (2 + 1 + 1 + 3 + 1 + 1) + 3 + 3);
    expect(await upsertingSums()).toBe(6);
    await write({ event: 'invoiceApproved', fact: invoiceFact(7100, v) });
    await write({ event: 'invoiceApproved', fact: invoiceFact(7101, { ...v, credit: true }) });
    expect(await sameAllTimeAnswers()).toBe(30);
    expect(await sameAnswers(15, 1892)).toBeGreaterThan(3);
    await sameClassRollups();
  }, 300_000);

  it('goes down and up again with facts stored (migration 170, and 176 over it): the rollups go and come back rebuilt from the facts, written meanwhile too', async () => {
    // The insights tables' columns and the triggers on them, to compare before, after down and after up.
    const columns = async () =>
      (await t.sql(`SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'insights%' ORDER BY 1`)).map((r) => r.c as string);
    const triggers = async () =>
      (await t.sql(`SELECT c.relname || ':' || g.tgname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE NOT g.tgisinternal AND c.relname LIKE 'insights%' ORDER BY 1`)).map(
        (r) => r.t as string,
      );
    const [columnsBefore, triggersBefore] = [await columns(), await triggers()];
    const everything: InsightQuery = {
      organisationIds: scopes()[3].ids,
      subtreeTops: scopes()[3].tops,
      period: PeriodGrouping.MONTH,
      unspscLevel: UnspscLevelName.SEGMENT,
      basis: SpendBasis.ORDERED,
      groupBy: [InsightDimension.SUPPLIER],
    };
    const spendBefore = await reports.spend(ctx, { ...everything, factLinesOnly: true });
    await inMigrationTransaction(t, async (runner) => {
      await new InsightsSupplierAllTimeRollups1763800000176().down(runner);
      await new InsightsStatisticsRollups1763800000170().down(runner);
    });
    const rollups = ['order', 'invoice'].flatMap((d) => [
      `insights_${d}_document`,
      ...['document_month', 'supplier_month', 'supplier_year', 'supplier_all', 'leak'].map((g) => (g === 'leak' ? `insights_${d}_leak_tree` : `insights_${d}_tree_${g}`)),
    ]);
    rollups.push('insights_order_tree_agreement_month', 'insights_invoice_exception_tree_month');
    const left = await t.sql(`SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL`, [rollups]);
    expect(left).toEqual([]);
    const columnsDown = await columns();
    expect(columnsBefore.filter((c) => !columnsDown.includes(c) && !rollups.includes(c.split('.')[0]))).toEqual(['insights_invoice.buyer_path']);
    expect(columnsDown.filter((c) => !columnsBefore.includes(c))).toEqual([]);
    const triggersDown = await triggers();
    // 170: per document table 3 for the document sums and 3 grains × 3; the agreement rollup 3; the leak indexes 2 × 3; exceptions 3. 176: 2 × 3.
    expect(triggersBefore.filter((x) => !triggersDown.includes(x))).toHaveLength(2 * (3 + 3 * 3) + 3 + 2 * 3 + 3 + 2 * 3);
    expect(triggersDown.filter((x) => !triggersBefore.includes(x))).toEqual([]);
    // Without the rollups the fact lines still answer, and facts are still written.
    expect(await reports.spend(ctx, { ...everything, factLinesOnly: true })).toEqual(spendBefore);
    const [o] = fc.sample(orderArb, { numRuns: 1, seed: 77 });
    const [v] = fc.sample(invoiceArb, { numRuns: 1, seed: 78 });
    await write({
      event: 'orderApproved',
      fact: orderFact(4000, { ...o, supplier: 'Snekker Hansen', lines: [...o.lines, { amount: '123.45', loyalty: 'OFF_AGREEMENT', segment: '44', rest: '121706', onAgreement: false }] }),
    });
    await write({ event: 'invoiceApproved', fact: invoiceFact(6000, { ...v, credit: false }) });
    expect(await reports.spend(ctx, { ...everything, factLinesOnly: true })).not.toEqual(spendBefore);

    await inMigrationTransaction(t, async (runner) => {
      await new InsightsStatisticsRollups1763800000170().up(runner);
      await new InsightsSupplierAllTimeRollups1763800000176().up(runner);
    });
    expect(await columns()).toEqual(columnsBefore);
    expect(await triggers()).toEqual(triggersBefore);
    // Rebuilt from the facts, those written while down included, and kept again by the triggers.
    expect(await t.sql(`SELECT lines, free_text_supplier FROM insights_order_document WHERE order_id = 4000`)).toEqual([expect.objectContaining({ free_text_supplier: 'Snekker Hansen' })]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM insights_invoice_document WHERE invoice_id = 6000`)).toEqual([{ n: 1 }]);
    expect(documentRollupFor(everything)?.table).toBe('insights_order_tree_supplier_all f');
    expect(await reports.spend(ctx, everything)).toEqual(await reports.spend(ctx, { ...everything, factLinesOnly: true }));
    expect(await sameAllTimeAnswers()).toBe(30);
    expect(await sameAnswers(25, 5)).toBeGreaterThan(5);
    await sameExceptionsAndLeaks();
    await write({ event: 'orderCancelled', orderId: 4000 });
    expect(await sameAllTimeAnswers()).toBe(30);
  }, 600_000);
  it('goes down and up again (migration 198): the class rollups go, and come back rebuilt from the facts and kept by their triggers', async () => {
    await inMigrationTransaction(t, async (runner) => {
      await new InsightsClassRollups1763800000198().down(runner);
      expect(await runner.query(`SELECT to_regclass('insights_order_tree_class_month') AS o, to_regclass('insights_invoice_tree_class_month') AS i`)).toEqual([{ o: null, i: null }]);
      await new InsightsClassRollups1763800000198().up(runner);
    });
    await sameClassRollups();
    // The triggers are back: a new line counts in its class at once.
    const linesOf421015 = async () => (await t.sql(`SELECT coalesce(sum(lines), 0)::int AS n FROM insights_order_tree_class_month WHERE unspsc_class = '421015'`))[0].n as number;
    const before = await linesOf421015();
    const [o] = fc.sample(orderArb, { numRuns: 1, seed: 198 });
    await write({ event: 'orderApproved', fact: orderFact(4198, { ...o, lines: [{ amount: '19.80', loyalty: 'OFF_AGREEMENT', segment: '42', rest: '101500', onAgreement: false }] }) });
    expect(await linesOf421015()).toBeGreaterThan(before);
    await sameClassRollups();
  }, 300_000);
  it('goes down and up again (migration 192): the per-organisation class rollups go, come back rebuilt from the facts written meanwhile too, and stay exact through direct INSERT, UPDATE, upsert and DELETE of fact rows', async () => {
    const triggerCount = async () =>
      (
        await t.sql(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY($1::text[])`, [
          FACTS.flatMap(({ prefix }) => (['insert', 'update', 'delete'] as const).map((e) => organisationClassTrigger(prefix, e))),
        ])
      )[0].n as number;
    expect(await triggerCount()).toBe(6);
    const linesOf421015 = async () =>
      (await t.sql(`SELECT coalesce(sum(lines), 0)::int AS n FROM insights_order_class_month WHERE buyer_organisation_id = $1 AND unspsc_class = '421015'`, [orgs.sykehjem]))[0].n as number;
    const before = await linesOf421015();
    await inMigrationTransaction(t, (runner) => new InsightsOrganisationClassRollups1763800000192().down(runner));
    expect(await t.sql(`SELECT to_regclass('insights_order_class_month') AS o, to_regclass('insights_invoice_class_month') AS i`)).toEqual([{ o: null, i: null }]);
    expect(await triggerCount()).toBe(0);
    // Facts still written while it is down; the other rollups still kept.
    const [o] = fc.sample(orderArb, { numRuns: 1, seed: 192 });
    const [v] = fc.sample(invoiceArb, { numRuns: 1, seed: 193 });
    await write({
      event: 'orderApproved',
      fact: orderFact(4192, { ...o, buyer: 'sykehjem', lines: [{ amount: '19.20', loyalty: 'OFF_AGREEMENT', segment: '42', rest: '101500', onAgreement: false }] }),
    });
    await write({ event: 'invoiceApproved', fact: invoiceFact(6192, { ...v, buyer: 'sykehjem', credit: false }) });
    await sameClassRollups();
    await inMigrationTransaction(t, (runner) => new InsightsOrganisationClassRollups1763800000192().up(runner));
    expect(await triggerCount()).toBe(6);
    // Rebuilt from every fact, the one written while down included.
    expect(await linesOf421015()).toBe(before + 1);
    await sameOrganisationClassRollups();
    expect(await sameOrganisationClassAnswers()).toBe(5 * 2 * 2 * (2 * 4 + 2));

    // The fact writer may change how it writes (an upsert instead of delete and insert): the
    // triggers keep the rollup exact for any statement on the fact rows. One connection (the
    // temporary table), one transaction, committed.
    const direct = t.app.get(DataSource).createQueryRunner();
    try {
      await direct.startTransaction();
      for (const { fact } of FACTS) {
        const id = fact === 'insights_order_line' ? 'order_line_id' : 'invoice_line_id';
        const other = `(SELECT buyer_path FROM ${fact} WHERE buyer_organisation_id = ${orgs.vestby} LIMIT 1)`;
        // UPDATE: rows moved to another organisation, class and month, with another amount and loyalty.
        await direct.query(
          `UPDATE ${fact} SET buyer_organisation_id = ${orgs.vestby}, buyer_path = ${other}, unspsc_code = '42101500', spend_date = spend_date + 40, amount = amount * 2
            WHERE ${id} IN (SELECT ${id} FROM ${fact} WHERE buyer_organisation_id = ${orgs.skole} ORDER BY ${id} LIMIT 5)`,
        );
        // An upsert: some rows new (negative ids), some already there (their amount and class replaced).
        await direct.query(`CREATE TEMP TABLE copies ON COMMIT DROP AS SELECT * FROM ${fact} ORDER BY ${id} DESC LIMIT 8`);
        await direct.query(`UPDATE copies SET ${id} = -${id} WHERE ${id} % 2 = 0`);
        await direct.query(`UPDATE copies SET amount = amount + 7, unspsc_code = '14111500'`);
        const upserted = await direct.query(
          `INSERT INTO ${fact} SELECT * FROM copies ON CONFLICT (${id}) DO UPDATE SET amount = EXCLUDED.amount, unspsc_code = EXCLUDED.unspsc_code RETURNING (xmax = 0) AS inserted`,
        );
        expect(new Set(upserted.map((r: { inserted: boolean }) => r.inserted))).toEqual(new Set([true, false]));
        await direct.query('DROP TABLE copies');
        // DELETE some rows of a month.
        await direct.query(`DELETE FROM ${fact} WHERE ${id} IN (SELECT ${id} FROM ${fact} WHERE buyer_organisation_id = ${orgs.kommune} ORDER BY ${id} LIMIT 4)`);
        // Order lines cancelled (live 0) without being deleted.
        if (fact === 'insights_order_line') await direct.query(`UPDATE ${fact} SET cancelled = true WHERE ${id} IN (SELECT ${id} FROM ${fact} WHERE NOT cancelled ORDER BY ${id} DESC LIMIT 3)`);
      }
      await direct.commitTransaction();
    } catch (e) {
      await direct.rollbackTransaction();
      throw e;
    } finally {
      await direct.release();
    }
    await sameOrganisationClassRollups();
    expect(await sameOrganisationClassAnswers()).toBe(5 * 2 * 2 * (2 * 4 + 2));
  }, 300_000);
});
