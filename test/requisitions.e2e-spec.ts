import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { startTestApp, TestApp } from './support/test-app';

/**
 * From cart to approved order (issue 15 §2, §4), over HTTP on the demo world. Nordby skole:
 * bestiller@ (REQUESTER, own limit NOK 5,000) and attestant@ (APPROVER on every cost centre up to
 * NOK 100,000, own limit 20,000); cost centre 2100 has a budget of NOK 450,000 this year.
 * Vestby kommune has no approver.
 */
let t: TestApp;
const REKTOR = 'rektor@nordby.example';
const VIKAR = 'vikar@nordby.example';
beforeAll(async () => {
  t = await startTestApp();
  // A second approver at the school (so the attestant's own requisitions can be routed) and a substitute, granted by the kommune's ADMIN.
  const admin = await t.login('okonomi@storby.example');
  for (const [email, name, roles] of [
    [REKTOR, 'Rita Rektor', ['APPROVER', 'REQUESTER']],
    [VIKAR, 'Vera Vikar', ['APPROVER']],
  ] as const) {
    const res = await t.gql(admin, 'mutation($i: GrantMembershipInput!) { grantMembership(input: $i) { userId } }', { i: { email, name, organisationId: t.world.orgs.skole, roles } });
    t.world.users[email] = { userId: res.data.grantMembership.userId, organisationId: t.world.orgs.skole };
  }
  const right = await t.gql(admin, 'mutation($i: SetApproverRightInput!) { setApproverRight(input: $i) { __typename } }', {
    i: { organisationId: t.world.orgs.skole, userId: t.world.users[REKTOR].userId, maxAmount: '100000' },
  });
  expect(right.data.setApproverRight.__typename).toBe('ApprovalAuthority');
});
afterAll(() => t?.close());

const BESTILLER = 'bestiller@nordby.example';
const ATTESTANT = 'attestant@nordby.example';
const ORDER = `id requisitionNumber number status version buyerOrganisationId requesterUserId supplierId agreementId costCentreId budgetYear accountingString deliveryAddressId
  wantedDeliveryDate noteToSupplier customerReference currency lineExtensionAmount vatAmount taxInclusiveAmount approvalRoute decidedByUserId decidedOnBehalfOfUserId decisionComment
  budgetOverrideReason sentAt lines { lineId kind name quantity unitCode price vatRate lineAmount sellerItemId loyalty agreementId catalogueVersionId status }`;
const ERROR = `... on ErrorResult { errorCode message }`;
const SUBMIT = `mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { ${ORDER} } } ${ERROR}
  ... on CartNotOrderableError { lines { lineId status reason } } ... on NoApproverError { costCentreId amount }
  ... on CeilingExceededError { remaining requested } ... on BudgetExceededError { remaining requested } } }`;
const APPROVE = `mutation($i: DecideRequisitionInput!) { approveRequisition(input: $i) { __typename ... on Order { ${ORDER} } ${ERROR}
  ... on BudgetExceededError { budget committed remaining requested } ... on OrderStateError { status } ... on OrderVersionConflictError { currentVersion } } }`;
const REJECT = `mutation($i: DecideRequisitionInput!) { rejectRequisition(input: $i) { __typename ... on Order { id status decisionComment } ${ERROR} } }`;
const WITHDRAW = `mutation($id: Int!) { withdrawRequisition(orderId: $id) { __typename ... on Order { id status } ${ERROR} } }`;
const CANCEL = `mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { __typename ... on Order { id status } ${ERROR} ... on OrderStateError { status } } }`;
const ADD_ITEM = `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename ${ERROR} } }`;
const ADD_FREE = `mutation($i: AddFreeTextToCartInput!) { addFreeTextToCart(input: $i) { __typename ${ERROR} } }`;
const QUEUE = `{ approvalQueue { id requisitionNumber requesterUserId lineExtensionAmount } }`;

const gql = async (email: string, query: string, variables?: Record<string, unknown>) => t.gql(await t.login(email), query, variables);
const costCentre = (code: string) => t.world.buyerSetup.costCentres[`skole:${code}`];
const checkout = (over: Record<string, unknown> = {}) => ({ costCentreId: costCentre('2100'), deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole!, ...over });

/** The published item id of a seller item in an agreement's version in force. */
async function item(sellerItemId: string): Promise<string> {
  const [row] = await t.sql(`SELECT ci.id::text AS id FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE ci.seller_item_id = $1 LIMIT 1`, [
    sellerItemId,
  ]);
  return row.id;
}
/** Any item of the version in force of an agreement. */
async function anyItemOf(agreementId: number): Promise<string> {
  const [row] = await t.sql(
    `SELECT ci.id::text AS id FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE v.agreement_id = $1 ORDER BY ci.id LIMIT 1`,
    [agreementId],
  );
  return row.id;
}
async function addItem(email: string, sellerItemId: string, quantity: string) {
  const res = await gql(email, ADD_ITEM, { i: { itemId: await item(sellerItemId), quantity } });
  expect(res.data?.addItemToCart.__typename).toBe('CartLineAdded');
}
async function submit(email: string, over: Record<string, unknown> = {}) {
  const res = await gql(email, SUBMIT, { i: checkout(over) });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.submitCart;
}
const committedOn = async (orderId: number) =>
  (await t.sql(`SELECT amount::text AS amount FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(orderId)]))[0]?.amount ?? null;
const userId = (email: string) => t.world.users[email].userId;

describe('submitting a cart', () => {
  it('approves at once what is within the requester’s own limit: an order number, a commitment on the cost centre, the cart closed, lines as in the cart', async () => {
    await addItem(BESTILLER, 'KL-100', '10'); // 10 × 45.07 = 450.70
    const res = await submit(BESTILLER, { accountingString: '2100.6550', noteToSupplier: 'Levering før kl. 14', wantedDeliveryDate: '2099-01-15' });
    expect(res.__typename).toBe('CartSubmitted');
    expect(res.requisitions).toHaveLength(1);
    const [order] = res.requisitions;
    expect(order).toMatchObject({
      status: 'APPROVED',
      approvalRoute: 'WITHIN_OWN_LIMIT',
      requisitionNumber: expect.stringMatching(/^REQ-\d{4}-\d{6}$/),
      number: expect.stringMatching(/^PO-\d{4}-\d{6}$/),
      supplierId: t.world.orgs.kontorland,
      agreementId: t.world.agreements['2025-001'],
      costCentreId: costCentre('2100'),
      accountingString: '2100.6550',
      noteToSupplier: 'Levering før kl. 14',
      wantedDeliveryDate: '2099-01-15',
      currency: 'NOK',
      lineExtensionAmount: '450.70',
      vatAmount: '112.68',
      taxInclusiveAmount: '563.38',
      decidedByUserId: userId(BESTILLER),
    });
    expect(order.lines).toEqual([
      expect.objectContaining({
        lineId: '1',
        kind: 'CATALOGUE',
        quantity: '10.00',
        unitCode: 'PK',
        price: '45.07',
        vatRate: '25.00',
        lineAmount: '450.70',
        sellerItemId: 'KL-100',
        loyalty: 'ON_AGREEMENT',
        status: 'OPEN',
      }),
    ]);
    expect(await committedOn(order.id)).toBe('450.70');
    const cart = await gql(BESTILLER, '{ cart { id lines { id } } }');
    expect(cart.data.cart).toEqual({ id: null, lines: [] });
    const audit = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'purchase_order' AND entity_id = $1 ORDER BY id`, [String(order.id)]);
    // The order document may already have left (the outbox runs after the commit): order.sent may follow.
    expect(audit.map((a) => a.action).filter((a) => a !== 'order.sent')).toEqual(['order.submitted', 'order.approved']);
  });

  it('makes one requisition per supplier, and sends what exceeds the own limit to an approver, who sees it in the queue', async () => {
    await addItem(BESTILLER, 'KL-100', '200'); // 9,014.00: above the limit of 5,000
    const it = await gql(BESTILLER, ADD_ITEM, { i: { itemId: await anyItemOf(t.world.agreements['2025-003']), quantity: '1' } });
    expect(it.data.addItemToCart.__typename).toBe('CartLineAdded');
    const res = await submit(BESTILLER);
    expect(res.requisitions.map((r: any) => [r.supplierId, r.status, r.approvalRoute])).toEqual([
      [t.world.orgs.kontorland, 'PENDING_APPROVAL', 'NEEDS_APPROVAL'],
      [t.world.orgs.datautstyr, expect.any(String), expect.any(String)],
    ]);
    const pending = res.requisitions[0];
    expect(pending.number).toBeNull();
    expect(await committedOn(pending.id)).toBeNull();
    const queue = await gql(ATTESTANT, QUEUE);
    expect(queue.data.approvalQueue.map((o: any) => o.id)).toContain(pending.id);
    // The approvers were told by e-mail, through the outbox.
    const mails = await t.sql(`SELECT payload FROM outbox_message WHERE topic = 'notify.email' AND payload->>'subject' LIKE $1`, [`%${pending.requisitionNumber}%`]);
    expect(mails).toHaveLength(1);
    expect(mails[0].payload.to.sort()).toEqual([ATTESTANT, REKTOR].sort());
    const notMine = await gql(BESTILLER, QUEUE);
    expect(notMine.errors![0].extensions!.code).toBe('FORBIDDEN');

    const approved = await gql(ATTESTANT, APPROVE, { i: { orderId: pending.id, comment: 'Ok', expectedVersion: pending.version } });
    expect(approved.data.approveRequisition).toMatchObject({
      __typename: 'Order',
      status: 'APPROVED',
      number: expect.stringMatching(/^PO-/),
      decidedByUserId: userId(ATTESTANT),
      decisionComment: 'Ok',
    });
    expect(await committedOn(pending.id)).toBe('9014.00');
    expect((await gql(ATTESTANT, QUEUE)).data.approvalQueue.map((o: any) => o.id)).not.toContain(pending.id);
    // Approval queued the order document for the supplier; once delivered, the order is SENT.
    await t.app.get(OutboxDispatcher).drain();
    const again = await gql(ATTESTANT, APPROVE, { i: { orderId: pending.id } });
    expect(again.data.approveRequisition).toMatchObject({ __typename: 'OrderStateError', status: 'SENT' });
  });

  it('refuses an empty cart, and a cart with a line that is no longer orderable, submitting nothing', async () => {
    expect((await submit(BESTILLER)).__typename).toBe('CartEmptyError');
    await addItem(BESTILLER, 'KL-100', '1');
    const [line] = await t.sql(`SELECT cl.id FROM cart_line cl JOIN cart c ON c.id = cl.cart_id AND c.status = 'OPEN' WHERE c.owner_user_id = $1`, [userId(BESTILLER)]);
    await t.sql(`UPDATE cart_line SET agreement_id = $1 WHERE id = $2`, [t.world.agreements['2021-007'], line.id]); // as if added under an agreement since expired
    const before = await t.sql(`SELECT count(*)::int AS n FROM purchase_order`);
    const res = await submit(BESTILLER);
    expect(res).toMatchObject({ __typename: 'CartNotOrderableError', errorCode: 'CART_NOT_ORDERABLE', lines: [{ lineId: line.id, status: 'AGREEMENT_NOT_IN_FORCE' }] });
    expect(await t.sql(`SELECT count(*)::int AS n FROM purchase_order`)).toEqual(before);
    await gql(BESTILLER, 'mutation { clearCart { id } }');
  });

  it('refuses a requisition nobody may approve, and rolls back the requisitions made before it', async () => {
    const vestby = 'bestiller@vestby.example';
    // First a requisition within the requester's own limit (approved at once, committed), then one nobody may approve.
    await gql(vestby, ADD_FREE, {
      i: { description: 'Kopipapir fra nærbutikken', unspscCode: '14111507', quantity: '1', unitCode: 'EA', estimatedPrice: '500', preferredSupplierName: 'Lokal Papir AS' },
    });
    await gql(vestby, ADD_FREE, { i: { description: 'Stoler til møterom', unspscCode: '56101504', quantity: '20', unitCode: 'EA', estimatedPrice: '900', preferredSupplierName: 'Lokal Møbel AS' } });
    const before = await t.sql(`SELECT (SELECT count(*) FROM purchase_order)::int AS orders, (SELECT count(*) FROM cost_centre_commitment)::int AS commitments`);
    const res = await gql(vestby, SUBMIT, { i: { costCentreId: t.world.buyerSetup.costCentres['vestby:100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.vestby } });
    expect(res.data.submitCart).toMatchObject({ __typename: 'NoApproverError', errorCode: 'NO_APPROVER', amount: '18000.00' });
    expect(await t.sql(`SELECT (SELECT count(*) FROM purchase_order)::int AS orders, (SELECT count(*) FROM cost_centre_commitment)::int AS commitments`)).toEqual(before);
    const cart = await gql(vestby, '{ cart { lines { id } } }');
    expect(cart.data.cart.lines).toHaveLength(2);
  });

  it("refuses another organisation's cost centre or delivery address as NOT_FOUND", async () => {
    await addItem(BESTILLER, 'KL-100', '1');
    const res = await gql(BESTILLER, SUBMIT, { i: checkout({ costCentreId: t.world.buyerSetup.costCentres['sykehjem:3100'] }) });
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
    const addr = await gql(BESTILLER, SUBMIT, { i: checkout({ deliveryAddressId: t.world.buyerSetup.deliveryAddresses.sykehjem }) });
    expect(addr.errors![0].extensions!.code).toBe('NOT_FOUND');
    const past = await gql(BESTILLER, SUBMIT, { i: checkout({ wantedDeliveryDate: '2020-01-01' }) });
    expect(past.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/in the past/) });
    await gql(BESTILLER, 'mutation { clearCart { id } }');
  });
});

describe('deciding on a requisition', () => {
  /** A pending requisition of `email` for KL-100 × quantity. */
  async function pending(email = BESTILLER, quantity = '150') {
    await addItem(email, 'KL-100', quantity);
    const res = await submit(email);
    expect(res.requisitions[0].status).toBe('PENDING_APPROVAL');
    return res.requisitions[0];
  }

  it('lets nobody approve their own requisition', async () => {
    const own = await pending(ATTESTANT, '600'); // 27,042: above the attestant's own limit of 20,000, routed to the rektor
    expect((await gql(REKTOR, QUEUE)).data.approvalQueue.map((o: any) => o.id)).toContain(own.id);
    const res = await gql(ATTESTANT, APPROVE, { i: { orderId: own.id } });
    expect(res.data.approveRequisition).toMatchObject({ __typename: 'SelfApprovalError', errorCode: 'SELF_APPROVAL' });
    expect((await gql(ATTESTANT, QUEUE)).data.approvalQueue.map((o: any) => o.id)).not.toContain(own.id);
    const withdrawn = await gql(ATTESTANT, WITHDRAW, { id: own.id });
    expect(withdrawn.data.withdrawRequisition).toEqual({ __typename: 'Order', id: own.id, status: 'WITHDRAWN' });
  });

  it('records a substitute’s approval as on behalf of the approver they stand in for', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
    const delegated = await gql(ATTESTANT, 'mutation($i: CreateDelegationInput!) { createDelegation(input: $i) { __typename } }', {
      i: { substituteUserId: userId(VIKAR), validFrom: today, validTo: today },
    });
    expect(delegated.data.createDelegation.__typename).toBe('ApprovalDelegation');
    const req = await pending();
    expect((await gql(VIKAR, QUEUE)).data.approvalQueue.map((o: any) => o.id)).toContain(req.id);
    const res = await gql(VIKAR, APPROVE, { i: { orderId: req.id } });
    expect(res.data.approveRequisition).toMatchObject({ status: 'APPROVED', decidedByUserId: userId(VIKAR), decidedOnBehalfOfUserId: userId(ATTESTANT) });
    const [audit] = await t.sql(`SELECT actor_user_id, data FROM audit_event WHERE action = 'order.approved' AND entity_id = $1`, [String(req.id)]);
    expect(audit).toMatchObject({ actor_user_id: userId(VIKAR), data: { onBehalfOf: userId(ATTESTANT) } });
  });

  it('rejects with a comment only, and a rejected requisition cannot be approved', async () => {
    const req = await pending();
    const bare = await gql(ATTESTANT, REJECT, { i: { orderId: req.id } });
    expect(bare.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const rejected = await gql(ATTESTANT, REJECT, { i: { orderId: req.id, comment: 'Vi har nok papir' } });
    expect(rejected.data.rejectRequisition).toEqual({ __typename: 'Order', id: req.id, status: 'REJECTED', decisionComment: 'Vi har nok papir' });
    const late = await gql(ATTESTANT, APPROVE, { i: { orderId: req.id } });
    expect(late.data.approveRequisition).toMatchObject({ __typename: 'OrderStateError', status: 'REJECTED' });
    expect(await committedOn(req.id)).toBeNull();
  });

  it('refuses to commit beyond the remaining budget without an override, then records the override', async () => {
    const req = await pending();
    const cc = costCentre('2100');
    const year = req.budgetYear;
    // What the budget holder sees committed (each order at the larger of its commitment and what was invoiced of it).
    const budgets = await gql(ATTESTANT, 'query($id: Int!) { costCentre(id: $id) { budgets { year committed } } }', { id: cc });
    const { committed } = budgets.data.costCentre.budgets.find((b: { year: number }) => b.year === year);
    const tight = (Number(committed) + 100).toFixed(2);
    await t.sql(`UPDATE cost_centre_budget SET amount = $1 WHERE cost_centre_id = $2 AND year = $3`, [tight, cc, year]);
    try {
      const refused = await gql(ATTESTANT, APPROVE, { i: { orderId: req.id } });
      expect(refused.data.approveRequisition).toMatchObject({ __typename: 'BudgetExceededError', errorCode: 'BUDGET_EXCEEDED', remaining: '100.00', requested: req.lineExtensionAmount });
      const still = await gql(BESTILLER, `query($id: Int!) { order(id: $id) { status number } }`, { id: req.id });
      expect(still.data.order).toEqual({ status: 'PENDING_APPROVAL', number: null });
      expect(await committedOn(req.id)).toBeNull();
      const overridden = await gql(ATTESTANT, APPROVE, { i: { orderId: req.id, budgetOverrideReason: 'Skolestart: papir må bestilles nå' } });
      expect(overridden.data.approveRequisition).toMatchObject({ status: 'APPROVED', budgetOverrideReason: 'Skolestart: papir må bestilles nå' });
      expect(await committedOn(req.id)).toBe(req.lineExtensionAmount);
    } finally {
      await t.sql(`UPDATE cost_centre_budget SET amount = 450000 WHERE cost_centre_id = $1 AND year = $2`, [cc, year]);
    }
  });

  it('approves exactly once when two approvals race, and refuses a stale version', async () => {
    const req = await pending();
    const stale = await gql(ATTESTANT, APPROVE, { i: { orderId: req.id, expectedVersion: req.version + 1 } });
    expect(stale.data.approveRequisition).toMatchObject({ __typename: 'OrderVersionConflictError', currentVersion: req.version });
    // Two approvers (and one of them twice) at once.
    const results = await Promise.all([ATTESTANT, REKTOR, ATTESTANT].map((who) => gql(who, APPROVE, { i: { orderId: req.id } })));
    const kinds = results.map((r) => r.data.approveRequisition.__typename).sort();
    expect(kinds).toEqual(['Order', 'OrderStateError', 'OrderStateError']);
    const rows = await t.sql(`SELECT count(*)::int AS n FROM cost_centre_commitment WHERE source_type = 'ORDER' AND source_id = $1`, [String(req.id)]);
    expect(rows[0].n).toBe(1);
    const approvals = await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'order.approved' AND entity_id = $1`, [String(req.id)]);
    expect(approvals[0].n).toBe(1);
  });

  it('cancelling an approved order releases its commitment; a cancelled order cannot be cancelled again', async () => {
    const req = await pending();
    await gql(ATTESTANT, APPROVE, { i: { orderId: req.id } });
    expect(await committedOn(req.id)).toBe(req.lineExtensionAmount);
    const short = await gql(BESTILLER, CANCEL, { i: { orderId: req.id, reason: 'x' } });
    expect(short.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const cancelled = await gql(BESTILLER, CANCEL, { i: { orderId: req.id, reason: 'Feilbestilling' } });
    expect(cancelled.data.cancelOrder).toEqual({ __typename: 'Order', id: req.id, status: 'CANCELLED' });
    expect(await committedOn(req.id)).toBe('0.00');
    const twice = await gql(BESTILLER, CANCEL, { i: { orderId: req.id, reason: 'Feilbestilling' } });
    expect(twice.data.cancelOrder).toMatchObject({ __typename: 'OrderStateError', status: 'CANCELLED', message: expect.stringMatching(/is CANCELLED and cannot be cancelled/) });
  });
});

describe('retries with an Idempotency-Key', () => {
  const post = async (email: string, key: string, query: string, variables: Record<string, unknown>) =>
    t.http
      .post('/graphql')
      .set('Authorization', `Bearer ${await t.login(email)}`)
      .set('Idempotency-Key', key)
      .send({ query, variables });

  it('submits a cart once however often, and however concurrently, the same request is sent', async () => {
    await addItem(BESTILLER, 'KL-100', '3');
    const before = await t.sql(`SELECT count(*)::int AS n FROM purchase_order`);
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(BESTILLER, 'submit-cart-1', SUBMIT, { i: checkout() })));
    // One request does the work; one that arrives after it finished is answered with its result
    // (replayed); one that arrives while it runs is told so (409). Which of the last two a request
    // gets depends on timing, never how often the cart is submitted.
    const ok = answers.filter((a) => a.status === 200 && a.headers['idempotent-replayed'] !== 'true');
    expect(ok).toHaveLength(1);
    const others = answers.filter((a) => a !== ok[0]);
    for (const a of others) {
      if (a.status === 200) {
        expect(a.headers['idempotent-replayed']).toBe('true');
        expect(a.body).toEqual(ok[0].body);
      } else {
        expect(a.status).toBe(409);
        expect(a.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      }
    }
    const retry = await post(BESTILLER, 'submit-cart-1', SUBMIT, { i: checkout() });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(ok[0].body);
    const after = await t.sql(`SELECT count(*)::int AS n FROM purchase_order`);
    expect(after[0].n - before[0].n).toBe(1);
  });

  it('approves once when the approval is retried', async () => {
    await addItem(BESTILLER, 'KL-100', '150');
    const [req] = (await submit(BESTILLER)).requisitions;
    const first = await post(ATTESTANT, 'approve-1', APPROVE, { i: { orderId: req.id } });
    const second = await post(ATTESTANT, 'approve-1', APPROVE, { i: { orderId: req.id } });
    expect(first.body.data.approveRequisition.__typename).toBe('Order');
    expect(second.body).toEqual(first.body); // the same approval, not an OrderStateError
    const approvals = await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'order.approved' AND entity_id = $1`, [String(req.id)]);
    expect(approvals[0].n).toBe(1);
  });
});

describe('the agreement’s value ceiling', () => {
  const SET = `mutation($id: Int!, $c: String) { setAgreementCeiling(agreementId: $id, valueCeiling: $c) { __typename } }`;
  const HEADROOM = `query($id: Int!) { agreement(id: $id) { valueCeiling committed remainingHeadroom } }`;
  const PURCHASER = 'innkjoper@storby.example';

  it('refuses at submit an order beyond the remaining headroom, and concurrent approvals never overdraw it', async () => {
    const agreementId = t.world.agreements['2025-001'];
    const headroom = async () => (await gql(PURCHASER, HEADROOM, { id: agreementId })).data.agreement;
    const { committed } = await headroom();
    // Room for exactly two requisitions of KL-100 × 150 (6,760.50 each), not three.
    const ceiling = (Number(committed) + 2 * 6760.5 + 100).toFixed(2);
    expect((await gql(PURCHASER, SET, { id: agreementId, c: ceiling })).data.setAgreementCeiling.__typename).toBe('Agreement');
    try {
      await addItem(BESTILLER, 'KL-100', '2000'); // 90,140: more than is left
      const refused = await submit(BESTILLER);
      expect(refused).toMatchObject({ __typename: 'CeilingExceededError', errorCode: 'AGREEMENT_CEILING_EXCEEDED', remaining: (2 * 6760.5 + 100).toFixed(2), requested: '90140.00' });
      await gql(BESTILLER, 'mutation { clearCart { id } }');

      const requisitions = [];
      for (let i = 0; i < 3; i++) {
        await addItem(BESTILLER, 'KL-100', '150');
        requisitions.push((await submit(BESTILLER)).requisitions[0]);
      }
      const results = await Promise.all(requisitions.map((r) => gql(ATTESTANT, APPROVE, { i: { orderId: r.id } })));
      expect(results.map((r) => r.data.approveRequisition.__typename).sort()).toEqual(['CeilingExceededError', 'Order', 'Order']);
      const after = await headroom();
      expect(Number(after.committed)).toBeLessThanOrEqual(Number(ceiling));
      expect(after.remainingHeadroom).toBe('100.00');
    } finally {
      await gql(PURCHASER, SET, { id: agreementId, c: null });
    }
  });
});

describe('who sees an order', () => {
  it('shows a requisition to its organisation only; a supplier sees nothing before it is sent; an outsider gets NOT_FOUND', async () => {
    await addItem(BESTILLER, 'KL-100', '150');
    const [req] = (await submit(BESTILLER)).requisitions;
    const q = `query($id: Int!) { order(id: $id) { id status lines { lineId quantity price status } } }`;
    expect((await gql(BESTILLER, q, { id: req.id })).data.order.id).toBe(req.id);
    expect((await gql(ATTESTANT, q, { id: req.id })).data.order.id).toBe(req.id);
    for (const outsider of ['katalog@kontorland.example', 'bestiller@sykehjem.example', 'leder@sykehjem.example', 'innkjoper@storby.example']) {
      const res = await gql(outsider, q, { id: req.id });
      expect(res.errors?.[0].extensions!.code).toBe('NOT_FOUND');
    }
    const supplierList = await gql('katalog@kontorland.example', '{ orders { totalCount edges { node { id } } } }');
    expect(supplierList.data.orders.edges.map((e: any) => e.node.id)).not.toContain(req.id);
    const otherBuyer = await gql('bestiller@sykehjem.example', '{ orders { totalCount } }');
    expect(otherBuyer.data.orders.totalCount).toBe(0);
    const mine = await gql(BESTILLER, '{ orders(mine: true) { totalCount edges { node { requesterUserId } } } }');
    expect(new Set(mine.data.orders.edges.map((e: any) => e.node.requesterUserId))).toEqual(new Set([userId(BESTILLER)]));
  });
});
