/**
 * Two API fixes for the web app (issue 18), over HTTP against the real service and database:
 * Order.supplierName names a registered supplier (it was null: the column holds only a supplier
 * outside Torg), and the approval queue pages by cursor (pendingApprovals) like every other list,
 * while the deprecated approvalQueue still answers whole.
 */
import { publishedItem } from './support/orders';
import { startTestApp, TestApp } from './support/test-app';

describe('order supplier names and the approval queue in pages', () => {
  let t: TestApp;
  let requester: string;
  let approver: string;
  const ids: number[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    requester = await t.login('bestiller@nordby.example');
    approver = await t.login('attestant@nordby.example');
    // Three requisitions that need approval: the requester's own limit lowered to 1 kr.
    await t.sql(`UPDATE approval_limit SET amount = 1 WHERE user_id = (SELECT id FROM app_user WHERE email = 'bestiller@nordby.example')`);
    for (const [item, quantity] of [
      ['KL-100', '1'],
      ['KL-101', '2'],
      ['KL-100', '3'],
    ]) {
      await t.gql(requester, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', { i: { itemId: await publishedItem(t, item), quantity } });
      const r = await t.gql(requester, 'mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { id status } } } }', {
        i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole },
      });
      expect(r.data.submitCart.requisitions).toMatchObject([{ status: 'PENDING_APPROVAL' }]);
      ids.push(r.data.submitCart.requisitions[0].id);
    }
  }, 300_000);
  afterAll(() => t?.close());

  it('names the registered supplier of an order, in one organisation lookup per request', async () => {
    const one = await t.gql(requester, 'query($id: Int!) { order(id: $id) { supplierId supplierName } }', { id: ids[0] });
    const [kontorland] = await t.sql(`SELECT id, name FROM organisation WHERE name = 'Kontorland AS'`);
    expect(one.data.order).toEqual({ supplierId: kontorland.id, supplierName: 'Kontorland AS' });
    const list = await t.gql(requester, '{ orders(first: 10, mine: true) { edges { node { supplierName } } } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.orders.edges.map((e: any) => e.node.supplierName)).toEqual(['Kontorland AS', 'Kontorland AS', 'Kontorland AS']);
  });

  it('keeps the name the requester wrote for a supplier outside Torg', async () => {
    await t.sql(`UPDATE purchase_order SET supplier_id = NULL, supplier_name = 'Lokale Blomster' WHERE id = $1`, [ids[2]]);
    try {
      const r = await t.gql(requester, 'query($id: Int!) { order(id: $id) { supplierId supplierName } }', { id: ids[2] });
      expect(r.data.order).toEqual({ supplierId: null, supplierName: 'Lokale Blomster' });
    } finally {
      await t.sql(`UPDATE purchase_order SET supplier_id = (SELECT id FROM organisation WHERE name = 'Kontorland AS'), supplier_name = NULL WHERE id = $1`, [ids[2]]);
    }
  });

  it('pages the approval queue by cursor, oldest first, and keeps the old whole list answering', async () => {
    const PAGE = `query($after: String) { pendingApprovals(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id supplierName } } } }`;
    const first = await t.gql(approver, PAGE);
    expect(first.errors).toBeUndefined();
    const p1 = first.data.pendingApprovals;
    expect(p1.totalCount).toBe(3);
    expect(p1.edges.map((e: any) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await t.gql(approver, PAGE, { after: p1.pageInfo.endCursor })).data.pendingApprovals;
    expect(p2.edges.map((e: any) => e.node.id)).toEqual([ids[2]]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(p2.edges[0].node.supplierName).toBe('Kontorland AS');

    const whole = await t.gql(approver, '{ approvalQueue { id } }');
    expect(whole.data.approvalQueue.map((o: any) => o.id)).toEqual(ids);

    const bad = await t.gql(approver, '{ pendingApprovals(after: "nonsense") { totalCount } }');
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].message).toMatch(/^after: "nonsense" is not a cursor from this list/);
    const tooMany = await t.gql(approver, '{ pendingApprovals(first: 101) { totalCount } }');
    expect(tooMany.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    // A requester is refused the approver's queue.
    expect((await t.gql(requester, '{ pendingApprovals { totalCount } }')).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('skips none of the queue when a requisition is decided between pages: the cursor is the last id, not a position', async () => {
    const PAGE = `query($after: String) { pendingApprovals(first: 1, after: $after) { totalCount pageInfo { endCursor } edges { node { id } } } }`;
    const p1 = (await t.gql(approver, PAGE)).data.pendingApprovals;
    expect(p1.edges.map((e: any) => e.node.id)).toEqual([ids[0]]);
    // The first requisition leaves the queue (rejected by another approver) before the next page is read.
    await t.sql(`UPDATE purchase_order SET status = 'REJECTED' WHERE id = $1`, [ids[0]]);
    try {
      const p2 = (await t.gql(approver, PAGE, { after: p1.pageInfo.endCursor })).data.pendingApprovals;
      // A position cursor would now give ids[2] and skip ids[1].
      expect(p2.edges.map((e: any) => e.node.id)).toEqual([ids[1]]);
      expect(p2.totalCount).toBe(2);
      const p3 = (await t.gql(approver, PAGE, { after: p2.pageInfo.endCursor })).data.pendingApprovals;
      expect(p3.edges.map((e: any) => e.node.id)).toEqual([ids[2]]);
    } finally {
      await t.sql(`UPDATE purchase_order SET status = 'PENDING_APPROVAL' WHERE id = $1`, [ids[0]]);
    }
  });
});
