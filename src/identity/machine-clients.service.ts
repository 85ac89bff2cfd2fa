import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { MachineClientDirectory } from '../platform/auth/machine-client-directory';
import { TokenService } from '../platform/auth/token.service';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput, forbidden, notFound, unauthenticated } from '../platform/errors/domain-error';
import { decodeOffset, toConnection } from '../platform/graphql/connection';
import { actorOf, mayManageMembers } from './identity-permissions';
import { IdentityService } from './identity.service';
import { machineRolesProblem } from './machine-client-roles';
import type { MachineClientEntity } from './machine-client.entity';
import { MachineClientRepository } from './machine-client.repository';
import { ClientIdTakenError, ClientTokenPayload, MachineClient, MachineClientRevokedError, RegisterMachineClientInput } from './machine-client.types';

/**
 * Machine clients: the systems (a supplier's ERP) that call Torg with OAuth2 client-credentials
 * tokens. The organisation's ADMIN (or the ADMIN of one above it, or a platform operator)
 * registers a client id with roles and revokes it; the AccessGuard resolves a token carrying
 * that client id to a caller for the organisation, with those roles, on every call (so a
 * revocation holds at the next call).
 */
@Injectable()
export class MachineClientsService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly clients: MachineClientRepository,
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly directory: MachineClientDirectory,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {}

  onModuleInit() {
    const system = () => new RequestContext(undefined, this.ds.manager);
    this.directory.register({
      byClientId: (clientId) => this.clients.recordByClientId(system(), clientId),
      byId: (id) => this.clients.recordById(system(), id),
    });
  }

  async register(ctx: RequestContext, input: RegisterMachineClientInput): Promise<MachineClient | ClientIdTakenError> {
    const clientId = input.clientId.trim();
    // Torg's own client id is in every person's token: registered as a machine, it would catch people's tokens without a person's claims.
    if (clientId === this.config.oidc?.audience) throw badInput(`Client id ${JSON.stringify(clientId)} is Torg's own (OIDC_AUDIENCE), not a machine client's`, { field: 'clientId' });
    const name = input.name.trim();
    if (!name) throw badInput('name must not be blank', { field: 'name' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const organisation = await this.identity.organisation(tx, input.organisationId);
      await this.checkManages(tx, organisation.id);
      const problem = machineRolesProblem(organisation.kind, input.roles);
      if (problem) throw badInput(problem, { field: 'roles' });
      await this.clients.lockClientId(tx, clientId);
      if (await this.clients.activeByClientId(tx, clientId)) return ClientIdTakenError.of(clientId);
      const roles = [...new Set(input.roles)];
      const client = await this.clients.create(tx, { clientId, organisationId: organisation.id, name, roles, createdBy: tx.caller?.userId ?? null });
      await this.audit.record(tx, 'machine-client.registered', 'machine_client', client.id, { clientId, organisationId: organisation.id, roles });
      return toMachineClient(client);
    });
  }

  async revoke(ctx: RequestContext, id: number): Promise<MachineClient | MachineClientRevokedError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const client = await this.clients.byId(tx, id, true);
      // An outsider learns nothing of another organisation's clients, not even that they exist.
      if (!client || !(await this.manages(tx, client.organisationId))) throw notFound('Machine client', id);
      if (client.revokedAt) return MachineClientRevokedError.of(client.id, client.revokedAt);
      client.revokedAt = new Date();
      client.revokedBy = tx.caller?.userId ?? null;
      await this.clients.save(tx, client);
      await this.audit.record(tx, 'machine-client.revoked', 'machine_client', client.id, { clientId: client.clientId, organisationId: client.organisationId });
      return toMachineClient(client);
    });
  }

  async list(ctx: RequestContext, organisationId: number, first: number, after?: string) {
    await this.identity.organisation(ctx, organisationId);
    await this.checkManages(ctx, organisationId);
    const offset = decodeOffset(after);
    const [rows, total] = await this.clients.page(ctx, organisationId, offset, first);
    return toConnection(rows.map(toMachineClient), offset, first, total);
  }

  /** The machine client calling, for a machine's "who am I". */
  async current(ctx: RequestContext): Promise<MachineClient> {
    const caller = ctx.user;
    if (caller.machineClientId === undefined) throw forbidden('The caller is a person, not a machine client (ask me { … })');
    const client = await this.clients.byId(ctx, caller.machineClientId);
    return toMachineClient(client!);
  }

  /** Outside production: a token for a registered, active machine client, as the provider would issue one. */
  async devClientToken(ctx: RequestContext, which: { clientId?: string; organisationId?: number }): Promise<ClientTokenPayload> {
    if (!this.tokens.devTokensEnabled) throw unauthenticated('devClientToken does not exist here (only in an explicit development run on the embedded database)');
    const client = await this.devClient(ctx, which);
    return { token: this.tokens.signDevClientToken(client.id, client.clientId, client.organisationId), machineClient: toMachineClient(client) };
  }

  private async devClient(ctx: RequestContext, which: { clientId?: string; organisationId?: number }): Promise<MachineClientEntity> {
    if (which.clientId !== undefined) {
      const client = await this.clients.activeByClientId(ctx, which.clientId);
      if (!client) throw unauthenticated(`No active machine client has client id ${JSON.stringify(which.clientId)}`);
      if (which.organisationId !== undefined && client.organisationId !== which.organisationId)
        throw unauthenticated(`Machine client ${JSON.stringify(which.clientId)} does not act for organisation ${which.organisationId}`);
      return client;
    }
    if (which.organisationId === undefined) throw badInput('Name the machine client by clientId, or its organisation by organisationId');
    const active = await this.clients.activeOf(ctx, which.organisationId);
    if (active.length === 1) return active[0];
    throw unauthenticated(
      active.length
        ? `Organisation ${which.organisationId} has ${active.length} active machine clients (${active.map((c) => c.clientId).join(', ')}): name one by clientId`
        : `Organisation ${which.organisationId} has no active machine client: its ADMIN registers one with registerMachineClient`,
    );
  }

  private async manages(ctx: RequestContext, organisationId: number): Promise<boolean> {
    return mayManageMembers(actorOf(ctx.caller), await this.identity.selfAndAncestorIds(ctx, organisationId));
  }

  private async checkManages(ctx: RequestContext, organisationId: number): Promise<void> {
    if (!(await this.manages(ctx, organisationId))) {
      throw forbidden(`Machine clients of organisation ${organisationId} are managed by its ADMIN, the ADMIN of an organisation above it, or a platform operator`);
    }
  }
}

function toMachineClient(c: MachineClientEntity): MachineClient {
  return {
    id: c.id,
    clientId: c.clientId,
    name: c.name,
    organisationId: c.organisationId,
    roles: c.roles,
    active: c.revokedAt === null,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    revokedAt: c.revokedAt,
    revokedBy: c.revokedBy,
  };
}
