import { conflictingDelegation, coversDate, delegationProblem, delegationStatus, overlaps } from './delegation-rules';

const june = { validFrom: '2026-06-01', validTo: '2026-06-30' };
const existing = [{ id: 7, principalUserId: 2, substituteUserId: 4, ...june }];

describe('delegation rules', () => {
  it('sees periods overlap when they share a day, ends included', () => {
    expect(overlaps(june, { validFrom: '2026-06-30', validTo: '2026-07-10' })).toBe(true);
    expect(overlaps(june, { validFrom: '2026-05-20', validTo: '2026-06-01' })).toBe(true);
    expect(overlaps(june, { validFrom: '2026-07-01', validTo: '2026-07-10' })).toBe(false);
    expect(coversDate(june, '2026-06-30')).toBe(true);
    expect(coversDate(june, '2026-07-01')).toBe(false);
  });

  it('refuses naming oneself and periods that start before today', () => {
    expect(delegationProblem({ principalUserId: 2, substituteUserId: 2, ...june }, '2026-05-01')).toBe('SELF_DELEGATION');
    expect(delegationProblem({ principalUserId: 2, substituteUserId: 3, ...june }, '2026-06-02')).toBe('PERIOD_IN_PAST');
    expect(delegationProblem({ principalUserId: 2, substituteUserId: 3, ...june }, '2026-06-01')).toBeNull();
  });

  it('refuses a second substitute for the same principal over an overlapping period', () => {
    const c = conflictingDelegation({ principalUserId: 2, substituteUserId: 5, validFrom: '2026-06-30', validTo: '2026-07-05' }, existing);
    expect(c?.delegation.id).toBe(7);
    expect(c?.reason).toContain('has named a substitute (user 4)');
    expect(conflictingDelegation({ principalUserId: 2, substituteUserId: 5, validFrom: '2026-07-01', validTo: '2026-07-05' }, existing)).toBeNull();
  });

  it('refuses a substitute who is away then, which includes naming each other', () => {
    expect(conflictingDelegation({ principalUserId: 9, substituteUserId: 2, ...june }, existing)?.reason).toContain('user 2 is away then');
    expect(conflictingDelegation({ principalUserId: 4, substituteUserId: 2, ...june }, existing)?.reason).toContain('user 2 is away then');
  });

  it('refuses a principal who stands in for someone then', () => {
    expect(conflictingDelegation({ principalUserId: 4, substituteUserId: 9, validFrom: '2026-06-20', validTo: '2026-07-20' }, existing)?.reason).toContain('user 4 stands in for user 2');
  });

  it('lets a substitute stand in for several principals', () => {
    expect(conflictingDelegation({ principalUserId: 3, substituteUserId: 4, ...june }, existing)).toBeNull();
  });

  it('tells where a delegation stands on a day, both ends of the period included', () => {
    const open = { ...june, cancelledAt: null };
    expect(delegationStatus(open, '2026-05-31')).toBe('SCHEDULED');
    expect(delegationStatus(open, '2026-06-01')).toBe('ACTIVE');
    expect(delegationStatus(open, '2026-06-30')).toBe('ACTIVE');
    expect(delegationStatus(open, '2026-07-01')).toBe('ENDED');
    expect(delegationStatus({ ...june, cancelledAt: new Date() }, '2026-06-10')).toBe('CANCELLED');
  });
});
