import { createAgreement, publishFile, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The cart (issue 15 §2) and agreement loyalty when adding (§3), over HTTP on the demo world:
 * Nordby skole takes part (through Storby kommune) in 2025-001 (office supplies, mandatory) and
 * 2025-003 (IT, voluntary); Storby sykehjem alone in 2025-002; Vestby kommune in nothing.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const BESTILLER = 'bestiller@nordby.example';
const LINE = `id lineNo kind name unspscCode quantity unitCode unitPrice currency vatRate lineAmount lineVat catalogueItemId catalogueVersionId agreementId
  sellerItemId gtin supplierId supplierName loyalty coveringAgreementIds justificationCode justificationText check { status reason currentPrice currentItemId }`;
const TOTAL = `currency lineExtensionAmount vatAmount taxInclusiveAmount vatBreakdown { rate taxableAmount vatAmount }`;
const CART = `id allOrderable lines { ${LINE} } totals { ${TOTAL} } supplierGroups { key supplierId supplierName lines { id } totals { ${TOTAL} } }`;
const ALTERNATIVE = `itemId name sellerItemId unspscCode price currency unitCode agreementId supplierId savingPerUnit savingForLine`;
const ADDED = `__typename ... on CartLineAdded { line { ${LINE} } cart { ${CART} } alternatives { ${ALTERNATIVE} } } ... on ErrorResult { errorCode message }`;
const ADD_ITEM = `mutation($i: AddItemToCartInput!) { addItemToCart(input: $i) { ${ADDED} ... on ItemNotOrderable { itemId } } }`;
const ADD_FREE = `mutation($i: AddFreeTextToCartInput!) { addFreeTextToCart(input: $i) { ${ADDED}
  ... on MandatoryAgreementRefusal { agreements { id reference title } alternatives { ${ALTERNATIVE} } } } }`;
const REPLACE = `mutation($l: Int!, $i: String!) { replaceCartLineWithItem(lineId: $l, itemId: $i) { ${ADDED} } }`;
const CART_QUERY = `{ cart { ${CART} } }`;
const CLEAR = `mutation { clearCart { id lines { id } } }`;

const as = (email: string) => t.login(email);
const gql = async (email: string, query: string, variables?: Record<string, unknown>) => t.gql(await as(email), query, variables);

/** The item id search gives for a supplier item number (searching as the given buyer). */
async function searchItem(sellerItemId: string, email = BESTILLER, agreementId?: number): Promise<{ itemId: string; price: string; name: string }> {
  const res = await gql(email, `query($i: ProductSearchInput!) { searchProducts(input: $i) { edges { node { itemId sellerItemId price name } } } }`, {
    i: { text: sellerItemId, first: 20, ...(agreementId ? { agreementIds: [agreementId] } : {}) },
  });
  const hit = res.data.searchProducts.edges.map((e: any) => e.node).find((n: any) => n.sellerItemId === sellerItemId);
  if (!hit) throw new Error(`search found no ${sellerItemId}: ${JSON.stringify(res)}`);
  return hit;
}

/** Any item of the version in force of an agreement (for items a buyer cannot find by search). */
async function publishedItemOf(agreementId: number): Promise<string> {
  const [row] = await t.sql(
    `SELECT ci.id::text AS id FROM catalogue_item ci JOIN catalogue_version v ON v.id = ci.version_id AND v.status = 'PUBLISHED' WHERE v.agreement_id = $1 ORDER BY ci.id LIMIT 1`,
    [agreementId],
  );
  return row.id;
}

const freeText = (over: Record<string, unknown> = {}) => ({ description: 'Kopipapir A4 fra nærbutikken', unspscCode: '14111507', quantity: '3', unitCode: 'PK', estimatedPrice: '60', ...over });

describe('the cart: adding by item id from search', () => {
  beforeEach(async () => {
    await gql(BESTILLER, CLEAR);
  });

  it('keeps the published terms on the line as a snapshot, with PEPPOL totals grouped per supplier, and audits the change', async () => {
    const paper = await searchItem('KL-100');
    const res = await gql(BESTILLER, ADD_ITEM, { i: { itemId: paper.itemId, quantity: '3' } });
    const added = res.data.addItemToCart;
    expect(added.__typename).toBe('CartLineAdded');
    expect(added.line).toMatchObject({
      kind: 'CATALOGUE',
      name: 'Kopipapir A4 80 g 500 ark',
      unspscCode: '14111507',
      quantity: '3.00',
      unitCode: 'PK',
      unitPrice: '45.07',
      currency: 'NOK',
      vatRate: '25.00',
      lineAmount: '135.21',
      lineVat: '33.80', // 33.8025
      catalogueItemId: paper.itemId,
      agreementId: t.world.agreements['2025-001'],
      sellerItemId: 'KL-100',
      gtin: '7090000010003',
      supplierId: t.world.orgs.kontorland,
      supplierName: 'Kontorland AS',
      loyalty: 'ON_AGREEMENT',
      check: { status: 'ORDERABLE', reason: null, currentPrice: null, currentItemId: null },
    });
    const [version] = await t.sql(`SELECT version_id FROM catalogue_item WHERE id = $1`, [paper.itemId]);
    expect(added.line.catalogueVersionId).toBe(version.version_id);
    expect(added.alternatives).toEqual([]);

    const mouse = await searchItem((await t.sql(`SELECT seller_item_id FROM catalogue_item WHERE id = $1`, [await publishedItemOf(t.world.agreements['2025-003'])]))[0].seller_item_id);
    const second = (await gql(BESTILLER, ADD_ITEM, { i: { itemId: mouse.itemId, quantity: '1.5' } })).data.addItemToCart;
    expect(second.__typename).toBe('CartLineAdded');
    const cart = (await gql(BESTILLER, CART_QUERY)).data.cart;
    expect(cart.lines.map((l: any) => l.lineNo)).toEqual([1, 2]);
    expect(cart.supplierGroups.map((g: any) => [g.key, g.supplierName, g.lines.length])).toEqual([
      [`supplier:${t.world.orgs.kontorland}`, 'Kontorland AS', 1],
      [`supplier:${t.world.orgs.datautstyr}`, 'Datautstyr Norge AS', 1],
    ]);
    expect(cart.supplierGroups[0].totals).toEqual([
      { currency: 'NOK', lineExtensionAmount: '135.21', vatAmount: '33.80', taxInclusiveAmount: '169.01', vatBreakdown: [{ rate: '25.00', taxableAmount: '135.21', vatAmount: '33.80' }] },
    ]);
    const mouseAmount = (BigInt(Math.round(Number(mouse.price) * 100)) * 15n + 5n) / 10n; // cents × 1.5, rounded half up
    const excl = 13521n + mouseAmount;
    const vat = (excl * 25n + 50n) / 100n;
    const c = (n: bigint) => `${n / 100n}.${(n % 100n).toString().padStart(2, '0')}`;
    expect(cart.totals).toEqual([
      { currency: 'NOK', lineExtensionAmount: c(excl), vatAmount: c(vat), taxInclusiveAmount: c(excl + vat), vatBreakdown: [{ rate: '25.00', taxableAmount: c(excl), vatAmount: c(vat) }] },
    ]);
    expect(cart.allOrderable).toBe(true);

    const stored = await t.sql(`SELECT unit_price::text, quantity::text, loyalty FROM cart_line WHERE cart_id = $1 ORDER BY line_no`, [cart.id]);
    expect(stored[0]).toEqual({ unit_price: '45.0700', quantity: '3.0000', loyalty: 'ON_AGREEMENT' });
    const audit = await t.sql(`SELECT action, data FROM audit_event WHERE entity_type = 'cart' AND entity_id = $1 ORDER BY id`, [String(cart.id)]);
    expect(audit.slice(-2).map((a) => [a.action, a.data.itemId])).toEqual([
      ['cart.line-added', paper.itemId],
      ['cart.line-added', mouse.itemId],
    ]);
  });

  it('changes the quantity, removes a line and clears the cart, own lines only', async () => {
    const paper = await searchItem('KL-100');
    const line = (await gql(BESTILLER, ADD_ITEM, { i: { itemId: paper.itemId, quantity: '2' } })).data.addItemToCart.line;
    const updated = await gql(BESTILLER, `mutation($i: UpdateCartLineQuantityInput!) { updateCartLineQuantity(input: $i) { lines { id quantity lineAmount } } }`, {
      i: { lineId: line.id, quantity: '10' },
    });
    expect(updated.data.updateCartLineQuantity.lines).toEqual([{ id: line.id, quantity: '10.00', lineAmount: '450.70' }]);
    for (const quantity of ['0', '-1', 'abc', '2000000', '1.23456']) {
      const bad = await gql(BESTILLER, `mutation($i: UpdateCartLineQuantityInput!) { updateCartLineQuantity(input: $i) { id } }`, { i: { lineId: line.id, quantity } });
      expect({ quantity, code: bad.errors?.[0]?.extensions?.code }).toEqual({ quantity, code: 'BAD_USER_INPUT' });
    }
    // Another requester of the same school cannot touch it: it is not in their cart.
    const other = await gql('attestant@nordby.example', `mutation($l: Int!) { removeCartLine(lineId: $l) { id } }`, { l: line.id });
    expect(other.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await gql(BESTILLER, CART_QUERY)).data.cart.lines).toHaveLength(1);

    const removed = await gql(BESTILLER, `mutation($l: Int!) { removeCartLine(lineId: $l) { id lines { id } totals { currency } } }`, { l: line.id });
    expect(removed.data.removeCartLine).toMatchObject({ lines: [], totals: [] });
    await gql(BESTILLER, ADD_ITEM, { i: { itemId: paper.itemId, quantity: '1' } });
    await gql(BESTILLER, ADD_ITEM, { i: { itemId: paper.itemId, quantity: '4' } });
    const cleared = await gql(BESTILLER, CLEAR);
    expect(cleared.data.clearCart.lines).toEqual([]);
    const actions = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'cart' AND entity_id = $1 ORDER BY id`, [String(cleared.data.clearCart.id)]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['cart.line-quantity-changed', 'cart.line-removed', 'cart.cleared']));
  });

  it('refuses another tenant’s item, a non-participant’s item, an expired agreement’s and an unpublished one, and writes nothing', async () => {
    const paper = await searchItem('KL-100');
    const vestby = await gql('bestiller@vestby.example', ADD_ITEM, { i: { itemId: paper.itemId, quantity: '1' } });
    expect(vestby.data.addItemToCart).toEqual({
      __typename: 'ItemNotOrderable',
      errorCode: 'ITEM_NOT_ORDERABLE',
      message: `Item ${paper.itemId} is not in a catalogue your organisation may order from today`,
      itemId: paper.itemId,
    });
    const nursingHomeItem = await publishedItemOf(t.world.agreements['2025-002']);
    const expiredItem = await publishedItemOf(t.world.agreements['2021-007']);
    const draft = await createAgreement(t, { reference: 'CART-DRAFT', scope: ['44120000'] });
    const res = await upload(t, draft.id, Buffer.from('seller_item_id,name,unspsc,price,vat_rate,unit\nD-1,Utkast,44121706,1.00,25,EA\n'), 'draft.csv');
    const [draftItem] = await t.sql(`SELECT id::text AS id FROM catalogue_item WHERE version_id = $1`, [res.body.version.id]);
    for (const itemId of [nursingHomeItem, expiredItem, draftItem.id, '999999999']) {
      const refused = await gql(BESTILLER, ADD_ITEM, { i: { itemId, quantity: '1' } });
      expect(refused.data.addItemToCart).toMatchObject({ __typename: 'ItemNotOrderable', itemId });
    }
    // The nursing home takes part in 2025-002: the same item is theirs to order.
    expect((await gql('bestiller@sykehjem.example', ADD_ITEM, { i: { itemId: nursingHomeItem, quantity: '1' } })).data.addItemToCart.__typename).toBe('CartLineAdded');
    expect(await t.sql(`SELECT 1 FROM cart WHERE organisation_id = $1`, [t.world.orgs.vestby])).toEqual([]);
    expect((await gql(BESTILLER, CART_QUERY)).data.cart.lines).toEqual([]);
    const bad = await gql(BESTILLER, ADD_ITEM, { i: { itemId: 'abc', quantity: '1' } });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('lets only requesters use a cart', async () => {
    const paper = await searchItem('KL-100');
    for (const email of ['innkjoper@storby.example', 'katalog@kontorland.example', 'admin@torg.example']) {
      expect((await gql(email, CART_QUERY)).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await gql(email, ADD_ITEM, { i: { itemId: paper.itemId, quantity: '1' } })).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await gql(email, ADD_FREE, { i: freeText() })).errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    expect((await t.gql(null, CART_QUERY)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('free-text lines and agreement loyalty at the moment of adding', () => {
  beforeEach(async () => {
    await gql(BESTILLER, CLEAR);
  });

  it('adds a need no agreement covers, unflagged, grouped under the preferred supplier', async () => {
    const res = await gql(BESTILLER, ADD_FREE, {
      i: { description: 'Vernehansker til sløydsalen', unspscCode: '46181504', quantity: '12', unitCode: 'PR', estimatedPrice: '89.90', preferredSupplierName: 'Jernvare AS' },
    });
    const added = res.data.addFreeTextToCart;
    expect(added.__typename).toBe('CartLineAdded');
    expect(added.line).toMatchObject({
      kind: 'FREE_TEXT',
      name: 'Vernehansker til sløydsalen',
      unitPrice: '89.90',
      vatRate: '25.00',
      lineAmount: '1078.80',
      loyalty: 'NOT_COVERED',
      coveringAgreementIds: [],
      supplierId: null,
      supplierName: 'Jernvare AS',
      catalogueItemId: null,
      check: { status: 'ESTIMATE' },
    });
    expect(added.alternatives).toEqual([]);
    expect(added.cart.supplierGroups.map((g: any) => g.key)).toEqual(['name:jernvare as']);
    expect(added.cart.totals[0]).toMatchObject({ lineExtensionAmount: '1078.80', vatAmount: '269.70', taxInclusiveAmount: '1348.50' });
  });

  it('refuses bad free-text input precisely', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ unspscCode: '99999999' }, 'unspscCode'],
      [{ unspscCode: '1411' }, 'unspscCode'],
      [{ unitCode: 'ZZZ' }, 'unitCode'],
      [{ currency: 'XXX' }, 'currency'],
      [{ vatRate: '18' }, 'vatRate'],
      [{ estimatedPrice: '-5' }, 'estimatedPrice'],
      [{ quantity: '0' }, 'quantity'],
      [{ preferredSupplierId: t.world.orgs.skole }, 'preferredSupplierId'],
      [{ preferredSupplierId: t.world.orgs.kontorland, preferredSupplierName: 'Kontorland' }, 'preferredSupplierName'],
      [{ justification: { code: 'OTHER', text: '' } }, 'text'],
      [{ justification: { code: 'OTHER', text: '     ' } }, 'justification.text'],
      [{ preferredSupplierName: '   ' }, 'preferredSupplierName'],
    ];
    for (const [over, field] of cases) {
      const res = await gql(BESTILLER, ADD_FREE, { i: freeText(over) });
      expect({ field, code: res.errors?.[0]?.extensions?.code }).toEqual({ field, code: 'BAD_USER_INPUT' });
      expect(res.errors![0].message).toContain(field);
    }
    expect((await gql(BESTILLER, CART_QUERY)).data.cart.lines).toEqual([]);
  });

  it('refuses a line in a mandatory agreement’s category without a justification, naming the agreement and offering its items cheapest first', async () => {
    const res = await gql(BESTILLER, ADD_FREE, { i: freeText() });
    const refusal = res.data.addFreeTextToCart;
    expect(refusal).toMatchObject({
      __typename: 'MandatoryAgreementRefusal',
      errorCode: 'MANDATORY_AGREEMENT',
      agreements: [{ id: t.world.agreements['2025-001'], reference: '2025-001', title: 'Kontorrekvisita, papir og kontorstoler' }],
    });
    expect(refusal.message).toContain('2025-001');
    const alternatives = refusal.alternatives;
    expect(alternatives).toHaveLength(5);
    expect(alternatives.map((a: any) => a.sellerItemId)).toEqual(['KL-100', 'KL-110', 'KL-109', 'KL-108', 'KL-111']);
    expect(alternatives.every((a: any) => a.unspscCode === '14111507')).toBe(true);
    expect(alternatives[0]).toMatchObject({ price: '45.07', savingPerUnit: '14.93', savingForLine: '44.79', agreementId: t.world.agreements['2025-001'] });
    expect(alternatives[4]).toMatchObject({ price: '109.77', savingPerUnit: '-49.77' });
    expect((await gql(BESTILLER, CART_QUERY)).data.cart.lines).toEqual([]);
  });

  it('accepts it with a justification, flagged off-agreement, and switches to an offered agreement item in one step', async () => {
    const res = await gql(BESTILLER, ADD_FREE, { i: freeText({ justification: { code: 'URGENT_NEED', text: 'Tomt før eksamen i morgen' } }) });
    const added = res.data.addFreeTextToCart;
    expect(added.__typename).toBe('CartLineAdded');
    expect(added.line).toMatchObject({
      loyalty: 'OFF_AGREEMENT',
      coveringAgreementIds: [t.world.agreements['2025-001']],
      justificationCode: 'URGENT_NEED',
      justificationText: 'Tomt før eksamen i morgen',
      lineAmount: '180.00',
    });
    expect(added.alternatives[0]).toMatchObject({ sellerItemId: 'KL-100', savingForLine: '44.79' });
    const [stored] = await t.sql(`SELECT loyalty, covering_agreement_ids, justification_code FROM cart_line WHERE id = $1`, [added.line.id]);
    expect(stored).toEqual({ loyalty: 'OFF_AGREEMENT', covering_agreement_ids: [t.world.agreements['2025-001']], justification_code: 'URGENT_NEED' });
    // The cart shows the alternatives on the line too.
    const onLine = await gql(BESTILLER, `{ cart { lines { id alternatives { sellerItemId } } } }`);
    expect(onLine.data.cart.lines[0].alternatives[0].sellerItemId).toBe('KL-100');

    const switched = (await gql(BESTILLER, REPLACE, { l: added.line.id, i: added.alternatives[0].itemId })).data.replaceCartLineWithItem;
    expect(switched.__typename).toBe('CartLineAdded');
    expect(switched.line).toMatchObject({
      id: added.line.id,
      lineNo: added.line.lineNo,
      quantity: '3.00',
      kind: 'CATALOGUE',
      sellerItemId: 'KL-100',
      unitPrice: '45.07',
      lineAmount: '135.21',
      loyalty: 'ON_AGREEMENT',
      coveringAgreementIds: [],
      justificationCode: null,
      check: { status: 'ORDERABLE' },
    });
    expect(switched.cart.lines).toHaveLength(1);
    const [audit] = await t.sql(`SELECT data FROM audit_event WHERE action = 'cart.line-replaced' ORDER BY id DESC LIMIT 1`);
    expect(audit.data).toMatchObject({ lineId: added.line.id, from: { kind: 'FREE_TEXT', loyalty: 'OFF_AGREEMENT' }, to: { itemId: added.alternatives[0].itemId } });
    // Replacing with an item the buyer may not order changes nothing.
    const refused = (await gql(BESTILLER, REPLACE, { l: added.line.id, i: await publishedItemOf(t.world.agreements['2025-002']) })).data.replaceCartLineWithItem;
    expect(refused.__typename).toBe('ItemNotOrderable');
    expect((await gql(BESTILLER, CART_QUERY)).data.cart.lines[0].sellerItemId).toBe('KL-100');
  });

  it('allows a line in a voluntary agreement’s category without justification, flagged, with the agreement’s items offered', async () => {
    const res = await gql(BESTILLER, ADD_FREE, { i: freeText({ description: 'Trådløs mus, venstrehendt', unspscCode: '43211708', unitCode: 'EA', estimatedPrice: '400' }) });
    const added = res.data.addFreeTextToCart;
    expect(added.__typename).toBe('CartLineAdded');
    expect(added.line).toMatchObject({ loyalty: 'OFF_AGREEMENT', coveringAgreementIds: [t.world.agreements['2025-003']], justificationCode: null });
    expect(added.alternatives.length).toBeGreaterThan(0);
    const prices = added.alternatives.map((a: any) => Number(a.price));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(added.alternatives.every((a: any) => a.agreementId === t.world.agreements['2025-003'] && a.unspscCode.startsWith('4321'))).toBe(true);
  });
});

describe('favourites and order templates', () => {
  const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');
  const TEMPLATE = `id name lines { lineNo sellerItemId name quantity }`;

  beforeEach(async () => {
    await gql(BESTILLER, CLEAR);
  });

  it('saves the cart’s items as a template and adds it back in one step, skipping what is no longer orderable', async () => {
    const a = await createAgreement(t, { reference: 'CART-TPL', scope: ['44120000'] });
    await publishFile(t, a.id, csv(['TP-1,Linjal 30 cm,44121618,15.00,25,EA', 'TP-2,Hullemaskin,44121618,80.00,25,EA']), 'v1.csv');
    const paper = await searchItem('KL-100');
    await gql(BESTILLER, ADD_ITEM, { i: { itemId: paper.itemId, quantity: '2' } });
    for (const seller of ['TP-1', 'TP-2']) await gql(BESTILLER, ADD_ITEM, { i: { itemId: (await searchItem(seller, BESTILLER, a.id)).itemId, quantity: '5' } });
    await gql(BESTILLER, ADD_FREE, { i: freeText({ unspscCode: '46181504', unitCode: 'PR' }) });

    const saved = await gql(BESTILLER, `mutation { saveCartAsTemplate(input: { name: "Ukentlig" }) { ${TEMPLATE} } }`);
    expect(saved.data.saveCartAsTemplate.lines).toEqual([
      { lineNo: 1, sellerItemId: 'KL-100', name: 'Kopipapir A4 80 g 500 ark', quantity: '2.00' },
      { lineNo: 2, sellerItemId: 'TP-1', name: 'Linjal 30 cm', quantity: '5.00' },
      { lineNo: 3, sellerItemId: 'TP-2', name: 'Hullemaskin', quantity: '5.00' },
    ]);
    const again = await gql(BESTILLER, `mutation { saveCartAsTemplate(input: { name: "Ukentlig" }) { id } }`);
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
    const templateId = saved.data.saveCartAsTemplate.id;

    // The supplier drops TP-2 and reprices TP-1; the template takes what is in force now.
    await publishFile(t, a.id, csv(['TP-1,Linjal 30 cm,44121618,16.00,25,EA']), 'v2.csv');
    await gql(BESTILLER, CLEAR);
    const res = await gql(
      BESTILLER,
      `mutation($i: OrderTemplateIdInput!) { addTemplateToCart(input: $i) { added skipped { sellerItemId reason } cart { lines { sellerItemId quantity unitPrice check { status } } } } }`,
      {
        i: { templateId },
      },
    );
    expect(res.data.addTemplateToCart).toEqual({
      added: 2,
      skipped: [{ sellerItemId: 'TP-2', reason: 'The catalogue in force no longer holds the item' }],
      cart: {
        lines: [
          { sellerItemId: 'KL-100', quantity: '2.00', unitPrice: '45.07', check: { status: 'ORDERABLE' } },
          { sellerItemId: 'TP-1', quantity: '5.00', unitPrice: '16.00', check: { status: 'ORDERABLE' } },
        ],
      },
    });

    // Templates are their owner's alone.
    const other = 'attestant@nordby.example';
    expect((await gql(other, `{ orderTemplates { id } }`)).data.orderTemplates).toEqual([]);
    expect((await gql(other, `mutation($i: OrderTemplateIdInput!) { addTemplateToCart(input: $i) { added } }`, { i: { templateId } })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await gql(other, `mutation($i: OrderTemplateIdInput!) { deleteOrderTemplate(input: $i) { id } }`, { i: { templateId } })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await gql(BESTILLER, `mutation($i: OrderTemplateIdInput!) { deleteOrderTemplate(input: $i) { id } }`, { i: { templateId } })).data.deleteOrderTemplate).toEqual([]);
  });

  it('keeps favourites per user, with the item as it stands now', async () => {
    const paper = await searchItem('KL-100');
    const FAV = `id sellerItemId name currentItemId currentPrice currency`;
    const added = await gql(BESTILLER, `mutation($i: String!) { addFavourite(itemId: $i) { __typename ... on Favourite { ${FAV} } ... on ItemNotOrderable { errorCode } } }`, { i: paper.itemId });
    expect(added.data.addFavourite).toMatchObject({ __typename: 'Favourite', sellerItemId: 'KL-100', currentItemId: paper.itemId, currentPrice: '45.07', currency: 'NOK' });
    const refused = await gql(BESTILLER, `mutation($i: String!) { addFavourite(itemId: $i) { __typename } }`, { i: await publishedItemOf(t.world.agreements['2025-002']) });
    expect(refused.data.addFavourite.__typename).toBe('ItemNotOrderable');
    expect((await gql(BESTILLER, `{ favourites { sellerItemId } }`)).data.favourites).toEqual([{ sellerItemId: 'KL-100' }]);
    const other = 'attestant@nordby.example';
    expect((await gql(other, `{ favourites { id } }`)).data.favourites).toEqual([]);
    expect((await gql(other, `mutation($f: Int!) { removeFavourite(favouriteId: $f) { id } }`, { f: added.data.addFavourite.id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await gql(BESTILLER, `mutation($f: Int!) { removeFavourite(favouriteId: $f) { id } }`, { f: added.data.addFavourite.id })).data.removeFavourite).toEqual([]);
  });
});

describe('a line re-checked on read: reported, never changed', () => {
  const REQUESTER = 'attestant@nordby.example';
  const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');

  it('reports a repriced, a withdrawn, an ended and a no-longer-shared agreement’s item with the reason', async () => {
    const a = await createAgreement(t, { reference: 'CART-RECHECK', scope: ['44120000'] });
    await publishFile(t, a.id, csv(['RC-1,Blyant HB,44121706,10.00,25,EA', 'RC-2,Viskelær,44121804,5.00,25,EA', 'RC-3,Saks,44121618,40.00,25,EA']), 'v1.csv');
    for (const [seller, quantity] of [
      ['RC-1', '10'],
      ['RC-2', '4'],
      ['RC-3', '1'],
    ]) {
      const item = await searchItem(seller, REQUESTER, a.id);
      expect((await gql(REQUESTER, ADD_ITEM, { i: { itemId: item.itemId, quantity } })).data.addItemToCart.__typename).toBe('CartLineAdded');
    }
    await publishFile(t, a.id, csv(['RC-1,Blyant HB,44121706,12.50,25,EA', 'RC-3,Saks,44121618,40.00,25,EA']), 'v2.csv');

    const cart = (await gql(REQUESTER, CART_QUERY)).data.cart;
    const [pencil, eraser, scissors] = cart.lines;
    expect(pencil).toMatchObject({ unitPrice: '10.00', lineAmount: '100.00', check: { status: 'REPRICED', currentPrice: '12.50', reason: 'Item RC-1 now costs 12.50 NOK (added at 10.00 NOK)' } });
    expect(eraser.check).toMatchObject({ status: 'ITEM_WITHDRAWN', currentItemId: null, reason: expect.stringContaining('RC-2') });
    expect(scissors.check).toMatchObject({ status: 'ORDERABLE', reason: null });
    expect(scissors.check.currentItemId).not.toBe(scissors.catalogueItemId);
    expect(cart.allOrderable).toBe(false);
    expect(cart.totals[0].lineExtensionAmount).toBe('160.00'); // the snapshot prices, not the new ones
    const [stored] = await t.sql(`SELECT unit_price::text FROM cart_line WHERE id = $1`, [pencil.id]);
    expect(stored.unit_price).toBe('10.0000');

    // Taking the new terms is the requester's step.
    const taken = (await gql(REQUESTER, REPLACE, { l: pencil.id, i: pencil.check.currentItemId })).data.replaceCartLineWithItem;
    expect(taken.line).toMatchObject({ id: pencil.id, quantity: '10.00', unitPrice: '12.50', lineAmount: '125.00', check: { status: 'ORDERABLE' } });

    // Time passes: the agreement ends (its last day moved into the past).
    await t.sql(`UPDATE agreement SET valid_to = '2025-06-30' WHERE id = $1`, [a.id]);
    const ended = (await gql(REQUESTER, CART_QUERY)).data.cart;
    expect(ended.lines[2].check).toEqual({
      status: 'AGREEMENT_NOT_IN_FORCE',
      reason: 'Agreement CART-RECHECK is not in force today (in force 2025-01-01 to 2025-06-30)',
      currentPrice: null,
      currentItemId: null,
    });
    await t.sql(`UPDATE agreement SET valid_to = '2028-12-31' WHERE id = $1`, [a.id]);

    // The school leaves the agreement.
    await t.sql(`DELETE FROM agreement_participant WHERE agreement_id = $1`, [a.id]);
    const left = (await gql(REQUESTER, CART_QUERY)).data.cart;
    expect(left.lines[2].check).toMatchObject({ status: 'NOT_PARTICIPANT', reason: 'Your organisation no longer takes part in agreement CART-RECHECK' });
    expect(left.lines.map((l: any) => l.unitPrice)).toEqual(['12.50', '5.00', '40.00']);
  });
});
