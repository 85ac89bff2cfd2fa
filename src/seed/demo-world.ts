/** What the demo seed made, by name: its own file so that demo-seed.ts and demo-activity.ts need not import each other. */
import type { DemoBuyerSetup } from './buyer-setup-seed';
import type { DemoOrgKey } from './demo-data';

/** What the demo activity made: order ids by the key DEMO_ACTIVITY gives each, invoice ids by invoice number. */
export interface DemoActivity {
  orders: Record<string, number>;
  invoices: Record<string, number>;
}

export interface DemoWorld {
  orgs: Record<DemoOrgKey, number>;
  agreements: Record<string, number>;
  users: Record<string, { userId: number; organisationId: number }>;
  /** Cost centres and delivery addresses of the demo buyers (see buyer-setup-seed.ts). */
  buyerSetup: DemoBuyerSetup;
  /** Machine client ids by client id. */
  machineClients: Record<string, number>;
  /** The orders and invoices of the demo's purchasing history, when it was asked for (see demo-activity.ts). */
  activity?: DemoActivity;
}
