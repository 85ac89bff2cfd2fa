import { CataloguePriceCheck } from '../src/catalogues/price-clause-check';
import { IdentityService } from '../src/identity/identity.service';
import { OrganisationKind } from '../src/identity/organisation-kind';
import { Role } from '../src/identity/role';
import { RequestContext } from '../src/platform/context/request-context';
import { osloToday } from '../src/platform/time/oslo-date';
import { DataSource } from 'typeorm';
import { createAgreement, publishFile, SUBMIT, upload } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An agreement's price-adjustment clause (issue 17 §3, "Beyond"), over HTTP against the real
 * database: the purchasing unit sets it, the review flags each increase beyond it, publishing
 * such a version needs an override with a reason (audited), an index value widens the allowance,
 * and only the managing unit may change it while every party reads it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const identity = t.app.get(IdentityService);
  const system = new RequestContext(undefined, t.app.get(DataSource).manager);
  const unit = await identity.createOrganisation(system, { name: 'Annen innkjøpsenhet', orgNumber: '974760673', kind: OrganisationKind.PURCHASING_UNIT });
  await identity.grantMembership(system, { email: OTHER_UNIT, name: 'Annen Innkjøper', organisationId: unit.id, roles: [Role.PURCHASER] });
});
afterAll(() => t?.close());

const PURCHASER = 'innkjoper@storby.example';
const SUPPLIER = 'katalog@kontorland.example';
const BUYER = 'bestiller@nordby.example'; // a participant of the test agreements
const OTHER_UNIT = 'innkjoper@annen.example';

async function as<T = any>(email: string, query: string, variables?: Record<string, unknown>) {
  return t.gql<T>(await t.login(email), query, variables);
}
const code = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;
const csv = (rows: string[]) => Buffer.from(['seller_item_id,name,unspsc,price,vat_rate,unit', ...rows].join('\n') + '\n');

/** A day `months` whole months before today (Norway), so the periods the tests count do not drift with the calendar. */
function monthsAgo(months: number): string {
  const [y, m, d] = osloToday().split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

const CLAUSE = `priceClause { kind maxIncreasePercent periodMonths reference indexName baseIndexValue baseIndexDate indexSharePercent indexValues { date value } }`;
const SET = `mutation($i: SetAgreementPriceClauseInput!) { setAgreementPriceClause(input: $i) { id ${CLAUSE} } }`;
const REMOVE = `mutation($a: Int!) { removeAgreementPriceClause(agreementId: $a) { id ${CLAUSE} } }`;
const RECORD = `mutation($i: RecordPriceIndexValueInput!) { recordPriceIndexValue(input: $i) { id ${CLAUSE} } }`;
const GET = `query($a: Int!) { agreement(id: $a) { id ${CLAUSE} } }`;
const FLAG = 'sellerItemId name oldPrice newPrice increasePercent basePrice increaseFromBasePercent allowedPercent maxPrice clause';
const REVIEW = `query($id: Int!) { catalogueReview(versionId: $id) {
  priceClause { kind clause referenceDate allowedPercent flaggedCount flagged { ${FLAG} } }
  changes { edges { node { sellerItemId change priceChangePercent beyondPriceClause { ${FLAG} } } } } } }`;
const PUBLISH = `mutation($id: Int!, $o: PriceClauseOverrideInput) { publishCatalogueVersion(versionId: $id, priceClauseOverride: $o) {
  __typename
  ... on CatalogueVersion { id status }
  ... on PriceIncreasesBeyondClauseError { errorCode message clause flaggedCount flagged { ${FLAG} } } } }`;

/** Uploads and submits a new version; its id. */
async function submitted(agreementId: number, rows: string[]): Promise<number> {
  const res = await upload(t, agreementId, csv(rows), 'v.csv');
  expect(res.status).toBe(201);
  const sub = await as(SUPPLIER, SUBMIT, { id: res.body.version.id });
  expect(sub.data.submitCatalogueVersion.status).toBe('SUBMITTED');
  return res.body.version.id;
}
const review = async (email: string, id: number) => {
  const res = await as(email, REVIEW, { id });
  expect(res.errors).toBeUndefined();
  const r = res.data.catalogueReview;
  return { ...r, byItem: Object.fromEntries(r.changes.edges.map((e: any) => [e.node.sellerItemId, e.node])) };
};
const auditOf = (entityType: string, id: number, prefix: string) =>
  t.sql(`SELECT action, data FROM audit_event WHERE entity_type = $1 AND entity_id = $2 AND action LIKE $3 ORDER BY id`, [entityType, String(id), `${prefix}%`]);
const statusOf = async (id: number) => (await t.sql('SELECT status FROM catalogue_version WHERE id = $1', [id]))[0].status;

describe('price-adjustment clause: a maximum increase per period', () => {
  it('flags every increase beyond the clause in the review, refuses to publish them without an override, and audits the override with its reason and count', async () => {
    // 13 months in force: one whole 12-month period, so 3 % is allowed on the prices at the start.
    const a = await createAgreement(t, { validFrom: monthsAgo(13) });
    const set = await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '3', periodMonths: 12, reference: 'AGREEMENT_START' } } });
    expect(set.errors).toBeUndefined();
    expect(set.data.setAgreementPriceClause.priceClause).toEqual({
      kind: 'MAX_INCREASE',
      maxIncreasePercent: '3.00',
      periodMonths: 12,
      reference: 'AGREEMENT_START',
      indexName: null,
      baseIndexValue: null,
      baseIndexDate: null,
      indexSharePercent: null,
      indexValues: [],
    });
    expect(await auditOf('agreement', a.id, 'agreement.price-clause')).toEqual([
      { action: 'agreement.price-clause-set', data: { from: null, to: { kind: 'MAX_INCREASE', maxIncreasePercent: '3', periodMonths: 12, reference: 'AGREEMENT_START' }, indexValuesRemoved: 0 } },
    ]);

    const v1 = await publishFile(t, a.id, csv(['P-1,Kopipapir A4,14111507,100.00,25,PK', 'P-2,Kulepenn,44121704,19.99,25,EA', 'P-3,Ringperm,44122000,50.00,25,EA', 'P-4,Saks,44121618,10.00,25,EA']));
    const v2 = await submitted(a.id, [
      'P-1,Kopipapir A4,14111507,103.00,25,PK', // exactly 3 %: within
      'P-2,Kulepenn,44121704,20.5898,25,EA', // 19.99 × 1.03 = 20.5897: one ten-thousandth beyond
      'P-3,Ringperm,44122000,60.00,25,EA', // 20 %: beyond
      'P-4,Saks,44121618,9.00,25,EA', // a decrease
      'P-5,Linjal,44121618,5.00,25,EA', // new
    ]);

    const r = await review(PURCHASER, v2);
    const clause = `at most 3.00 % per 12 months from the agreement start (${monthsAgo(13)}): 1 whole period by ${osloToday()}, so at most 3.00 % above the price then`;
    expect(r.priceClause).toEqual({
      kind: 'MAX_INCREASE',
      clause,
      referenceDate: monthsAgo(13),
      allowedPercent: '3.00',
      flaggedCount: 2,
      flagged: [
        {
          sellerItemId: 'P-3',
          name: 'Ringperm',
          oldPrice: '50.00',
          newPrice: '60.00',
          increasePercent: '20.00',
          basePrice: '50.00',
          increaseFromBasePercent: '20.00',
          allowedPercent: '3.00',
          maxPrice: '51.50',
          clause,
        },
        {
          sellerItemId: 'P-2',
          name: 'Kulepenn',
          oldPrice: '19.99',
          newPrice: '20.5898',
          increasePercent: '3.00',
          basePrice: '19.99',
          increaseFromBasePercent: '3.00',
          allowedPercent: '3.00',
          maxPrice: '20.5897',
          clause,
        },
      ],
    });
    expect(r.byItem['P-1']).toMatchObject({ change: 'CHANGED', priceChangePercent: 3, beyondPriceClause: null });
    expect(r.byItem['P-2'].beyondPriceClause).toMatchObject({ oldPrice: '19.99', newPrice: '20.5898', maxPrice: '20.5897' });
    expect(r.byItem['P-3'].beyondPriceClause.sellerItemId).toBe('P-3');
    expect(r.byItem['P-4'].beyondPriceClause).toBeNull();
    expect(r.byItem['P-5'].beyondPriceClause).toBeNull();
    // The supplier sees the same flags in its review: it can correct its prices before the purchaser decides.
    expect((await review(SUPPLIER, v2)).priceClause.flaggedCount).toBe(2);

    const refused = await as(PURCHASER, PUBLISH, { id: v2 });
    expect(refused.data.publishCatalogueVersion).toMatchObject({
      __typename: 'PriceIncreasesBeyondClauseError',
      errorCode: 'PRICE_INCREASES_BEYOND_CLAUSE',
      message: `Catalogue version ${v2} (no. 2 of its agreement) raises 2 prices beyond the agreement's price-adjustment clause (${clause}); publish it with priceClauseOverride and a reason, or reject it`,
      clause,
      flaggedCount: 2,
    });
    expect(refused.data.publishCatalogueVersion.flagged.map((f: any) => f.sellerItemId)).toEqual(['P-3', 'P-2']);
    expect(await statusOf(v2)).toBe('SUBMITTED');
    expect(await statusOf(v1)).toBe('PUBLISHED');
    expect(await auditOf('catalogue_version', v2, 'catalogue.published')).toEqual([]);

    const noReason = await as(PURCHASER, PUBLISH, { id: v2, o: { reason: 'x' } });
    expect(code(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0].message).toContain('reason');
    expect(await statusOf(v2)).toBe('SUBMITTED');

    const reason = 'Råvareprisene steg; akseptert i forhandlingsmøte, sak 26/1234';
    const published = await as(PURCHASER, PUBLISH, { id: v2, o: { reason } });
    expect(published.data.publishCatalogueVersion).toEqual({ __typename: 'CatalogueVersion', id: v2, status: 'PUBLISHED' });
    expect(await statusOf(v1)).toBe('SUPERSEDED');
    const [event] = await auditOf('catalogue_version', v2, 'catalogue.published');
    expect(event.data).toEqual({
      from: 'SUBMITTED',
      to: 'PUBLISHED',
      priceClauseOverride: {
        reason,
        flaggedCount: 2,
        clause,
        items: [
          { sellerItemId: 'P-3', oldPrice: '50.0000', newPrice: '60.0000', maxPrice: '51.5' },
          { sellerItemId: 'P-2', oldPrice: '19.9900', newPrice: '20.5898', maxPrice: '20.5897' },
        ],
      },
    });
  });

  it('measures from the prices at the agreement start, so a second step counts the first; from the last publish nothing is allowed before a whole period', async () => {
    const a = await createAgreement(t, { validFrom: monthsAgo(13) });
    await publishFile(t, a.id, csv(['C-1,Kopipapir A4,14111507,100.00,25,PK']));
    const v2 = await publishFile(t, a.id, csv(['C-1,Kopipapir A4,14111507,102.00,25,PK']));
    await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '3' } } }); // defaults: per 12 months from the agreement start
    const v3 = await submitted(a.id, ['C-1,Kopipapir A4,14111507,104.04,25,PK']); // 2 % on 102, 4.04 % on 100
    const r = await review(PURCHASER, v3);
    expect(r.priceClause.flagged).toEqual([
      expect.objectContaining({ oldPrice: '102.00', newPrice: '104.04', basePrice: '100.00', increasePercent: '2.00', increaseFromBasePercent: '4.04', maxPrice: '103.00' }),
    ]);

    // From the last publish (v2, today): not a whole period yet, so any increase is beyond.
    await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '3', reference: 'LAST_PUBLISH' } } });
    const fromPublish = await review(PURCHASER, v3);
    expect(fromPublish.priceClause).toMatchObject({ referenceDate: osloToday(), allowedPercent: '0.00', flaggedCount: 1 });
    expect(fromPublish.priceClause.flagged[0]).toMatchObject({ basePrice: '102.00', maxPrice: '102.00' });
    expect(await statusOf(v2)).toBe('PUBLISHED');
  });

  it('changes nothing without a clause: no flags, and publish needs no override', async () => {
    const a = await createAgreement(t, { validFrom: monthsAgo(13) });
    await publishFile(t, a.id, csv(['N-1,Kopipapir A4,14111507,100.00,25,PK']));
    const v2 = await submitted(a.id, ['N-1,Kopipapir A4,14111507,150.00,25,PK']);
    // The clause is measured only for a client that asks, and once per review however many changes ask.
    const check = jest.spyOn(t.app.get(CataloguePriceCheck), 'check');
    const plain = await as(PURCHASER, `query($id: Int!) { catalogueReview(versionId: $id) { priceChanges changes { edges { node { sellerItemId } } } } }`, { id: v2 });
    expect(plain.data.catalogueReview.priceChanges).toBe(1);
    expect(check).not.toHaveBeenCalled();
    const r = await review(PURCHASER, v2);
    expect(check).toHaveBeenCalledTimes(1);
    check.mockRestore();
    expect(r.priceClause).toBeNull();
    expect(r.byItem['N-1']).toMatchObject({ priceChangePercent: 50, beyondPriceClause: null });
    expect((await as(PURCHASER, PUBLISH, { id: v2 })).data.publishCatalogueVersion.status).toBe('PUBLISHED');
    const [event] = await auditOf('catalogue_version', v2, 'catalogue.published');
    expect(event.data).toEqual({ from: 'SUBMITTED', to: 'PUBLISHED' });
  });

  it('refuses bad clauses precisely and removes a clause, audited', async () => {
    const a = await createAgreement(t);
    const both = await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '3' }, index: { indexName: 'KPI', baseValue: '130', baseDate: '2025-01-01' } } });
    expect(both.errors![0]).toMatchObject({ message: 'Give exactly one of maxIncrease and index', extensions: { code: 'BAD_USER_INPUT' } });
    const neither = await as(PURCHASER, SET, { i: { agreementId: a.id } });
    expect(neither.errors![0]).toMatchObject({ message: 'Give exactly one of maxIncrease and index', extensions: { code: 'BAD_USER_INPUT' } });
    const above = await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '101' } } });
    expect(above.errors![0]).toMatchObject({ message: 'maxIncrease.percent 101 is above 100', extensions: { code: 'BAD_USER_INPUT' } });
    const float = await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '3.12345' } } });
    expect(code(float)).toBe('BAD_USER_INPUT');
    expect(float.errors![0].message).toContain('at most 4 decimals');
    const period = await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '3', periodMonths: 0 } } });
    expect(code(period)).toBe('BAD_USER_INPUT');
    const share = await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI', baseValue: '130', baseDate: '2025-01-01', sharePercent: '0' } } });
    expect(share.errors![0]).toMatchObject({ message: 'index.sharePercent 0 must be above 0 and at most 100', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await t.sql('SELECT 1 FROM agreement_price_clause WHERE agreement_id = $1', [a.id])).toEqual([]);
    expect(await auditOf('agreement', a.id, 'agreement.price-clause')).toEqual([]);

    await as(PURCHASER, SET, { i: { agreementId: a.id, maxIncrease: { percent: '2.5', periodMonths: 6 } } });
    const removed = await as(PURCHASER, REMOVE, { a: a.id });
    expect(removed.data.removeAgreementPriceClause.priceClause).toBeNull();
    expect((await auditOf('agreement', a.id, 'agreement.price-clause')).map((e) => e.action)).toEqual(['agreement.price-clause-set', 'agreement.price-clause-removed']);
  });
});

describe('price-adjustment clause: an index clause', () => {
  it('follows the agreed share of the index change: each new index value widens the allowance', async () => {
    const base = monthsAgo(13);
    const a = await createAgreement(t, { validFrom: base });
    await publishFile(t, a.id, csv(['K-1,Kopipapir A4,14111507,100.00,25,PK', 'K-2,Kulepenn,44121704,200.00,25,EA']));
    const set = await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI (SSB tabell 03013)', baseValue: '130', baseDate: base, sharePercent: '80' } } });
    expect(set.data.setAgreementPriceClause.priceClause).toMatchObject({
      kind: 'INDEX',
      indexName: 'KPI (SSB tabell 03013)',
      baseIndexValue: '130.00',
      baseIndexDate: base,
      indexSharePercent: '80.00',
      maxIncreasePercent: null,
    });
    const v2 = await submitted(a.id, ['K-1,Kopipapir A4,14111507,102.40,25,PK', 'K-2,Kulepenn,44121704,206.00,25,EA']);

    // No index value after the base yet: nothing is allowed.
    const before = await review(PURCHASER, v2);
    expect(before.priceClause).toMatchObject({ kind: 'INDEX', referenceDate: base, allowedPercent: '0.00', flaggedCount: 2 });

    // KPI 130 → 134: 3.0769… % change, 80 % of it is 2.4615… %: 102.40 passes, 206.00 (3 %) does not.
    const first = monthsAgo(2);
    const recorded = await as(PURCHASER, RECORD, { i: { agreementId: a.id, date: first, value: '134' } });
    expect(recorded.data.recordPriceIndexValue.priceClause.indexValues).toEqual([{ date: first, value: '134.00' }]);
    const mid = await review(PURCHASER, v2);
    expect(mid.priceClause).toMatchObject({ allowedPercent: '2.4615', flaggedCount: 1 });
    expect(mid.priceClause.clause).toBe(`80.00 % of the change in KPI (SSB tabell 03013) from 130.00 (${base}) to 134.00 (${first}), so at most 2.4615 % above the price on ${base}`);
    expect(mid.priceClause.flagged).toEqual([expect.objectContaining({ sellerItemId: 'K-2', newPrice: '206.00', maxPrice: '204.923', allowedPercent: '2.4615' })]);
    expect(mid.byItem['K-1'].beyondPriceClause).toBeNull();
    const refused = await as(PURCHASER, PUBLISH, { id: v2 });
    expect(refused.data.publishCatalogueVersion).toMatchObject({ errorCode: 'PRICE_INCREASES_BEYOND_CLAUSE', flaggedCount: 1 });

    // KPI 135.2: 4 % change, 80 % of it is exactly 3.2 %: both pass, and publish needs no override.
    await as(PURCHASER, RECORD, { i: { agreementId: a.id, date: osloToday(), value: '135.2' } });
    const after = await review(PURCHASER, v2);
    expect(after.priceClause).toMatchObject({ allowedPercent: '3.20', flaggedCount: 0, flagged: [] });
    expect((await as(PURCHASER, PUBLISH, { id: v2 })).data.publishCatalogueVersion.status).toBe('PUBLISHED');
    expect((await auditOf('agreement', a.id, 'agreement.price-index')).map((e) => e.data)).toEqual([
      { indexName: 'KPI (SSB tabell 03013)', date: first, value: '134', previous: null },
      { indexName: 'KPI (SSB tabell 03013)', date: osloToday(), value: '135.2', previous: null },
    ]);
  });

  it('refuses index values that cannot count, precisely', async () => {
    const base = monthsAgo(13);
    const a = await createAgreement(t, { validFrom: base });
    const none = await as(PURCHASER, RECORD, { i: { agreementId: a.id, date: osloToday(), value: '134' } });
    expect(none.errors![0]).toMatchObject({
      message: `Agreement ${a.reference} has no index clause to record an index value for (set one with setAgreementPriceClause)`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI', baseValue: '130', baseDate: base } } });
    const early = await as(PURCHASER, RECORD, { i: { agreementId: a.id, date: base, value: '134' } });
    expect(early.errors![0]).toMatchObject({ message: `date ${base} must be after the clause's base date ${base}`, extensions: { code: 'BAD_USER_INPUT' } });
    const future = await as(PURCHASER, RECORD, { i: { agreementId: a.id, date: '2999-01-01', value: '134' } });
    expect(future.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(future.errors![0].message).toMatch(/^date 2999-01-01 is in the future/);
    const zero = await as(PURCHASER, RECORD, { i: { agreementId: a.id, date: osloToday(), value: '0' } });
    expect(zero.errors![0]).toMatchObject({ message: 'value 0 must be above 0', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await t.sql('SELECT 1 FROM agreement_price_index_value WHERE agreement_id = $1', [a.id])).toEqual([]);
  });
});

describe('price-adjustment clause: replacing an index clause', () => {
  it('keeps the recorded values while the clause names the same index, and forgets them (audited) for another index or kind', async () => {
    const a = await createAgreement(t, { validFrom: monthsAgo(13) });
    await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI', baseValue: '130', baseDate: monthsAgo(13) } } });
    await as(PURCHASER, RECORD, { i: { agreementId: a.id, date: monthsAgo(1), value: '134' } });
    // A renegotiated share of the same index: the values still hold.
    const same = await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI', baseValue: '130', baseDate: monthsAgo(13), sharePercent: '50' } } });
    expect(same.data.setAgreementPriceClause.priceClause).toMatchObject({ indexSharePercent: '50.00', indexValues: [{ date: monthsAgo(1), value: '134.00' }] });
    // Setting the same terms again changes and audits nothing.
    await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI', baseValue: '130.0', baseDate: monthsAgo(13), sharePercent: '50.0' } } });
    const other = await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI-JAE', baseValue: '120', baseDate: monthsAgo(13) } } });
    expect(other.data.setAgreementPriceClause.priceClause).toMatchObject({ indexName: 'KPI-JAE', indexValues: [] });
    const sets = (await auditOf('agreement', a.id, 'agreement.price-clause-set')).map((e) => [e.data.to.indexName, e.data.to.indexSharePercent, e.data.indexValuesRemoved]);
    expect(sets).toEqual([
      ['KPI', '100', 0],
      ['KPI', '50', 0],
      ['KPI-JAE', '100', 1],
    ]);
  });
});

describe('price-adjustment clause: tenancy', () => {
  it('lets only the managing purchasing unit set it; every party to the agreement reads it, outsiders do not see it', async () => {
    const a = await createAgreement(t);
    const terms = { agreementId: a.id, maxIncrease: { percent: '3' } };
    const bySupplier = await as(SUPPLIER, SET, { i: terms });
    expect(code(bySupplier)).toBe('FORBIDDEN');
    const byOtherUnit = await as(OTHER_UNIT, SET, { i: terms });
    expect(byOtherUnit.errors![0]).toMatchObject({ message: `Agreement ${a.id} was not found`, extensions: { code: 'NOT_FOUND' } });
    expect(code(await as(BUYER, SET, { i: terms }))).toBe('FORBIDDEN');
    expect(await t.sql('SELECT 1 FROM agreement_price_clause WHERE agreement_id = $1', [a.id])).toEqual([]);

    await as(PURCHASER, SET, { i: { agreementId: a.id, index: { indexName: 'KPI', baseValue: '130', baseDate: '2025-01-01' } } });
    expect(code(await as(SUPPLIER, RECORD, { i: { agreementId: a.id, date: osloToday(), value: '140' } }))).toBe('FORBIDDEN');
    expect(code(await as(OTHER_UNIT, RECORD, { i: { agreementId: a.id, date: osloToday(), value: '140' } }))).toBe('NOT_FOUND');
    expect(code(await as(SUPPLIER, REMOVE, { a: a.id }))).toBe('FORBIDDEN');
    expect(code(await as(OTHER_UNIT, REMOVE, { a: a.id }))).toBe('NOT_FOUND');

    // The supplier reads the clause it signed (and prices under); so does a participant; another unit sees nothing.
    expect((await as(SUPPLIER, GET, { a: a.id })).data.agreement.priceClause).toMatchObject({ kind: 'INDEX', baseIndexValue: '130.00', indexValues: [] });
    expect((await as(BUYER, GET, { a: a.id })).data.agreement.priceClause).toMatchObject({ kind: 'INDEX' });
    expect(code(await as(OTHER_UNIT, GET, { a: a.id }))).toBe('NOT_FOUND');
    expect((await as(OTHER_UNIT, `query { agreements(first: 100) { edges { node { id } } } }`)).data.agreements.edges.map((e: any) => e.node.id)).not.toContain(a.id);

    // Nothing the refused callers tried was stored or audited.
    expect((await auditOf('agreement', a.id, 'agreement.price')).map((e) => e.action)).toEqual(['agreement.price-clause-set']);
    expect(await t.sql('SELECT 1 FROM agreement_price_index_value WHERE agreement_id = $1', [a.id])).toEqual([]);
  });
});
