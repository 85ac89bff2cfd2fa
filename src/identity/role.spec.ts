import { isRole, Role, rolesOf } from './role';

describe('roles', () => {
  it('knows the role names that exist', () => {
    expect(isRole('PURCHASER')).toBe(true);
    expect(isRole('purchaser')).toBe(false);
    expect(isRole('OWNER')).toBe(false);
  });
  it('reads a caller’s role names as Roles, leaving out names that no longer exist', () => {
    expect(rolesOf({ roles: ['ADMIN', 'RETIRED_ROLE', 'PURCHASER'] })).toEqual([Role.ADMIN, Role.PURCHASER]);
  });
});
