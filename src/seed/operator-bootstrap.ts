import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityService } from '../identity/identity.service';
import { OrganisationKind } from '../identity/organisation-kind';
import { TORG_CONFIG, TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { badInput } from '../platform/errors/domain-error';

/**
 * The first sign-in of a new installation: a user can sign in only with a membership, and only an
 * operator can grant one through the API. So the CLI gives the operator a membership (with no
 * role) in the organisation that runs Torg, registering that organisation if needed. What makes
 * the user an operator is still PLATFORM_OPERATORS; this only lets them in.
 */
export async function bootstrapOperator(app: INestApplicationContext, email: string, orgNumber: string, organisationName?: string): Promise<string> {
  const config = app.get<symbol, TorgConfig>(TORG_CONFIG);
  const normalised = email.trim().toLowerCase();
  if (!config.platformOperators.includes(normalised)) {
    throw badInput(`${normalised} is not in PLATFORM_OPERATORS (${config.platformOperators.join(', ') || 'empty'}): add it there first`);
  }
  const identity = app.get(IdentityService);
  const system = new RequestContext(undefined, app.get(DataSource).manager);
  const member = await identity.firstMembershipName(system, normalised);
  if (member) return `${normalised} is a member of ${member} already and can sign in; nothing changed.`;
  let organisation = await identity.byOrgNumber(system, orgNumber);
  if (!organisation) {
    if (!organisationName) throw badInput(`No organisation with number ${orgNumber} yet: give its name with --organisation-name`);
    organisation = await identity.createOrganisation(system, { name: organisationName, orgNumber, kind: OrganisationKind.PURCHASING_UNIT });
  }
  const me = await identity.grantMembership(system, { email: normalised, name: normalised.split('@')[0], organisationId: organisation.id, roles: [] });
  return `${me.email} can now sign in (through OIDC) as a platform operator of ${organisation.name} (${organisation.orgNumber}).`;
}
