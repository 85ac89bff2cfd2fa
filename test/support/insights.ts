import type { InsightReportsRepository } from '../../src/insights/insight-reports.repository';
import type { InsightQuery } from '../../src/insights/insight-query';
import { InsightDimension } from '../../src/insights/insights.types';
import type { RequestContext } from '../../src/platform/context/request-context';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox-dispatcher';
import { publishedItem } from './orders';
import type { TestApp } from './test-app';

/** A line to put in the cart: a catalogue item (by seller item id) or a free-text need. */
export type CartItem = { sellerItemId: string; quantity: string } | { freeText: Record<string, unknown> };

/**
 * Puts the items in the requester's cart and submits it to Nordby skole's cost centre 2100;
 * returns the requisitions made (one per supplier; within the requester's limit each is approved at once).
 */
export async function submitCart(t: TestApp, items: CartItem[], email = 'bestiller@nordby.example'): Promise<any[]> {
  const token = await t.login(email);
  for (const item of items) {
    const res =
      'freeText' in item
        ? await t.gql(token, 'mutation($i: AddFreeTextToCartInput!) { addFreeTextToCart(input: $i) { __typename } }', { i: item.freeText })
        : await t.gql(token, 'mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { __typename } }', {
            i: { itemId: await publishedItem(t, item.sellerItemId), quantity: item.quantity },
          });
    const added = res.data?.addFreeTextToCart ?? res.data?.addItemToCart;
    if (added?.__typename !== 'CartLineAdded') throw new Error(`adding ${JSON.stringify(item)}: ${JSON.stringify(res)}`);
  }
  const submitted = await t.gql(
    token,
    'mutation($i: SubmitCartInput!) { submitCart(input: $i) { __typename ... on CartSubmitted { requisitions { id number status version } } ... on ErrorResult { message } } }',
    { i: { costCentreId: t.world.buyerSetup.costCentres['skole:2100'], deliveryAddressId: t.world.buyerSetup.deliveryAddresses.skole } },
  );
  const requisitions = submitted.data?.submitCart.requisitions;
  if (!requisitions) throw new Error(`submitting: ${JSON.stringify(submitted)}`);
  return requisitions;
}

/** Waits until every spend event queued so far is written as facts. */
export const factsWritten = (t: TestApp) => t.app.get(OutboxDispatcher).drain('insights.spend');

/**
 * Every report for `q` answered as the service answers it (from the rollups where one can) and
 * from the fact lines alone: equal, row for row. Loyalty and leakage are asked with the UNSPSC
 * `code` filter and without the supplier, which no spend rollup keeps; that query is returned
 * (the caller may count which rollup answered it, `rollupFor`).
 */
export async function expectRollupsAnswerAsFacts(reports: InsightReportsRepository, ctx: RequestContext, q: InsightQuery, page = { offset: 0, limit: 100 }, code?: string): Promise<InsightQuery> {
  const facts = { ...q, factLinesOnly: true };
  const coded = { ...q, supplierId: undefined, groupBy: q.groupBy.filter((d) => d !== InsightDimension.SUPPLIER), unspscCode: code };
  expect(await reports.loyalty(ctx, coded)).toEqual(await reports.loyalty(ctx, { ...coded, factLinesOnly: true }));
  expect(await reports.leakage(ctx, coded)).toEqual(await reports.leakage(ctx, { ...coded, factLinesOnly: true }));
  expect(await reports.spend(ctx, q)).toEqual(await reports.spend(ctx, facts));
  expect(await reports.orders(ctx, q)).toEqual(await reports.orders(ctx, facts));
  expect(await reports.invoices(ctx, q)).toEqual(await reports.invoices(ctx, facts));
  expect(await reports.orderedPerAgreement(ctx, q)).toEqual(await reports.orderedPerAgreement(ctx, facts));
  expect(await reports.offAgreementLines(ctx, q, page.offset, page.limit)).toEqual(await reports.offAgreementLines(ctx, facts, page.offset, page.limit));
  // A scope with no invoice answers no rows on both paths (it divided by zero before).
  expect(await reports.exceptionRates(ctx, q)).toEqual(await reports.exceptionRates(ctx, facts));
  return coded;
}
