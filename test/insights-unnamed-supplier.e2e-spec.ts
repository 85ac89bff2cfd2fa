import { factsWritten, submitCart } from './support/insights';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A free-text line for which the requester named no supplier becomes an order of its own, placed
 * outside Torg (issue 16 §4 and the ordering issue): its approval tells insights of its ordered
 * spend like any other. The fact used to require a supplier name, so the approval — and the
 * submitCart that approves within the requester's limit — failed with a 500.
 */
describe('Insights of an order that names no supplier', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('approves it and counts its ordered spend under no supplier', async () => {
    const [requisition] = await submitCart(t, [
      {
        freeText: {
          description: 'Flipoverstativ',
          unspscCode: '44111900',
          quantity: '2',
          unitCode: 'EA',
          estimatedPrice: '750',
          justification: { code: 'ITEM_NOT_IN_AGREEMENT', text: 'Ingen avtale dekker stativer' },
        },
      },
    ]);
    expect(requisition.status).toBe('APPROVED');
    await factsWritten(t);
    const facts = await t.sql(`SELECT supplier_id, supplier_name, to_char(amount, 'FM999999990.00') AS amount FROM insights_order_line WHERE order_id = $1`, [requisition.id]);
    expect(facts).toEqual([{ supplier_id: null, supplier_name: null, amount: '1500.00' }]);

    const purchaser = await t.login('innkjoper@storby.example');
    const res = await t.gql(purchaser, `query { insightSpend(filter: { groupBy: [SUPPLIER] }) { supplierId supplierName amount documents } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.insightSpend).toContainEqual({ supplierId: null, supplierName: null, amount: '1500.00', documents: 1 });
  });
});
