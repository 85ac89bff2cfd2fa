import { DataSource } from 'typeorm';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { SpendFacts } from '../src/insights/spend-facts';
import { InvoiceSpendFact, OrderSpendFact } from '../src/insights/spend-facts.types';
import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { createAgreement } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** SpendFacts through the real app: each event queued in a transaction, written by the outbox handler, safe in any order and when repeated. */
describe('Insights spend facts', () => {
  let t: TestApp;
  let facts: SpendFacts;
  const inTx = (fn: (tx: RequestContext) => Promise<void>) => {
    const ds = t.app.get(DataSource);
    return inTransaction(ds, new RequestContext(undefined, ds.manager), fn);
  };
  const drain = () => t.app.get(OutboxDispatcher).drain('insights.spend');

  beforeAll(async () => {
    t = await startTestApp();
    facts = t.app.get(SpendFacts);
  }, 120_000);
  afterAll(() => t?.close());

  const order = (id: number, lines: Partial<OrderSpendFact['lines'][number]>[]): OrderSpendFact => ({
    orderId: id,
    orderNo: `PO-2026-${id}`,
    buyerOrganisationId: t.world.orgs.skole,
    supplierId: null,
    supplierName: 'Papirhuset',
    agreementId: null,
    currency: 'NOK',
    submittedAt: '2026-03-02T08:00:00Z',
    approvedAt: '2026-03-02T10:00:00Z',
    lines: lines.map((l, i) => ({
      orderLineId: id * 100 + i,
      unspscCode: '44121700',
      quantity: '2',
      unitCode: 'EA',
      unitPrice: '50.00',
      amount: '100.00',
      loyalty: 'OFF_AGREEMENT',
      agreementId: null,
      coveringAgreementIds: [],
      justificationCode: 'URGENT_NEED',
      justificationText: 'needed today',
      catalogueItemId: null,
      ...l,
    })),
  });

  it('writes an approved order and marks it cancelled, whichever of the two is handled first', async () => {
    await inTx((m) => facts.orderCancelled(m, 9001));
    await drain();
    await inTx((m) => facts.orderApproved(m, order(9001, [{}, { amount: '30.00' }])));
    await inTx((m) => facts.orderApproved(m, order(9002, [{}])));
    await drain();
    const rows = await t.sql(`SELECT order_id, amount::text, cancelled, spend_date::text FROM insights_order_line WHERE order_id IN (9001, 9002) ORDER BY order_line_id`);
    expect(rows).toEqual([
      { order_id: 9001, amount: '100.00', cancelled: true, spend_date: '2026-03-02' },
      { order_id: 9001, amount: '30.00', cancelled: true, spend_date: '2026-03-02' },
      { order_id: 9002, amount: '100.00', cancelled: false, spend_date: '2026-03-02' },
    ]);
  });

  it('keeps the newest approval of an order, dropping lines it no longer has', async () => {
    await inTx((m) => facts.orderApproved(m, order(9003, [{}, {}])));
    await inTx((m) => facts.orderApproved(m, order(9003, [{ amount: '80.00' }])));
    await drain();
    expect(await t.sql(`SELECT amount::text FROM insights_order_line WHERE order_id = 9003`)).toEqual([{ amount: '80.00' }]);
  });

  it('keeps an invoice’s newest match status and every reason it was given', async () => {
    const match = { invoiceId: 7001, buyerOrganisationId: t.world.orgs.skole, supplierId: t.world.orgs.kontorland, receivedAt: '2026-03-05T09:00:00Z', reasonCodes: [] as string[] };
    await inTx((m) => facts.invoiceMatched(m, { ...match, status: 'EXCEPTION', reasonCodes: ['PRICE_VARIANCE'] }));
    await drain();
    await inTx((m) => facts.invoiceMatched(m, { ...match, status: 'MATCHED' }));
    await drain();
    expect(await t.sql(`SELECT match_status, reason_codes, ever_exception FROM insights_invoice WHERE invoice_id = 7001`)).toEqual([
      { match_status: 'MATCHED', reason_codes: ['PRICE_VARIANCE'], ever_exception: true },
    ]);
  });

  it('writes an approved credit note with negative amounts, and refuses a malformed fact in the caller’s transaction', async () => {
    const credit: InvoiceSpendFact = {
      invoiceId: 7002,
      kind: 'CREDIT_NOTE',
      invoiceNumber: 'CN-1',
      buyerOrganisationId: t.world.orgs.skole,
      supplierId: t.world.orgs.kontorland,
      agreementId: null,
      orderId: null,
      currency: 'NOK',
      issueDate: '2026-03-06',
      receivedAt: '2026-03-06T09:00:00Z',
      approvedAt: '2026-03-06T10:00:00Z',
      orderSubmittedAt: null,
      lines: [{ invoiceLineId: 70021, orderLineId: null, unspscCode: null, quantity: '1', unitCode: 'EA', amount: '-40.00', loyalty: 'OFF_CATALOGUE', agreementId: null }],
    };
    await inTx((m) => facts.invoiceApproved(m, credit));
    await drain();
    expect(await t.sql(`SELECT amount::text, supplier_loyalty FROM insights_invoice_line WHERE invoice_id = 7002`)).toEqual([{ amount: '-40.00', supplier_loyalty: 'AGREEMENT_SUPPLIER_OUTSIDE' }]);
    await expect(inTx((m) => facts.invoiceApproved(m, { ...credit, invoiceId: 7003, lines: [{ ...credit.lines[0], amount: '12,50' }] }))).rejects.toThrow(/invalid quantity 1 \/ amount 12,50/);
  });

  it('writes a match and an approval queued as one message (automatic approval) as both facts, in one outbox row', async () => {
    const match = { invoiceId: 7004, buyerOrganisationId: t.world.orgs.skole, supplierId: t.world.orgs.kontorland, receivedAt: '2026-03-07T09:00:00Z', status: 'MATCHED' as const, reasonCodes: [] };
    const approved: InvoiceSpendFact = {
      invoiceId: 7004,
      kind: 'INVOICE',
      invoiceNumber: 'INV-7004',
      buyerOrganisationId: t.world.orgs.skole,
      supplierId: t.world.orgs.kontorland,
      agreementId: null,
      orderId: null,
      currency: 'NOK',
      issueDate: '2026-03-07',
      receivedAt: '2026-03-07T09:00:00Z',
      approvedAt: '2026-03-07T09:00:01Z',
      orderSubmittedAt: null,
      lines: [{ invoiceLineId: 70041, orderLineId: null, unspscCode: null, quantity: '2', unitCode: 'EA', amount: '25.00', loyalty: 'OFF_CATALOGUE', agreementId: null }],
    };
    await inTx((m) => facts.invoiceMatchedAndApproved(m, match, approved));
    expect(await t.sql(`SELECT payload->>'event' AS event FROM outbox_message WHERE topic = 'insights.spend' AND key = 'invoice:7004'`)).toEqual([{ event: 'invoiceMatchedAndApproved' }]);
    await drain();
    expect(await t.sql(`SELECT match_status, ever_exception FROM insights_invoice WHERE invoice_id = 7004`)).toEqual([{ match_status: 'MATCHED', ever_exception: false }]);
    expect(await t.sql(`SELECT amount::text FROM insights_invoice_line WHERE invoice_id = 7004`)).toEqual([{ amount: '25.00' }]);
    await expect(inTx((m) => facts.invoiceMatchedAndApproved(m, { ...match, invoiceId: 7005 }, approved))).rejects.toThrow(/different invoices/);
  });

  it('keeps every rollup equal to its facts grouped, through inserts, replacements, removals and cancellations', async () => {
    const measures = (live: string) =>
      `sum(${live})::int AS lines, sum(${live} * amount) AS amount, sum(${live} * CASE WHEN loyalty = 'ON_AGREEMENT' THEN amount ELSE 0 END) AS on_agreement,
       sum(${live} * CASE WHEN loyalty = 'OFF_AGREEMENT' THEN amount ELSE 0 END) AS off_agreement, sum(${live} * CASE WHEN supplier_loyalty = 'LOYAL' THEN amount ELSE 0 END) AS supplier_loyal,
       sum(${live} * CASE WHEN loyalty IN ('OFF_AGREEMENT', 'OFF_CATALOGUE') THEN potential_saving ELSE 0 END) AS potential_saving`;
    const same = async (rollup: string, fact: string, live: string, segment: boolean) => {
      const keys = `date_trunc('month', spend_date)::date AS month, buyer_organisation_id${segment ? ", coalesce(left(unspsc_code, 2), '') AS segment" : ''}`;
      const grouped = `SELECT ${keys}, ${measures(live)} FROM ${fact} GROUP BY 1, 2${segment ? ', 3' : ''}`;
      const kept = `SELECT month, buyer_organisation_id${segment ? ', segment' : ''}, lines, amount, on_agreement, off_agreement, supplier_loyal, potential_saving FROM ${rollup} WHERE lines <> 0`;
      return t.sql(`(${grouped} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${grouped})`);
    };
    // One more replacement of an order that was cancelled, so every path has run.
    await inTx((tx) => facts.orderApproved(tx, order(9001, [{ amount: '55.00' }])));
    await drain();
    // A subtree rollup: each fact line counted for every organisation on its buyer's path.
    const sameTree = async (rollup: string, fact: string, live: string, grain: 'month' | 'year', segment: boolean) => {
      const keys = `a.organisation_id, date_trunc('${grain}', spend_date)::date AS ${grain}${segment ? ", coalesce(left(unspsc_code, 2), '') AS segment" : ''}`;
      const grouped = `SELECT ${keys}, ${measures(live)} FROM ${fact} CROSS JOIN LATERAL unnest(buyer_path) AS a(organisation_id) GROUP BY 1, 2${segment ? ', 3' : ''}`;
      const kept = `SELECT organisation_id, ${grain}${segment ? ', segment' : ''}, lines, amount, on_agreement, off_agreement, supplier_loyal, potential_saving FROM ${rollup} WHERE lines <> 0`;
      return t.sql(`(${grouped} EXCEPT ${kept}) UNION ALL (${kept} EXCEPT ${grouped})`);
    };
    for (const [rollup, fact, live, segment] of [
      ['insights_order_month', 'insights_order_line', '(NOT cancelled)::int', false],
      ['insights_order_segment_month', 'insights_order_line', '(NOT cancelled)::int', true],
      ['insights_invoice_month', 'insights_invoice_line', '1', false],
      ['insights_invoice_segment_month', 'insights_invoice_line', '1', true],
    ] as const) {
      expect([rollup, await same(rollup, fact, live, segment)]).toEqual([rollup, []]);
    }
    for (const [basis, fact, live] of [
      ['order', 'insights_order_line', '(NOT cancelled)::int'],
      ['invoice', 'insights_invoice_line', '1'],
    ] as const) {
      for (const [suffix, grain, segment] of [
        ['tree_month', 'month', false],
        ['tree_segment_month', 'month', true],
        ['tree_segment_year', 'year', true],
      ] as const) {
        const rollup = `insights_${basis}_${suffix}`;
        expect([rollup, await sameTree(rollup, fact, live, grain, segment)]).toEqual([rollup, []]);
      }
    }
    // The school's lines count for the school and for the municipality above it.
    const paths = await t.sql(`SELECT DISTINCT buyer_path FROM insights_order_line WHERE buyer_organisation_id = $1`, [t.world.orgs.skole]);
    expect(paths).toEqual([{ buyer_path: [t.world.orgs.skole, t.world.orgs.kommune] }]);
    const [{ lines }] = await t.sql(`SELECT sum(lines)::int AS lines FROM insights_order_month`);
    expect(lines).toBe(2); // 9002's line and 9003's one line left; 9001's lines are cancelled
  });

  // Last: the rollup test above counts every order line written so far.
  it('judges supplier loyalty by the agreements in force on the order date: an agreement that ended between two orders counts for the first only', async () => {
    // Medisinsk had no agreement with Nordby skole but this one, which ended on 2026-06-30 (before today).
    const ended = await createAgreement(t, { supplier: 'medisinsk', participants: ['skole'], validFrom: '2025-01-01', validTo: '2026-06-30' });
    const outside = { supplierId: t.world.orgs.medisinsk, supplierName: 'Medisinsk', approvedAt: '2026-07-01T08:00:00Z' };
    const before: OrderSpendFact = { ...order(9011, [{}]), ...outside, submittedAt: '2026-06-30T21:30:00Z' };
    const after: OrderSpendFact = { ...order(9012, [{}]), ...outside, submittedAt: '2026-06-30T22:30:00Z' };
    await inTx((m) => facts.orderApproved(m, before));
    await inTx((m) => facts.orderApproved(m, after));
    const invoice: InvoiceSpendFact = {
      invoiceId: 7011,
      kind: 'INVOICE',
      invoiceNumber: 'INV-7011',
      buyerOrganisationId: t.world.orgs.skole,
      supplierId: t.world.orgs.medisinsk,
      agreementId: null,
      orderId: null,
      currency: 'NOK',
      issueDate: '2026-06-15',
      receivedAt: '2026-11-20T09:00:00Z',
      approvedAt: '2026-11-20T10:00:00Z',
      orderSubmittedAt: null,
      lines: [{ invoiceLineId: 70111, orderLineId: null, unspscCode: null, quantity: '1', unitCode: 'EA', amount: '10.00', loyalty: 'OFF_CATALOGUE', agreementId: null }],
    };
    await inTx((m) => facts.invoiceApproved(m, invoice));
    await inTx((m) => facts.invoiceApproved(m, { ...invoice, invoiceId: 7012, invoiceNumber: 'INV-7012', issueDate: '2026-07-01', lines: [{ ...invoice.lines[0], invoiceLineId: 70121 }] }));
    await drain();
    // 21:30 UTC on 30 June is 23:30 in Norway, still the agreement's last day; 22:30 UTC is 1 July.
    expect(await t.sql(`SELECT order_id, supplier_loyalty FROM insights_order_line WHERE order_id IN (9011, 9012) ORDER BY order_id`)).toEqual([
      { order_id: 9011, supplier_loyalty: 'AGREEMENT_SUPPLIER_OUTSIDE' },
      { order_id: 9012, supplier_loyalty: 'OTHER_SUPPLIER' },
    ]);
    // An invoice without order is judged on its issue date.
    expect(await t.sql(`SELECT invoice_id, supplier_loyalty FROM insights_invoice_line WHERE invoice_id IN (7011, 7012) ORDER BY invoice_id`)).toEqual([
      { invoice_id: 7011, supplier_loyalty: 'AGREEMENT_SUPPLIER_OUTSIDE' },
      { invoice_id: 7012, supplier_loyalty: 'OTHER_SUPPLIER' },
    ]);
    expect(await t.sql(`SELECT valid_to::text FROM agreement WHERE id = $1`, [ended.id])).toEqual([{ valid_to: '2026-06-30' }]);
  });
});
