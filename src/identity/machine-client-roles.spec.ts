import { machineRolesProblem } from './machine-client-roles';
import { OrganisationKind } from './organisation-kind';
import { Role } from './role';

describe('machine client roles', () => {
  it("lets a supplier's system upload catalogues", () => {
    expect(machineRolesProblem(OrganisationKind.SUPPLIER, [Role.SUPPLIER_ADMIN])).toBeNull();
  });

  it("lets a buyer's finance system fetch invoices for posting", () => {
    expect(machineRolesProblem(OrganisationKind.BUYER, [Role.ACCOUNTS_PAYABLE])).toBeNull();
  });

  it('never gives a machine ADMIN, nor a role that orders or approves', () => {
    expect(machineRolesProblem(OrganisationKind.SUPPLIER, [Role.SUPPLIER_ADMIN, Role.ADMIN])).toBe(
      'Role(s) ADMIN cannot be given to a machine client: a machine client of an organisation of kind SUPPLIER may hold only SUPPLIER_ADMIN',
    );
    expect(machineRolesProblem(OrganisationKind.BUYER, [Role.REQUESTER])).toMatch(/kind BUYER may hold only ACCOUNTS_PAYABLE/);
    expect(machineRolesProblem(OrganisationKind.PURCHASING_UNIT, [Role.PURCHASER])).toMatch(/PURCHASER cannot be given/);
  });
});
