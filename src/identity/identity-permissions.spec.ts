import { Role } from './role';
import { isPlatformOperator } from '../platform/auth/platform-operator';
import { mayManageMembers, mayRegisterOrganisations } from './identity-permissions';

const caller = (organisationId: number, ...roles: Role[]) => ({ userId: 1, email: 'x@example.com', organisationId, roles });

describe('identity permissions', () => {
  it('lets operators and the system register organisations, nobody else (not even an ADMIN)', () => {
    expect(mayRegisterOrganisations({ caller: undefined, operator: false })).toBe(true);
    expect(mayRegisterOrganisations({ caller: caller(1, Role.REQUESTER), operator: true })).toBe(true);
    expect(mayRegisterOrganisations({ caller: caller(1, Role.ADMIN), operator: false })).toBe(false);
  });

  it('lets an ADMIN manage its own organisation and those below it only', () => {
    const schoolUnderMunicipality = [11, 10]; // school 11, municipality 10
    expect(mayManageMembers({ caller: caller(10, Role.ADMIN), operator: false }, schoolUnderMunicipality)).toBe(true);
    expect(mayManageMembers({ caller: caller(11, Role.ADMIN), operator: false }, schoolUnderMunicipality)).toBe(true);
    expect(mayManageMembers({ caller: caller(11, Role.ADMIN), operator: false }, [10])).toBe(false); // the parent
    expect(mayManageMembers({ caller: caller(12, Role.ADMIN), operator: false }, schoolUnderMunicipality)).toBe(false); // a sibling
    expect(mayManageMembers({ caller: caller(10, Role.PURCHASER, Role.APPROVER), operator: false }, [10])).toBe(false);
    expect(mayManageMembers({ caller: caller(99, Role.REQUESTER), operator: true }, [10])).toBe(true);
  });

  it('recognises operators by e-mail, ignoring case and spaces', () => {
    expect(isPlatformOperator(['drift@torg.example'], ' Drift@Torg.example')).toBe(true);
    expect(isPlatformOperator(['drift@torg.example'], 'admin@torg.example')).toBe(false);
    expect(isPlatformOperator([], undefined)).toBe(false);
  });
});
