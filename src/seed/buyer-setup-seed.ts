import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApprovalAuthorityService } from '../identity/buyer-setup/approval-authority.service';
import { CostCentresService } from '../identity/buyer-setup/cost-centres.service';
import { DeliveryAddressesService } from '../identity/buyer-setup/delivery-addresses.service';
import { osloYear } from '../platform/time/oslo-date';
import { RequestContext } from '../platform/context/request-context';
import { isErrorResult } from '../platform/results/error-result';
import { DEMO_APPROVER_RIGHTS, DEMO_COST_CENTRES, DEMO_DELIVERY_ADDRESSES, DEMO_PERSONAL_LIMITS, DemoOrgKey } from './demo-data';

export interface DemoBuyerSetup {
  /** Cost centre ids by "org:code", e.g. "skole:2150". */
  costCentres: Record<string, number>;
  /** The delivery address id of each demo buyer organisation. */
  deliveryAddresses: Partial<Record<DemoOrgKey, number>>;
}

/** Seeds the demo buyers' cost centres (budget for this year), limits, approver rights and delivery addresses, through the services the API uses. */
export async function seedBuyerSetup(app: INestApplicationContext, orgs: Record<DemoOrgKey, number>, userId: (email: string) => number): Promise<DemoBuyerSetup> {
  const system = new RequestContext(undefined, app.get(DataSource).manager);
  const costCentresService = app.get(CostCentresService);
  const authority = app.get(ApprovalAuthorityService);
  const addresses = app.get(DeliveryAddressesService);
  const ok = <T>(what: string, result: T): Exclude<T, { errorCode: string }> => {
    if (isErrorResult(result)) throw new Error(`demo buyer set-up: ${what}: ${result.message}`);
    return result as Exclude<T, { errorCode: string }>;
  };

  const costCentres: Record<string, number> = {};
  for (const c of DEMO_COST_CENTRES) {
    const input = { organisationId: orgs[c.org], code: c.code, name: c.name, ownerUserId: userId(c.owner), budgets: [{ year: osloYear(), amount: c.budget }] };
    costCentres[`${c.org}:${c.code}`] = ok(`cost centre ${c.code}`, await costCentresService.create(system, input)).id;
  }
  for (const l of DEMO_PERSONAL_LIMITS) ok(`limit of ${l.email}`, await authority.setPersonalLimit(system, { organisationId: orgs[l.org], userId: userId(l.email), amount: l.amount }));
  for (const r of DEMO_APPROVER_RIGHTS) {
    const costCentreId = r.costCentre ? costCentres[`${r.org}:${r.costCentre}`] : undefined;
    ok(`approver right of ${r.email}`, await authority.setApproverRight(system, { organisationId: orgs[r.org], userId: userId(r.email), costCentreId, maxAmount: r.maxAmount }));
  }
  const deliveryAddresses: DemoBuyerSetup['deliveryAddresses'] = {};
  for (const { org, ...a } of DEMO_DELIVERY_ADDRESSES) {
    deliveryAddresses[org] = ok(`address ${a.label}`, await addresses.create(system, { organisationId: orgs[org], countryCode: 'NO', ...a })).id;
  }
  return { costCentres, deliveryAddresses };
}
