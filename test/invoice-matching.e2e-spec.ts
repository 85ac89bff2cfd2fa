import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { InvoiceRematch } from '../src/invoicing/invoice-rematch';
import { startTestApp, TestApp } from './support/test-app';
import { sentOrder } from './support/orders';
import { acceptedOrder, drain, ERROR, INVOICE_FIELDS, kontorlandErp, postDocument, receive } from './support/invoicing';
import { quickInvoiceXml } from './support/invoices';
import { createAgreement, publishFile } from './support/fixtures';

/**
 * Matching and deciding invoices over HTTP (issue 16 §2–3, §5): the whole path from order to
 * credit note with the ledgers following, waiting invoices re-matched from the outbox, and the
 * races (an invoice and a receipt together, two approvals of one exception) decided once.
 */
let t: TestApp;
let erp: string;
let ap: string;
beforeAll(async () => {
  t = await startTestApp();
  erp = await kontorlandErp(t);
  ap = await t.login('faktura@storby.example');
});
afterAll(() => t?.close());

const DECIDE = (m: string) =>
  `mutation($i: ${m === 'approveInvoice' ? 'ApproveInvoiceInput' : 'DisputeInvoiceInput'}!) { ${m}(input: $i) { __typename ... on Invoice { ${INVOICE_FIELDS} } ... on InvoiceStateError { status } ${ERROR} } }`;
const invoiceOf = async (id: number | string) => (await t.gql(ap, `query($id: Int!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`, { id: Number(id) })).data.invoice;
const ledgers = async (orderId: number) => {
  const [commitment] = await t.sql(`SELECT amount::text, invoiced::text FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(orderId)]);
  const [drawdown] = await t.sql(`SELECT amount::text, invoiced::text FROM agreement_drawdown WHERE source_type = 'ORDER' AND source_id = $1`, [String(orderId)]);
  return { commitment, drawdown };
};
let serial = 0;
const number = (prefix: string) => `${prefix}-${++serial}`;

const BUYER = 'bestiller@nordby.example'; // own approval limit 5,000: a small order is approved at submit
const PURCHASER = 'innkjoper@storby.example'; // manages the demo agreements
const BUDGET_ADMIN = 'okonomi@storby.example'; // ADMIN above Nordby skole
/**
 * What the API shows a budget holder and the purchasing unit of the ledgers an order charges: its
 * cost centre's budget year (Nordby skole 2100), its agreement under the ceiling, and the
 * agreement's row of the ceiling-use report.
 */
async function standing(orderId: number) {
  const [o] = await t.sql(`SELECT cost_centre_id AS "costCentreId", budget_year AS year, agreement_id AS "agreementId" FROM purchase_order WHERE id = $1`, [orderId]);
  const cc = await t.gql(await t.login('attestant@nordby.example'), `query($id: Int!) { costCentre(id: $id) { budgets { year amount committed invoiced remaining } } }`, { id: o.costCentreId });
  const purchaser = await t.login(PURCHASER);
  const agreement = await t.gql(purchaser, `query($id: Int!) { agreement(id: $id) { valueCeiling committed invoiced remainingHeadroom } }`, { id: o.agreementId });
  const use = await t.gql(purchaser, `query($f: InsightFilter) { insightCeilingUse(filter: $f) { committed invoiced } }`, { f: { agreementId: o.agreementId } });
  return { ...o, budget: cc.data.costCentre.budgets.find((b: any) => b.year === o.year), agreement: agreement.data.agreement, ceilingUse: use.data.insightCeilingUse[0] };
}
/** b − a, as text with two decimals. */
const change = (a: string, b: string) => new Decimal(b).minus(a).toFixed(2);
const SUBMIT = `mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { id status lineExtensionAmount } }
  ... on BudgetExceededError { committed remaining requested } ... on CeilingExceededError { committed remaining requested } ${ERROR} } }`;
/** One pack of A4 (45.07) put in the buyer's cart and submitted on cost centre 2100. */
async function submitOnePack(): Promise<any> {
  const token = await t.login(BUYER);
  const [item] = await t.sql(`SELECT ci.id::text AS id FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE ci.seller_item_id = 'KL-100' LIMIT 1`);
  const added = await t.gql(token, `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }`, { i: { itemId: item.id, quantity: '1' } });
  expect(added.data.addItemToCart.__typename).toBe('CartLineAdded');
  const submitted = await t.gql(token, SUBMIT, { i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole } });
  // A refused submit leaves the line in the cart: take it out, so the next one starts empty.
  await t.gql(token, 'mutation { clearCart { id } }');
  return submitted.data.submitCart;
}
const setBudget = async (costCentreId: number, year: number, amount: string) => {
  const res = await t.gql(await t.login(BUDGET_ADMIN), `mutation($i: SetCostCentreBudgetInput!) { setCostCentreBudget(input: $i) { id } }`, { i: { costCentreId, year, amount } });
  expect(res.errors).toBeUndefined();
};
const setCeiling = async (agreementId: number, ceiling: string | null) => {
  const res = await t.gql(await t.login(PURCHASER), `mutation($id: Int!, $c: String) { setAgreementCeiling(agreementId: $id, valueCeiling: $c) { id } }`, { id: agreementId, c: ceiling });
  expect(res.errors).toBeUndefined();
};

it('takes an order from partial receipt through a matched invoice, a price exception approved with a reason and a credit note, with the ledgers invoiced', async () => {
  // 10 packs of A4 at 45.07 and 4 of A3 at 294.59, accepted by the supplier; 6 A4 received.
  const order = await acceptedOrder(t, [
    { sellerItemId: 'KL-100', quantity: '10' },
    { sellerItemId: 'KL-101', quantity: '4' },
  ]);
  await receive(t, order.id, [{ lineId: '1', quantity: '6' }]);

  // A partial invoice for what was received: matched and approved; 270.42 of the commitment is now invoiced.
  const first = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '6', price: '45.07', orderLineId: '1' }] }));
  expect(first.status).toBe(201);
  expect(first.body.status).toBe('APPROVED');
  expect(await invoiceOf(first.body.id)).toMatchObject({
    status: 'APPROVED',
    matchMode: 'THREE_WAY',
    responseCode: 'AP',
    reasons: [],
    lines: [{ matchStatus: 'MATCHED', orderLineId: expect.any(Number) }],
  });
  expect(await ledgers(order.id)).toMatchObject({ commitment: { invoiced: '270.42' }, drawdown: { invoiced: '270.42' } });

  // The rest arrives; the second invoice asks 47.00 for the A4 (4.3 % above the agreed 45.07, beyond 2 %).
  await receive(t, order.id, [
    { lineId: '1', quantity: '4' },
    { lineId: '2', quantity: '4' },
  ]);
  const second = await postDocument(
    t,
    erp,
    quickInvoiceXml({
      id: number('F'),
      orderReference: order.number,
      lines: [
        { quantity: '4', price: '47.00', orderLineId: '1' },
        { quantity: '4', price: '294.59', orderLineId: '2' },
      ],
    }),
  );
  expect(second.body.status).toBe('EXCEPTION');
  const exception = await invoiceOf(second.body.id);
  expect(exception).toMatchObject({ status: 'EXCEPTION', responseCode: 'IP', lines: [{ matchStatus: 'PRICE_VARIANCE' }, { matchStatus: 'MATCHED' }] });
  expect(exception.reasons).toEqual([
    expect.objectContaining({ code: 'PRICE_ABOVE_AGREED', lineId: '1', expected: expect.stringMatching(/^45\.07/), actual: expect.stringMatching(/^47/), differenceNok: '7.72' }),
  ]);
  expect((await ledgers(order.id)).commitment.invoiced).toBe('270.42');

  // It waits in accounts payable's queue, with both sides of the difference.
  const queue = await t.gql(ap, `{ invoiceExceptions { totalCount edges { node { id status reasons { code expected actual differenceNok } } } } }`);
  expect(queue.data.invoiceExceptions.edges.map((e: any) => e.node.id)).toContain(Number(second.body.id));

  // Approving an exception needs a reason; with one, it is approved and the ledgers take the whole 1,366.36.
  const committedOnly = await standing(order.id);
  const bare = await t.gql(ap, DECIDE('approveInvoice'), { i: { invoiceId: exception.id, expectedVersion: exception.version } });
  expect(bare.data.approveInvoice).toMatchObject({ __typename: 'ReasonRequiredError' });
  const approved = await t.gql(ap, DECIDE('approveInvoice'), { i: { invoiceId: exception.id, expectedVersion: exception.version, reason: 'Price rise agreed by phone' } });
  expect(approved.data.approveInvoice).toMatchObject({ __typename: 'Invoice', status: 'APPROVED', responseCode: 'AP', decisionReason: 'Price rise agreed by phone' });
  // The order committed 1,629.06 and stays so; 1,636.78 is invoiced of it now: 7.72 beyond what it committed.
  expect(await ledgers(order.id)).toEqual({ commitment: { amount: '1629.06', invoiced: '1636.78' }, drawdown: { amount: '1629.06', invoiced: '1636.78' } });
  const [audit] = await t.sql(`SELECT data FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 AND action = 'invoice.approved'`, [String(exception.id)]);
  expect(audit.data).toMatchObject({ from: 'EXCEPTION', to: 'APPROVED', reason: 'Price rise agreed by phone' });

  // The budget and the ceiling are charged what is really spent: the order counts 1,636.78, 7.72 more than before.
  const overInvoiced = await standing(order.id);
  expect(change(committedOnly.budget.committed, overInvoiced.budget.committed)).toBe('7.72');
  expect(change(committedOnly.budget.remaining, overInvoiced.budget.remaining)).toBe('-7.72');
  expect(change(committedOnly.budget.invoiced, overInvoiced.budget.invoiced)).toBe('1366.36');
  expect(change(committedOnly.agreement.committed, overInvoiced.agreement.committed)).toBe('7.72');
  expect(change(committedOnly.agreement.invoiced, overInvoiced.agreement.invoiced)).toBe('1366.36');
  expect(overInvoiced.ceilingUse).toEqual({ committed: overInvoiced.agreement.committed, invoiced: overInvoiced.agreement.invoiced });
  const [{ charged }] = await t.sql(`SELECT data->>'charged' AS charged FROM audit_event WHERE action = 'cost-centre.invoiced' AND data->'by'->>'id' = $1`, [String(exception.id)]);
  expect(charged).toBe('1636.78');

  // One more pack of A4 (45.07) would fit under what the orders committed (45.06 + 7.72 left),
  // not under what is spent (45.06 left): the ceiling refuses it at submit, then the budget.
  const { costCentreId, year, agreementId } = overInvoiced;
  const ceilingBefore = overInvoiced.agreement.valueCeiling;
  try {
    await setCeiling(agreementId, new Decimal(overInvoiced.agreement.committed).plus('45.06').toFixed(2));
    expect(await submitOnePack()).toMatchObject({ __typename: 'CeilingExceededError', committed: overInvoiced.agreement.committed, remaining: '45.06', requested: '45.07' });
    await setCeiling(agreementId, ceilingBefore);
    await setBudget(costCentreId, year, new Decimal(overInvoiced.budget.committed).plus('45.06').toFixed(2));
    expect(await submitOnePack()).toMatchObject({ __typename: 'BudgetExceededError', committed: overInvoiced.budget.committed, remaining: '45.06', requested: '45.07' });

    // The supplier credits the price difference: a credit note naming the second invoice, approved, and the ledgers take it back.
    const credit = await postDocument(
      t,
      erp,
      quickInvoiceXml({ kind: 'CreditNote', id: number('K'), orderReference: order.number, billingReference: exception.number, lines: [{ quantity: '4', price: '1.93', orderLineId: '1' }] }),
    );
    expect(credit.status).toBe(201);
    const creditNote = await invoiceOf(credit.body.id);
    expect(creditNote).toMatchObject({ kind: 'CREDIT_NOTE', creditedInvoiceId: exception.id, orderId: order.id, status: 'APPROVED' });
    expect(await ledgers(order.id)).toEqual({ commitment: { amount: '1629.06', invoiced: '1629.06' }, drawdown: { amount: '1629.06', invoiced: '1629.06' } });
    // The order counts what it committed again: 7.72 back under the budget and the ceiling, and the pack fits.
    const credited = await standing(order.id);
    expect(credited.budget.committed).toBe(committedOnly.budget.committed);
    expect(credited.budget.remaining).toBe('52.78');
    expect(credited.agreement.committed).toBe(committedOnly.agreement.committed);
    expect(credited.ceilingUse.committed).toBe(committedOnly.agreement.committed);
    const fits = await submitOnePack();
    expect(fits).toMatchObject({ __typename: 'CartSubmitted', requisitions: [{ status: 'APPROVED', lineExtensionAmount: '45.07' }] });
  } finally {
    await setCeiling(agreementId, ceilingBefore);
    await setBudget(costCentreId, year, committedOnly.budget.amount);
  }
});

it('keeps an invoice for goods not yet received WAITING and approves it from the outbox once they are', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '5' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '5', price: '45.07', orderLineId: '1' }] }));
  expect(posted.body.status).toBe('WAITING');
  expect(await invoiceOf(posted.body.id)).toMatchObject({ status: 'WAITING', responseCode: 'IP', lines: [{ matchStatus: 'NOT_RECEIVED' }] });
  expect((await ledgers(order.id)).commitment.invoiced).toBe('0.00');

  await receive(t, order.id, [{ lineId: '1', quantity: '5' }]);
  await drain(t);
  expect(await invoiceOf(posted.body.id)).toMatchObject({ status: 'APPROVED', responseCode: 'AP', reasons: [] });
  expect((await ledgers(order.id)).commitment.invoiced).toBe('225.35');
  // Another run of the re-match (at least once delivery) changes nothing.
  expect(await t.app.get(InvoiceRematch).rematchOrder(order.id)).toBe(0);
  expect((await ledgers(order.id)).commitment.invoiced).toBe('225.35');
});

it('lets an invoice wait for the supplier’s confirmation of the order, and matches it two-way once the order is accepted', async () => {
  const policy = await t.gql(ap, `mutation { setInvoiceMatchPolicy(input: { organisationId: ${t.world.orgs.skole}, mode: TWO_WAY }) { mode definedBy } }`);
  expect(policy.data.setInvoiceMatchPolicy).toEqual({ mode: 'TWO_WAY', definedBy: t.world.orgs.skole });
  try {
    const order = await sentOrder(t, [{ sellerItemId: 'KL-101', quantity: '2' }]);
    const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '2', price: '294.59', orderLineId: '1' }] }));
    expect(posted.body.status).toBe('WAITING');
    expect((await invoiceOf(posted.body.id)).reasons.map((r: any) => r.code)).toEqual(['ORDER_NOT_CONFIRMED']);

    const answered = await t.gql(await t.login('katalog@kontorland.example'), `mutation($i: RespondToOrderInput!) { respondToOrder(input: $i) { __typename } }`, {
      i: { orderId: order.id, responseCode: 'ACCEPTED' },
    });
    expect(answered.data.respondToOrder.__typename).toBe('OrderResponseRecorded');
    await drain(t);
    expect(await invoiceOf(posted.body.id)).toMatchObject({ status: 'APPROVED', matchMode: 'TWO_WAY', reasons: [] });
  } finally {
    await t.sql(`DELETE FROM invoice_match_policy WHERE buyer_organisation_id = $1`, [t.world.orgs.skole]);
  }
});

it('matches an invoice and a receipt arriving together exactly once', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-102', quantity: '3' }]);
  const [posted] = await Promise.all([
    postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '3', price: '203.12', orderLineId: '1' }] })),
    receive(t, order.id, [{ lineId: '1', quantity: '3' }]),
  ]);
  expect(posted.status).toBe(201);
  await drain(t);
  expect((await invoiceOf(posted.body.id)).status).toBe('APPROVED');
  const approvals = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'invoice' AND entity_id = $1 AND action LIKE 'invoice.approved%'`, [posted.body.id]);
  expect(approvals).toHaveLength(1);
  expect((await ledgers(order.id)).commitment.invoiced).toBe('609.36');
});

it('approves one exception once when two people approve it at the same time, and lets nobody decide it again', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-103', quantity: '2' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '2' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '2', price: '250.00', orderLineId: '1' }] }));
  const exception = await invoiceOf(posted.body.id);
  expect(exception.status).toBe('EXCEPTION');

  const other = await t.login('faktura@storby.example');
  const results = await Promise.all(
    [ap, other].map((token, n) => t.gql(token, DECIDE('approveInvoice'), { i: { invoiceId: exception.id, expectedVersion: exception.version, reason: `approval ${n}` } })),
  );
  const kinds = results.map((r) => r.data.approveInvoice.__typename).sort();
  expect(kinds).toEqual(['Invoice', 'InvoiceVersionConflictError']);
  expect((await ledgers(order.id)).commitment.invoiced).toBe('500.00');

  const now = await invoiceOf(exception.id);
  const again = await t.gql(ap, DECIDE('disputeInvoice'), { i: { invoiceId: exception.id, expectedVersion: now.version, reason: 'too late' } });
  expect(again.data.disputeInvoice).toMatchObject({ __typename: 'InvoiceStateError', status: 'APPROVED' });
});

it('takes the order’s lock before the invoice’s when approving, as a re-match does, so an approval and a re-match of one order take turns instead of deadlocking', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-103', quantity: '2' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '2' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '2', price: '250.00', orderLineId: '1' }] }));
  await drain(t);
  const exception = await invoiceOf(posted.body.id);
  expect(exception.status).toBe('EXCEPTION');
  const ds = t.app.get(DataSource);
  const deadlocks = async () => (await t.sql(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`))[0].n as number;
  const deadlocksBefore = await deadlocks();

  // Someone else holds the order (as an intake of another invoice of it would).
  const holder = ds.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  let approving: Promise<any> | undefined;
  let rematching: Promise<number> | undefined;
  try {
    await holder.query(`SELECT id FROM purchase_order WHERE id = $1 FOR UPDATE`, [order.id]);
    approving = t.gql(ap, DECIDE('approveInvoice'), { i: { invoiceId: exception.id, expectedVersion: exception.version, reason: 'agreed with the supplier' } });
    // Sessions waiting for a lock (only the holder's order can keep them waiting here).
    const waiting = async () => (await t.sql(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n as number;
    for (let i = 0; i < 100 && (await waiting()) < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await waiting()).toBe(1);
    // The approval waits for the order without holding its invoice: another session can take the invoice at once.
    const probe = ds.createQueryRunner();
    await probe.connect();
    try {
      await probe.startTransaction();
      expect(await probe.query(`SELECT id FROM invoice WHERE id = $1 FOR UPDATE NOWAIT`, [exception.id])).toEqual([{ id: exception.id }]);
    } finally {
      await probe.rollbackTransaction();
      await probe.release();
    }
    rematching = t.app.get(InvoiceRematch).rematchOrder(order.id);
    for (let i = 0; i < 100 && (await waiting()) < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await waiting()).toBe(2);
  } finally {
    await holder.commitTransaction();
    await holder.release();
  }
  // The order's lock is granted in the order asked: the approval, then the re-match, which finds the invoice decided.
  expect((await approving).data.approveInvoice).toMatchObject({ __typename: 'Invoice', status: 'APPROVED' });
  expect(await rematching).toBe(0);
  expect(await deadlocks()).toBe(deadlocksBefore);
  expect((await ledgers(order.id)).commitment.invoiced).toBe('500.00');
});

it('lets a line invoiced beyond a partial receipt wait for the rest of the goods, and approves it from the outbox when they come', async () => {
  // 10 packs of A4 at 45.07 ordered, 4 received, 6 invoiced: 2 packs (90.14 NOK) not received yet, but still to come.
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '4' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '6', price: '45.07', orderLineId: '1' }] }));
  expect(posted.body.status).toBe('WAITING');
  const waiting = await invoiceOf(posted.body.id);
  expect(waiting).toMatchObject({ status: 'WAITING', matchMode: 'THREE_WAY', responseCode: 'IP', lines: [{ matchStatus: 'NOT_RECEIVED' }] });
  expect(waiting.reasons).toEqual([expect.objectContaining({ code: 'NOT_RECEIVED', lineId: '1', expected: '4', actual: '6', difference: '2', differenceNok: '90.14' })]);
  // In accounts payable's queue it shows as waiting for goods, with nothing for a person to settle.
  const queue = await t.gql(ap, `{ invoiceExceptions(first: 100) { edges { node { id status reasons { code } } } } }`);
  expect(queue.data.invoiceExceptions.edges.find((e: any) => e.node.id === waiting.id).node).toEqual({ id: waiting.id, status: 'WAITING', reasons: [{ code: 'NOT_RECEIVED' }] });

  await receive(t, order.id, [{ lineId: '1', quantity: '2' }]);
  await drain(t);
  expect(await invoiceOf(posted.body.id)).toMatchObject({ status: 'APPROVED', responseCode: 'AP', reasons: [] });
  expect((await ledgers(order.id)).commitment.invoiced).toBe('270.42');
});

it('serves two invoices waiting for the same goods in the order they came: a partial receipt approves the first, the rest of the goods the second (issue 16)', async () => {
  // 10 packs ordered, none received; two invoices of 5 each wait. Each must not count the other's
  // 5 as invoiced before it, or 5 received would leave both waiting for the goods the other claims.
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  const first = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '5', price: '45.07', orderLineId: '1' }] }));
  const second = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '5', price: '45.07', orderLineId: '1' }] }));
  expect([first.body.status, second.body.status]).toEqual(['WAITING', 'WAITING']);

  await receive(t, order.id, [{ lineId: '1', quantity: '5' }]);
  await drain(t);
  expect(await invoiceOf(first.body.id)).toMatchObject({ status: 'APPROVED', responseCode: 'AP', reasons: [] });
  const still = await invoiceOf(second.body.id);
  expect(still).toMatchObject({ status: 'WAITING', lines: [{ matchStatus: 'NOT_RECEIVED' }] });
  expect(still.reasons).toEqual([expect.objectContaining({ code: 'NOT_RECEIVED', expected: '0', actual: '5' })]);
  expect((await ledgers(order.id)).commitment.invoiced).toBe('225.35');

  await receive(t, order.id, [{ lineId: '1', quantity: '5' }]);
  await drain(t);
  expect(await invoiceOf(second.body.id)).toMatchObject({ status: 'APPROVED', responseCode: 'AP', reasons: [] });
  expect((await ledgers(order.id)).commitment.invoiced).toBe('450.70');
});

it('closes an order that will get no more goods: commitment and draw become the value delivered, and the waiting invoice a quantity exception (issue 16)', async () => {
  const buyer = await t.login('bestiller@nordby.example');
  const CLOSE = `mutation($i: CloseOrderInput!) { closeOrder(input: $i) { __typename ... on Order { id status version } ... on OrderStateError { status } ${ERROR} } }`;
  // A sent order the supplier has not accepted yet cannot be closed (cancelling it is the way back).
  const sent = await sentOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
  expect((await t.gql(buyer, CLOSE, { i: { orderId: sent.id, reason: 'Not needed' } })).data.closeOrder).toMatchObject({ __typename: 'OrderStateError', status: 'SENT' });

  // 10 packs at 45.07 ordered, 4 received, 6 invoiced: the invoice waits for 2 more.
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '4' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '6', price: '45.07', orderLineId: '1' }] }));
  expect(posted.body.status).toBe('WAITING');
  expect(await ledgers(order.id)).toMatchObject({ commitment: { amount: '450.70' }, drawdown: { amount: '450.70' } });

  // The supplier cannot deliver the rest: the buyer closes the order, at the version read.
  const [{ version }] = await t.sql(`SELECT version FROM purchase_order WHERE id = $1`, [order.id]);
  const stale = await t.gql(buyer, CLOSE, { i: { orderId: order.id, reason: 'Resten er utgått', expectedVersion: version - 1 } });
  expect(stale.data.closeOrder.__typename).toBe('OrderVersionConflictError');
  const closed = await t.gql(buyer, CLOSE, { i: { orderId: order.id, reason: '  Resten er utgått hos leverandøren ', expectedVersion: version } });
  expect(closed.data.closeOrder).toMatchObject({ __typename: 'Order', id: order.id, status: 'CLOSED' });
  expect(await ledgers(order.id)).toEqual({ commitment: { amount: '180.28', invoiced: '0.00' }, drawdown: { amount: '180.28', invoiced: '0.00' } });
  const [audit] = await t.sql(`SELECT data FROM audit_event WHERE entity_type = 'purchase_order' AND entity_id = $1 AND action = 'order.closed'`, [String(order.id)]);
  expect(audit.data).toMatchObject({ from: 'PARTIALLY_RECEIVED', to: 'CLOSED', reason: 'Resten er utgått hos leverandøren', delivered: '180.28' });
  const settled = await t.sql(
    `SELECT action, data->>'to' AS "to" FROM audit_event WHERE action IN ('cost-centre.commitment-settled', 'agreement.draw-settled') AND data->'source'->>'id' = $1 ORDER BY id`,
    [String(order.id)],
  );
  expect(settled).toEqual([
    { action: 'agreement.draw-settled', to: '180.28' },
    { action: 'cost-centre.commitment-settled', to: '180.28' },
  ]);

  // Nothing more will come: the waiting invoice is matched again against the 4 received.
  await drain(t);
  const exception = await invoiceOf(posted.body.id);
  expect(exception).toMatchObject({ status: 'EXCEPTION', lines: [{ matchStatus: 'QUANTITY_VARIANCE' }] });
  expect(exception.reasons).toEqual([expect.objectContaining({ code: 'QUANTITY_ABOVE_RECEIVED', expected: '4', actual: '6', difference: '2', differenceNok: '90.14' })]);

  // Accounts payable approves all 6 anyway: 270.42 invoiced of an order settled at 180.28 charges
  // the budget and the ceiling 270.42, 90.14 more than the settled commitment.
  const settledOnly = await standing(order.id);
  const approved = await t.gql(ap, DECIDE('approveInvoice'), { i: { invoiceId: exception.id, expectedVersion: exception.version, reason: 'The supplier says 2 came with another delivery' } });
  expect(approved.data.approveInvoice).toMatchObject({ __typename: 'Invoice', status: 'APPROVED' });
  expect(await ledgers(order.id)).toEqual({ commitment: { amount: '180.28', invoiced: '270.42' }, drawdown: { amount: '180.28', invoiced: '270.42' } });
  const overInvoiced = await standing(order.id);
  expect(change(settledOnly.budget.committed, overInvoiced.budget.committed)).toBe('90.14');
  expect(change(settledOnly.budget.remaining, overInvoiced.budget.remaining)).toBe('-90.14');
  expect(change(settledOnly.agreement.committed, overInvoiced.agreement.committed)).toBe('90.14');
  // They did not: the supplier credits the 2 packs, and the order counts the 180.28 delivered again.
  const credit = await postDocument(
    t,
    erp,
    quickInvoiceXml({ kind: 'CreditNote', id: number('K'), orderReference: order.number, billingReference: exception.number, lines: [{ quantity: '2', price: '45.07', orderLineId: '1' }] }),
  );
  expect(credit.status).toBe(201);
  expect((await invoiceOf(credit.body.id)).status).toBe('APPROVED');
  expect(await ledgers(order.id)).toEqual({ commitment: { amount: '180.28', invoiced: '180.28' }, drawdown: { amount: '180.28', invoiced: '180.28' } });
  const credited = await standing(order.id);
  expect(credited.budget.committed).toBe(settledOnly.budget.committed);
  expect(credited.agreement.committed).toBe(settledOnly.agreement.committed);

  // Closed is closed: no second close, and no more goods received.
  const again = await t.gql(buyer, CLOSE, { i: { orderId: order.id, reason: 'Again' } });
  expect(again.data.closeOrder).toMatchObject({ __typename: 'OrderStateError', status: 'CLOSED' });
  await expect(receive(t, order.id, [{ lineId: '1', quantity: '2' }])).rejects.toThrow(/OrderStateError|CLOSED/);
  // Only the order's own buyer side may close it: the supplier is told it does not exist.
  const supplier = await t.gql(await t.login('katalog@kontorland.example'), CLOSE, { i: { orderId: order.id, reason: 'Not mine' } });
  expect(supplier.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
});

it('charges a closed order never less than what was invoiced, a credit note bringing it down to what was delivered, and does not let a later invoice wait for goods that will not come (issue 16)', async () => {
  const buyer = await t.login('bestiller@nordby.example');
  // 10 ordered, 4 received, 6 invoiced and approved by accounts payable anyway (270.42 invoiced).
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '4' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '6', price: '45.07', orderLineId: '1' }] }));
  const waiting = await invoiceOf(posted.body.id);
  expect(waiting.status).toBe('WAITING');
  const approved = await t.gql(ap, DECIDE('approveInvoice'), { i: { invoiceId: waiting.id, expectedVersion: waiting.version, reason: 'The last 2 came with another delivery' } });
  expect(approved.data.approveInvoice.status).toBe('APPROVED');

  const open = await standing(order.id);
  const closed = await t.gql(buyer, `mutation($i: CloseOrderInput!) { closeOrder(input: $i) { __typename ... on Order { status } } }`, { i: { orderId: order.id, reason: 'Nothing more comes' } });
  expect(closed.data.closeOrder).toEqual({ __typename: 'Order', status: 'CLOSED' });
  // Delivered 4 × 45.07 = 180.28: the commitment becomes that, but 270.42 is invoiced, and the
  // budget and the ceiling are charged what is owed: 450.70 committed before, 270.42 now.
  expect(await ledgers(order.id)).toEqual({ commitment: { amount: '180.28', invoiced: '270.42' }, drawdown: { amount: '180.28', invoiced: '270.42' } });
  const settled = await standing(order.id);
  expect(change(open.budget.committed, settled.budget.committed)).toBe('-180.28');
  expect(change(open.agreement.committed, settled.agreement.committed)).toBe('-180.28');

  // An invoice for more, after the close: a quantity difference for accounts payable, not a wait.
  const later = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '1', price: '45.07', orderLineId: '1' }] }));
  expect(later.body.status).toBe('EXCEPTION');
  expect((await invoiceOf(later.body.id)).reasons).toEqual([expect.objectContaining({ code: 'QUANTITY_ABOVE_RECEIVED', expected: '0', actual: '1' })]);

  // The supplier credits the 2 packs that never came: the order is charged the 180.28 delivered.
  const credit = await postDocument(
    t,
    erp,
    quickInvoiceXml({ kind: 'CreditNote', id: number('K'), orderReference: order.number, billingReference: waiting.number, lines: [{ quantity: '2', price: '45.07', orderLineId: '1' }] }),
  );
  expect((await invoiceOf(credit.body.id)).status).toBe('APPROVED');
  expect(await ledgers(order.id)).toEqual({ commitment: { amount: '180.28', invoiced: '180.28' }, drawdown: { amount: '180.28', invoiced: '180.28' } });
  expect(change(settled.budget.committed, (await standing(order.id)).budget.committed)).toBe('-90.14');
});

it('does not let an invoice for returned goods wait: they will not come again, so accounts payable sees the quantity difference now (issue 16)', async () => {
  // 10 packs ordered and received, 4 returned damaged (net 6, the order PARTIALLY_RECEIVED), all 10 invoiced.
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '10' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '-4', reason: 'Skadet i transport' }]);
  const [{ status }] = await t.sql(`SELECT status FROM purchase_order WHERE id = $1`, [order.id]);
  expect(status).toBe('PARTIALLY_RECEIVED');
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '10', price: '45.07', orderLineId: '1' }] }));
  expect(posted.body.status).toBe('EXCEPTION');
  const exception = await invoiceOf(posted.body.id);
  expect(exception).toMatchObject({ status: 'EXCEPTION', matchMode: 'THREE_WAY', lines: [{ matchStatus: 'QUANTITY_VARIANCE' }] });
  expect(exception.reasons).toEqual([expect.objectContaining({ code: 'QUANTITY_ABOVE_RECEIVED', lineId: '1', expected: '6', actual: '10', difference: '4', differenceNok: '180.28' })]);
  expect((await ledgers(order.id)).commitment.invoiced).toBe('0.00');
});

it('disputes an exception back to the supplier: DISPUTED, answered RE, nothing invoiced', async () => {
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '2' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '2' }]);
  const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '3', price: '45.07', orderLineId: '1' }] }));
  const exception = await invoiceOf(posted.body.id);
  expect(exception).toMatchObject({ status: 'EXCEPTION', lines: [{ matchStatus: 'QUANTITY_VARIANCE' }] });
  // A re-match that finds the same leaves the version accounts payable read.
  await t.app.get(InvoiceRematch).rematchOrder(order.id);
  expect((await invoiceOf(exception.id)).version).toBe(exception.version);
  const disputed = await t.gql(ap, DECIDE('disputeInvoice'), { i: { invoiceId: exception.id, expectedVersion: exception.version, reason: 'Only 2 packs were delivered' } });
  expect(disputed.data.disputeInvoice).toMatchObject({ __typename: 'Invoice', status: 'DISPUTED', responseCode: 'RE' });
  expect((await ledgers(order.id)).commitment.invoiced).toBe('0.00');
  const queue = await t.gql(ap, `{ invoiceExceptions(first: 100) { edges { node { id } } } }`);
  expect(queue.data.invoiceExceptions.edges.map((e: any) => e.node.id)).not.toContain(exception.id);
});

it('takes a rule’s UNSPSC prefix only at a level of the code tree (2, 4, 6 or 8 digits), in the API and in the table', async () => {
  const threeDigits = await t.gql(ap, `mutation($i: AddInvoiceMatchRuleInput!) { addInvoiceMatchRule(input: $i) { __typename } }`, {
    i: { organisationId: t.world.orgs.skole, unspscPrefix: '441', mode: 'TWO_WAY' },
  });
  expect(threeDigits.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  // Written past the API, the table's own check refuses it as well.
  await expect(t.app.get(DataSource).query(`INSERT INTO invoice_match_rule (buyer_organisation_id, unspsc_prefix, mode) VALUES ($1, '441', 'TWO_WAY')`, [t.world.orgs.skole])).rejects.toThrow(
    /invoice_match_rule_unspsc_prefix_check/,
  );
});

it('applies a supplier rule’s looser price and total tolerance, and only while the rule stands', async () => {
  const added = await t.gql(ap, `mutation($i: AddInvoiceMatchRuleInput!) { addInvoiceMatchRule(input: $i) { __typename ... on InvoiceMatchRule { id supplierId } ${ERROR} } }`, {
    i: { organisationId: t.world.orgs.skole, supplierId: t.world.orgs.kontorland, tolerance: { pricePercent: '10', priceAbsolute: null, totalPercent: '10', totalAbsolute: null } },
  });
  expect(added.data.addInvoiceMatchRule).toMatchObject({ __typename: 'InvoiceMatchRule', supplierId: t.world.orgs.kontorland });
  const twice = await t.gql(ap, `mutation($i: AddInvoiceMatchRuleInput!) { addInvoiceMatchRule(input: $i) { __typename } }`, {
    i: { organisationId: t.world.orgs.skole, supplierId: t.world.orgs.kontorland, mode: 'TWO_WAY' },
  });
  expect(twice.data.addInvoiceMatchRule.__typename).toBe('MatchRuleExistsError');
  try {
    const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
    await receive(t, order.id, [{ lineId: '1', quantity: '1' }]);
    const posted = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '1', price: '48.00', orderLineId: '1' }] }));
    expect(posted.body.status).toBe('APPROVED');
  } finally {
    const removed = await t.gql(ap, `mutation($r: Int!) { removeInvoiceMatchRule(ruleId: $r) { id } }`, { r: added.data.addInvoiceMatchRule.id });
    expect(removed.data.removeInvoiceMatchRule.id).toBe(added.data.addInvoiceMatchRule.id);
  }
  const order = await acceptedOrder(t, [{ sellerItemId: 'KL-100', quantity: '1' }]);
  await receive(t, order.id, [{ lineId: '1', quantity: '1' }]);
  const without = await postDocument(t, erp, quickInvoiceXml({ id: number('F'), orderReference: order.number, lines: [{ quantity: '1', price: '48.00', orderLineId: '1' }] }));
  expect(without.body.status).toBe('EXCEPTION');
});

it('matches a service line two-way under a category rule while a goods line of the same buyer and invoice waits for its receipt', async () => {
  // Printer maintenance (UNSPSC 81112306, in segment 81: engineering and technology services) is
  // not in the built-in code subset; its branch of the official code set is added as a code-set
  // import would, and Kontorland gets an agreement covering it beside paper.
  await t.sql(
    `INSERT INTO unspsc_node (code, level, title, parent_code, version) VALUES
       ('81000000', 1, 'Engineering and Research and Technology Based Services', NULL, 'test'),
       ('81110000', 2, 'Computer services', '81000000', 'test'),
       ('81112300', 3, 'Computer hardware maintenance and support', '81110000', 'test'),
       ('81112306', 4, 'Printer, scanner and multifunctional equipment maintenance', '81112300', 'test')
     ON CONFLICT (code) DO NOTHING`,
  );
  const agreement = await createAgreement(t, { scope: ['14110000', '81110000'] });
  await publishFile(
    t,
    agreement.id,
    Buffer.from(
      'seller_item_id,name,unspsc,price,vat_rate,unit\n' +
        'SRV-TWO-1,Service på skriver og kopimaskin (per besøk),81112306,950.00,25,EA\n' +
        'GDS-TWO-1,Kopipapir A4 80 g 500 ark (avtale med service),14111507,45.07,25,PK\n',
    ),
    'service-and-paper.csv',
  );

  // Nordby skole matches three-way by default; services (segment 81) two-way, by a rule.
  const policy = await t.gql(ap, `mutation { setInvoiceMatchPolicy(input: { organisationId: ${t.world.orgs.skole}, mode: THREE_WAY }) { mode definedBy } }`);
  expect(policy.data.setInvoiceMatchPolicy).toEqual({ mode: 'THREE_WAY', definedBy: t.world.orgs.skole });
  const rule = await t.gql(ap, `mutation($i: AddInvoiceMatchRuleInput!) { addInvoiceMatchRule(input: $i) { __typename ... on InvoiceMatchRule { id } ${ERROR} } }`, {
    i: { organisationId: t.world.orgs.skole, unspscPrefix: '81', mode: 'TWO_WAY' },
  });
  expect(rule.data.addInvoiceMatchRule.__typename).toBe('InvoiceMatchRule');
  try {
    const order = await acceptedOrder(t, [
      { sellerItemId: 'SRV-TWO-1', quantity: '1' },
      { sellerItemId: 'GDS-TWO-1', quantity: '4' },
    ]);
    const lineOf = (sellerItemId: string) => order.lines.find((l: { sellerItemId: string }) => l.sellerItemId === sellerItemId).lineId;
    // Invoiced before anything is received: the visit is matched (two-way), the paper not received (three-way).
    const posted = await postDocument(
      t,
      erp,
      quickInvoiceXml({
        id: number('F'),
        orderReference: order.number,
        lines: [
          { quantity: '1', price: '950.00', orderLineId: lineOf('SRV-TWO-1'), sellerItemId: 'SRV-TWO-1', unitCode: 'EA' },
          { quantity: '4', price: '45.07', orderLineId: lineOf('GDS-TWO-1'), sellerItemId: 'GDS-TWO-1' },
        ],
      }),
    );
    expect(posted.status).toBe(201);
    expect(posted.body.status).toBe('WAITING');
    const waiting = await invoiceOf(posted.body.id);
    expect(waiting).toMatchObject({
      status: 'WAITING',
      lines: [
        { lineId: '1', matchStatus: 'MATCHED' },
        { lineId: '2', matchStatus: 'NOT_RECEIVED' },
      ],
    });
    // The paper waits (NOT_RECEIVED), and that is all accounts payable is told: the paper is expected at what the
    // order allows for it (4 × 45.07), so the total of 1130.28 is what the order comes to, no TOTAL_ABOVE_EXPECTED.
    expect(waiting.reasons).toEqual([expect.objectContaining({ code: 'NOT_RECEIVED', lineId: '2', differenceNok: expect.stringMatching(/^180\.28$/) })]);

    // The paper arrives: the re-match approves the invoice, still two-way for the visit.
    await receive(t, order.id, [{ lineId: lineOf('GDS-TWO-1'), quantity: '4' }]);
    await drain(t);
    expect(await invoiceOf(posted.body.id)).toMatchObject({ status: 'APPROVED', reasons: [], lines: [{ matchStatus: 'MATCHED' }, { matchStatus: 'MATCHED' }] });
  } finally {
    await t.gql(ap, `mutation($r: Int!) { removeInvoiceMatchRule(ruleId: $r) { id } }`, { r: rule.data.addInvoiceMatchRule.id });
    await t.sql(`DELETE FROM invoice_match_policy WHERE buyer_organisation_id = $1`, [t.world.orgs.skole]);
  }
});
