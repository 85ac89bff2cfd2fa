import { INestApplicationContext, Logger } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AgreementsService } from '../agreements/agreements.service';
import { catalogueFormatOf } from '../catalogues/catalogue-import';
import { CataloguesService } from '../catalogues/catalogues.service';
import { ClassificationService } from '../classification/classification.service';
import { IdentityService } from '../identity/identity.service';
import { MachineClientsService } from '../identity/machine-clients.service';
import { RequestContext } from '../platform/context/request-context';
import { projectRoot } from '../platform/files/project-root';
import { isErrorResult } from '../platform/results/error-result';
import { SearchIndexer } from '../search/search-indexer';
import { seedBuyerSetup } from './buyer-setup-seed';
import { seedDemoActivity } from './demo-activity';
import { DemoWorld } from './demo-world';

export type { DemoWorld } from './demo-world';
import { DEMO_AGREEMENTS, DEMO_MACHINE_CLIENTS, DEMO_ORGANISATIONS, DEMO_USERS, DemoOrgKey } from './demo-data';

export interface SeedOptions {
  /**
   * Also place the demo's orders and invoices (DEMO_ACTIVITY) through the services, so the
   * dashboards, the exception queue and the suppliers' invoice lists have something to show.
   * `npm start` and `npm run cli -- seed` ask for it; tests start without it (their own orders
   * and invoices are the only ones), unless they test the seed itself.
   */
  activity?: boolean;
}

/**
 * Seeds the demo world into an empty database through the same services the API uses (so the
 * demo catalogues are validated, reviewed and published like any upload). Does nothing when
 * organisations exist already, so a second run (a restart on the same data) adds nothing: the
 * purchasing history is placed only together with the world it belongs to. Tests use it too.
 */
export async function seedDemo(app: INestApplicationContext, catalogueDir = join(projectRoot(), 'catalogs'), options: SeedOptions = {}): Promise<DemoWorld | null> {
  const ds = app.get(DataSource);
  const logger = new Logger('DemoSeed');
  const classification = app.get(ClassificationService);
  const loaded = await classification.ensureBuiltinSubset();
  if (loaded) logger.log(`loaded the built-in UNSPSC subset (${loaded} codes); import the full code set with "npm run cli -- import-unspsc <file>"`);
  const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM organisation');
  if (n > 0) return null;

  const identity = app.get(IdentityService);
  const agreements = app.get(AgreementsService);
  const catalogues = app.get(CataloguesService);
  const system = new RequestContext(undefined, ds.manager);

  const orgs = {} as Record<DemoOrgKey, number>;
  for (const o of DEMO_ORGANISATIONS) {
    const parentKey = 'parent' in o ? o.parent : undefined;
    const created = await identity.createOrganisation(system, { name: o.name, orgNumber: o.orgNumber, kind: o.kind, parentId: parentKey ? orgs[parentKey] : undefined });
    orgs[o.key] = created.id;
  }
  const users: DemoWorld['users'] = {};
  for (const u of DEMO_USERS) {
    const me = await identity.grantMembership(system, { email: u.email, name: u.name, organisationId: orgs[u.org], roles: u.roles });
    users[u.email] = { userId: me.userId, organisationId: orgs[u.org] };
  }
  const machineClients: DemoWorld['machineClients'] = {};
  for (const c of DEMO_MACHINE_CLIENTS) {
    const client = await app.get(MachineClientsService).register(system, { clientId: c.clientId, name: c.name, organisationId: orgs[c.org], roles: c.roles });
    if (isErrorResult(client)) throw new Error(`demo machine client ${c.clientId}: ${client.message}`);
    machineClients[c.clientId] = client.id;
  }
  const as = (email: string) => {
    const u = DEMO_USERS.find((x) => x.email === email)!;
    return new RequestContext({ userId: users[email].userId, email, organisationId: orgs[u.org], roles: u.roles }, ds.manager);
  };
  const purchaser = as('innkjoper@storby.example');
  const supplierUser: Record<string, string> = { kontorland: 'katalog@kontorland.example', medisinsk: 'katalog@medisinsk.example', datautstyr: 'katalog@datautstyr.example' };

  const agreementIds: Record<string, number> = {};
  for (const a of DEMO_AGREEMENTS) {
    const agreement = await agreements.create(purchaser, {
      supplierId: orgs[a.supplier],
      reference: a.reference,
      title: a.title,
      validFrom: a.validFrom,
      validTo: a.validTo,
      participantIds: a.participants.map((p) => orgs[p]),
      scope: a.scope,
      mandatory: a.mandatory,
      currency: 'NOK',
    });
    agreementIds[a.reference] = agreement.id;
    const supplier = as(supplierUser[a.supplier]);
    const result = await catalogues.upload(supplier, agreement.id, join(catalogueDir, a.catalogue), a.catalogue, catalogueFormatOf(a.catalogue));
    if (!result.version) throw new Error(`demo catalogue ${a.catalogue} is invalid: ${JSON.stringify(result.problems.slice(0, 5))}`);
    await catalogues.submit(supplier, result.version.id);
    await catalogues.publish(purchaser, result.version.id);
    logger.log(`agreement ${a.reference} "${a.title}": published ${result.version.itemCount} items from ${a.catalogue}`);
  }
  const buyerSetup = await seedBuyerSetup(app, orgs, (email) => users[email].userId);
  await app.get(SearchIndexer).drain();
  await classification.vocabularyCaughtUp();
  const world: DemoWorld = { orgs, agreements: agreementIds, users, buyerSetup, machineClients };
  if (options.activity) world.activity = await seedDemoActivity(app, world);
  return world;
}
