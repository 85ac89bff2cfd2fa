import { DataSource } from 'typeorm';
import { SpendFacts } from '../src/insights/spend-facts';
import { OrderSpendFact } from '../src/insights/spend-facts.types';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { createAgreement } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Participation has a period (migration 175): an organisation joins an agreement that is already
 * running and leaves it before it ends, and loyalty on an order's date follows who took part then.
 */
describe('Agreement participation periods', () => {
  let t: TestApp;
  let purchaser: string;
  const JOIN = `mutation($i: JoinAgreementInput!) { joinAgreement(input: $i) { id participants { id } participations { organisationId validFrom validTo } } }`;
  const LEAVE = `mutation($i: LeaveAgreementInput!) { leaveAgreement(input: $i) { id participants { id } participations { organisationId validFrom validTo } } }`;

  beforeAll(async () => {
    t = await startTestApp();
    purchaser = await t.login('innkjoper@storby.example');
  }, 120_000);
  afterAll(() => t?.close());

  const approved = (orderId: number, submittedAt: string): OrderSpendFact => ({
    orderId,
    orderNo: `PO-2026-${orderId}`,
    buyerOrganisationId: t.world.orgs.skole,
    supplierId: t.world.orgs.medisinsk,
    supplierName: 'Medisinsk',
    agreementId: null,
    currency: 'NOK',
    submittedAt,
    approvedAt: submittedAt,
    lines: [
      {
        orderLineId: orderId * 100,
        unspscCode: '44121700',
        quantity: '1',
        unitCode: 'EA',
        unitPrice: '10.00',
        amount: '10.00',
        loyalty: 'OFF_AGREEMENT',
        agreementId: null,
        coveringAgreementIds: [],
        justificationCode: 'URGENT_NEED',
        justificationText: 'needed today',
        catalogueItemId: null,
      },
    ],
  });

  it('judges supplier loyalty by the participation on each order’s date: before joining, while taking part, after leaving', async () => {
    // Medisinsk's agreement runs all of 2025–2027; Nordby skole is not among its first participants.
    const a = await createAgreement(t, { supplier: 'medisinsk', participants: ['sykehjem'], validFrom: '2025-01-01', validTo: '2027-12-31' });
    const joined = await t.gql(purchaser, JOIN, { i: { agreementId: a.id, organisationId: t.world.orgs.skole, validFrom: '2026-03-01' } });
    expect(joined.errors).toBeUndefined();
    const left = await t.gql(purchaser, LEAVE, { i: { agreementId: a.id, organisationId: t.world.orgs.skole, lastDay: '2026-08-31' } });
    expect(left.errors).toBeUndefined();
    expect(left.data.leaveAgreement.participations).toEqual(
      [
        { organisationId: t.world.orgs.sykehjem, validFrom: '2025-01-01', validTo: null },
        { organisationId: t.world.orgs.skole, validFrom: '2026-03-01', validTo: '2026-08-31' },
      ].sort((x, y) => x.organisationId - y.organisationId),
    );
    // Left before today: no longer a participant, and no longer offered the agreement.
    expect(left.data.leaveAgreement.participants).toEqual([{ id: t.world.orgs.sykehjem }]);
    expect(await t.sql('SELECT agreement_id FROM torg_visible_agreements($1) WHERE agreement_id = $2', [t.world.orgs.skole, a.id])).toEqual([]);
    expect(await t.sql('SELECT agreement_id FROM torg_visible_agreements($1) WHERE agreement_id = $2', [t.world.orgs.sykehjem, a.id])).toEqual([{ agreement_id: a.id }]);

    const ds = t.app.get(DataSource);
    const facts = t.app.get(SpendFacts);
    // Times in UTC; Norway is UTC+1 in winter and UTC+2 in summer.
    const orders = [
      approved(9501, '2026-02-28T22:30:00Z'), // 23:30 on 28 February in Norway: the day before it joined
      approved(9502, '2026-02-28T23:30:00Z'), // 00:30 on 1 March: its first day
      approved(9503, '2026-08-31T21:30:00Z'), // 23:30 on 31 August: its last day
      approved(9504, '2026-08-31T22:30:00Z'), // 00:30 on 1 September: after it left
    ];
    for (const o of orders) await inTransaction(ds, new RequestContext(undefined, ds.manager), (tx) => facts.orderApproved(tx, o));
    await t.app.get(OutboxDispatcher).drain('insights.spend');
    expect(await t.sql(`SELECT order_id, supplier_loyalty FROM insights_order_line WHERE order_id BETWEEN 9501 AND 9504 ORDER BY order_id`)).toEqual([
      { order_id: 9501, supplier_loyalty: 'OTHER_SUPPLIER' },
      { order_id: 9502, supplier_loyalty: 'AGREEMENT_SUPPLIER_OUTSIDE' },
      { order_id: 9503, supplier_loyalty: 'AGREEMENT_SUPPLIER_OUTSIDE' },
      { order_id: 9504, supplier_loyalty: 'OTHER_SUPPLIER' },
    ]);
    const audited = await t.sql(`SELECT action FROM audit_event WHERE entity_type = 'agreement' AND entity_id = $1 ORDER BY id`, [String(a.id)]);
    expect(audited.map((r) => r.action)).toEqual(['agreement.created', 'agreement.participant-joined', 'agreement.participant-left']);
  });

  it('joins again only after the earlier period, and refuses what makes no sense with a reason', async () => {
    const a = await createAgreement(t, { supplier: 'medisinsk', participants: ['sykehjem'], validFrom: '2025-01-01', validTo: '2027-12-31' });
    const join = (validFrom: string, organisationId = t.world.orgs.skole) => t.gql(purchaser, JOIN, { i: { agreementId: a.id, organisationId, validFrom } });
    const leave = (lastDay: string, organisationId = t.world.orgs.skole) => t.gql(purchaser, LEAVE, { i: { agreementId: a.id, organisationId, lastDay } });
    const refusal = (res: { errors?: { message: string; extensions?: Record<string, any> }[] }) => [res.errors?.[0]?.extensions?.code, res.errors?.[0]?.message];

    expect(refusal(await join('2024-12-31'))).toEqual(['BAD_USER_INPUT', 'validFrom 2024-12-31 is outside the agreement’s validity (2025-01-01 to 2027-12-31)']);
    expect(refusal(await join('2025-06-01', t.world.orgs.kontorland))).toEqual([
      'BAD_USER_INPUT',
      `Organisation ${t.world.orgs.kontorland} is not a buyer organisation: only buyers take part in an agreement`,
    ]);
    expect(refusal(await leave('2025-06-30'))).toEqual(['BAD_USER_INPUT', `Organisation ${t.world.orgs.skole} takes no open part in agreement ${a.id}: there is nothing to leave`]);
    expect((await join('2025-03-01')).errors).toBeUndefined();
    expect(refusal(await join('2025-09-01'))).toEqual([
      'CONFLICT',
      `Organisation ${t.world.orgs.skole} already takes part in agreement ${a.id} from 2025-03-01: it must leave (leaveAgreement) before it can join again`,
    ]);
    expect(refusal(await leave('2025-02-28'))).toEqual(['BAD_USER_INPUT', 'lastDay 2025-02-28 is before its participation began (2025-03-01): a participation lasts at least one day']);
    expect(refusal(await leave('2028-01-01'))).toEqual(['BAD_USER_INPUT', 'lastDay 2028-01-01 is after the agreement ends (2027-12-31): every participation ends with it']);
    expect((await leave('2025-04-30')).errors).toBeUndefined();
    expect(refusal(await join('2025-04-30'))).toEqual([
      'CONFLICT',
      `Organisation ${t.world.orgs.skole} already takes part in agreement ${a.id} from 2025-03-01 to 2025-04-30: a new period must begin after 2025-04-30`,
    ]);
    const again = await join('2025-05-01');
    expect(again.errors).toBeUndefined();
    expect(again.data.joinAgreement.participations.filter((p: { organisationId: number }) => p.organisationId === t.world.orgs.skole)).toEqual([
      { organisationId: t.world.orgs.skole, validFrom: '2025-03-01', validTo: '2025-04-30' },
      { organisationId: t.world.orgs.skole, validFrom: '2025-05-01', validTo: null },
    ]);
    // Taking part again today: the school may order under it.
    expect(again.data.joinAgreement.participants.map((o: { id: number }) => o.id).sort()).toEqual([t.world.orgs.sykehjem, t.world.orgs.skole].sort());
    expect(await t.sql('SELECT agreement_id FROM torg_visible_agreements($1) WHERE agreement_id = $2', [t.world.orgs.skole, a.id])).toEqual([{ agreement_id: a.id }]);
    // Only the purchasing unit that manages it decides who takes part.
    const supplier = await t.login('katalog@kontorland.example');
    expect((await t.gql(supplier, JOIN, { i: { agreementId: a.id, organisationId: t.world.orgs.sykehjem, validFrom: '2026-01-01' } })).errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });
});
