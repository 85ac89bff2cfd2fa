import { Money } from '../../platform/money/money';
import { approvalRoute, AuthorityFacts, authorisedApprovers, mayApprove, RequisitionFacts } from './approval-route';

const nok = (amount: string) => Money.of(amount, 'NOK');
const REQUESTER = 1;
const ASTRID = 2; // approver on cost centre 10 up to 50 000
const BOSS = 3; // approver on every cost centre up to 500 000
const SUBSTITUTE = 4; // stands in for Astrid in June
const OTHER = 5;
const CC = 10;

function facts(over: Partial<AuthorityFacts> = {}): AuthorityFacts {
  return {
    personalLimit: nok('5000'),
    rights: [
      { userId: ASTRID, costCentreId: CC, maxAmount: nok('50000') },
      { userId: BOSS, costCentreId: null, maxAmount: nok('500000') },
    ],
    delegations: [{ principalUserId: ASTRID, substituteUserId: SUBSTITUTE, validFrom: '2026-06-01', validTo: '2026-06-30' }],
    approverRoleHolders: new Set([ASTRID, BOSS, SUBSTITUTE, OTHER]),
    ...over,
  };
}
const req = (amount: string, over: Partial<RequisitionFacts> = {}): RequisitionFacts => ({ requesterUserId: REQUESTER, costCentreId: CC, amount: nok(amount), date: '2026-05-15', ...over });
const users = (route: ReturnType<typeof approvalRoute>) => (route.decision === 'NEEDS_APPROVAL' ? route.approvers.map((a) => [a.userId, a.onBehalfOf, a.maxAmount.toDecimalString()]) : route.decision);

describe('approvalRoute', () => {
  it('approves at once within the personal limit, the limit itself included', () => {
    expect(approvalRoute(req('4999.99'), facts())).toEqual({ decision: 'WITHIN_OWN_LIMIT', personalLimit: nok('5000') });
    expect(approvalRoute(req('5000.00'), facts()).decision).toBe('WITHIN_OWN_LIMIT');
    expect(approvalRoute(req('5000.01'), facts()).decision).toBe('NEEDS_APPROVAL');
  });

  it('sends everything to an approver when no personal limit is set', () => {
    expect(approvalRoute(req('1'), facts({ personalLimit: null })).decision).toBe('NEEDS_APPROVAL');
    expect(approvalRoute(req('0'), facts({ personalLimit: null })).decision).toBe('NEEDS_APPROVAL');
  });

  it('names the approvers whose right covers the cost centre and the amount', () => {
    expect(users(approvalRoute(req('20000'), facts()))).toEqual([
      [ASTRID, null, '50000'],
      [BOSS, null, '500000'],
    ]);
    // Above Astrid's right only the one with a right on all cost centres remains.
    expect(users(approvalRoute(req('50000.01'), facts()))).toEqual([[BOSS, null, '500000']]);
    // Astrid's right is on cost centre 10 only.
    expect(users(approvalRoute(req('20000', { costCentreId: 11 }), facts()))).toEqual([[BOSS, null, '500000']]);
  });

  it('says when nobody has the authority', () => {
    expect(approvalRoute(req('500000.01'), facts())).toEqual({ decision: 'NO_APPROVER', personalLimit: nok('5000') });
  });

  it('uses the largest of a user’s rights on the cost centre', () => {
    const rights = [
      { userId: ASTRID, costCentreId: CC, maxAmount: nok('10000') },
      { userId: ASTRID, costCentreId: null, maxAmount: nok('80000') },
    ];
    expect(users(approvalRoute(req('60000'), facts({ rights })))).toEqual([[ASTRID, null, '80000']]);
  });

  it('counts rights only for users who hold the APPROVER role now', () => {
    expect(users(approvalRoute(req('20000'), facts({ approverRoleHolders: new Set([BOSS, SUBSTITUTE]) })))).toEqual([[BOSS, null, '500000']]);
  });

  it('lets a substitute approve on the principal’s behalf within the delegation period, both days included', () => {
    for (const date of ['2026-06-01', '2026-06-15', '2026-06-30']) {
      expect(users(approvalRoute(req('20000', { date }), facts()))).toEqual([
        [ASTRID, null, '50000'],
        [BOSS, null, '500000'],
        [SUBSTITUTE, ASTRID, '50000'],
      ]);
    }
    for (const date of ['2026-05-31', '2026-07-01']) expect(mayApprove(SUBSTITUTE, req('20000', { date }), facts())).toBeNull();
  });

  it('gives a substitute no more than the principal’s authority', () => {
    expect(mayApprove(SUBSTITUTE, req('60000', { date: '2026-06-10' }), facts())).toBeNull();
    expect(mayApprove(SUBSTITUTE, req('50000', { date: '2026-06-10' }), facts())).toEqual({ userId: SUBSTITUTE, onBehalfOf: ASTRID, maxAmount: nok('50000') });
  });

  it('does not pass a delegation on to the substitute’s own substitute', () => {
    const delegations = [
      { principalUserId: ASTRID, substituteUserId: SUBSTITUTE, validFrom: '2026-06-01', validTo: '2026-06-30' },
      { principalUserId: SUBSTITUTE, substituteUserId: OTHER, validFrom: '2026-06-01', validTo: '2026-06-30' },
    ];
    expect(mayApprove(OTHER, req('20000', { date: '2026-06-10' }), facts({ delegations }))).toBeNull();
  });

  it('needs the substitute to hold the APPROVER role, and the principal too', () => {
    const june = req('20000', { date: '2026-06-10' });
    expect(mayApprove(SUBSTITUTE, june, facts({ approverRoleHolders: new Set([ASTRID, BOSS]) }))).toBeNull();
    expect(mayApprove(SUBSTITUTE, june, facts({ approverRoleHolders: new Set([BOSS, SUBSTITUTE]) }))).toBeNull();
  });

  it('lists a substitute who has authority of their own once, with their own', () => {
    const rights = [...facts().rights, { userId: SUBSTITUTE, costCentreId: CC, maxAmount: nok('30000') }];
    expect(users(approvalRoute(req('20000', { date: '2026-06-10' }), facts({ rights })))).toEqual([
      [ASTRID, null, '50000'],
      [BOSS, null, '500000'],
      [SUBSTITUTE, null, '30000'],
    ]);
    // Above their own right they act for Astrid.
    expect(mayApprove(SUBSTITUTE, req('40000', { date: '2026-06-10' }), facts({ rights }))).toEqual({ userId: SUBSTITUTE, onBehalfOf: ASTRID, maxAmount: nok('50000') });
  });

  it('never lets anyone approve their own requisition, directly or through a delegation', () => {
    // Astrid orders: she is no approver of it, and neither is her substitute acting for her.
    const own = req('20000', { requesterUserId: ASTRID, date: '2026-06-10' });
    expect(users(approvalRoute(own, facts()))).toEqual([[BOSS, null, '500000']]);
    expect(mayApprove(ASTRID, own, facts())).toBeNull();
    expect(mayApprove(SUBSTITUTE, own, facts())).toBeNull();
    // The substitute orders: they do not approve it on Astrid's behalf.
    const bySubstitute = req('20000', { requesterUserId: SUBSTITUTE, date: '2026-06-10' });
    expect(mayApprove(SUBSTITUTE, bySubstitute, facts())).toBeNull();
    expect(mayApprove(ASTRID, bySubstitute, facts())).not.toBeNull();
  });

  it('takes the principal with the lowest id when a substitute stands in for several', () => {
    const rights = [
      { userId: BOSS, costCentreId: null, maxAmount: nok('500000') },
      { userId: ASTRID, costCentreId: CC, maxAmount: nok('50000') },
    ];
    const delegations = [
      { principalUserId: BOSS, substituteUserId: SUBSTITUTE, validFrom: '2026-06-01', validTo: '2026-06-30' },
      { principalUserId: ASTRID, substituteUserId: SUBSTITUTE, validFrom: '2026-06-01', validTo: '2026-06-30' },
    ];
    expect(mayApprove(SUBSTITUTE, req('20000', { date: '2026-06-10' }), facts({ rights, delegations }))?.onBehalfOf).toBe(ASTRID);
    // Above Astrid's authority only the boss's covers it.
    expect(mayApprove(SUBSTITUTE, req('90000', { date: '2026-06-10' }), facts({ rights, delegations }))?.onBehalfOf).toBe(BOSS);
  });

  it('refuses negative amounts and amounts in another currency', () => {
    expect(() => approvalRoute(req('-1'), facts())).toThrow(RangeError);
    expect(() => approvalRoute({ ...req('1'), amount: Money.of('1', 'EUR') }, facts())).toThrow('different currencies');
    expect(() => authorisedApprovers(req('-0.01'), facts())).toThrow('cannot be negative');
  });
});
