import { setupRefusal, setupRelation } from './buyer-setup-access';

const caller = (organisationId: number, roles: string[]) => ({ userId: 1, email: 'x@y.example', organisationId, roles });
const actor = (organisationId: number, roles: string[], operator = false) => ({ caller: caller(organisationId, roles), operator });
// Organisation 3 (a school) lies under 1 (its municipality).
const school = { id: 3, selfAndAbove: [3, 1] };

describe('buyer set-up access', () => {
  it('makes the ADMIN of the organisation or of one above it, operators and the system managers', () => {
    expect(setupRelation(actor(3, ['ADMIN']), school.id, school.selfAndAbove)).toBe('manager');
    expect(setupRelation(actor(1, ['ADMIN']), school.id, school.selfAndAbove)).toBe('manager');
    expect(setupRelation(actor(9, [], true), school.id, school.selfAndAbove)).toBe('manager');
    expect(setupRelation({ caller: undefined, operator: false }, school.id, school.selfAndAbove)).toBe('manager');
  });

  it('makes other members readers, and everyone else an outsider', () => {
    expect(setupRelation(actor(3, ['REQUESTER']), school.id, school.selfAndAbove)).toBe('member');
    expect(setupRelation(actor(1, ['REQUESTER']), school.id, school.selfAndAbove)).toBe('outsider');
    expect(setupRelation(actor(7, ['ADMIN']), school.id, school.selfAndAbove)).toBe('outsider');
  });

  it('hides the organisation from outsiders and refuses changes to members', () => {
    expect(setupRefusal('outsider', 'read', { what: 'Cost centre', id: 12 })?.message).toBe('Cost centre 12 was not found');
    expect(setupRefusal('outsider', 'read', { what: 'Cost centre', id: 12 })?.code).toBe('NOT_FOUND');
    expect(setupRefusal('member', 'manage', { what: 'Organisation', id: 3 })?.code).toBe('FORBIDDEN');
    expect(setupRefusal('member', 'read', { what: 'Organisation', id: 3 })).toBeNull();
    expect(setupRefusal('manager', 'manage', { what: 'Organisation', id: 3 })).toBeNull();
  });
});
