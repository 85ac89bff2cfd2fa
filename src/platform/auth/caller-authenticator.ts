import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { Caller } from '../context/request-context';
import { unauthenticated } from '../errors/domain-error';
import { isPlatformOperator } from './platform-operator';
import { MachineClientDirectory, MachineClientRecord } from './machine-client-directory';
import { TokenClaims, TokenService } from './token.service';

/**
 * Who is calling: the bearer token verified and resolved to a Torg user (with the organisation
 * they act for and their roles there) or a registered machine client; undefined without an
 * Authorization header, UNAUTHENTICATED for a token that names no one Torg knows. The AccessGuard
 * asks for every operation; the idempotency plugin asks before a mutation runs. One request is
 * resolved once (its headers do not change), however many operations or plugins ask.
 */
@Injectable()
export class CallerAuthenticator {
  private readonly resolved = new WeakMap<object, Promise<Caller | undefined>>();

  constructor(
    private readonly tokens: TokenService,
    private readonly ds: DataSource,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
    private readonly machines: MachineClientDirectory,
  ) {}

  callerOf(req: Request): Promise<Caller | undefined> {
    let caller = this.resolved.get(req);
    if (!caller) {
      caller = this.authenticate(req);
      this.resolved.set(req, caller);
    }
    return caller;
  }

  /**
   * Who the token names. A person's token (Torg's dev user token; an OIDC token that carries a
   * person's claims or whose subject is a Torg user's) resolves to that user, and never to a
   * machine client; otherwise an OIDC token whose client id is a registered machine client's
   * resolves to that client (Torg's dev client tokens name the client directly).
   */
  private async authenticate(req: Request): Promise<Caller | undefined> {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const claims = await this.tokens.verify(match[1]);
    const chosen = req.headers['x-torg-organisation'];
    if (chosen !== undefined && !/^[1-9]\d{0,9}$/.test(String(chosen))) throw unauthenticated('X-Torg-Organisation must be an organisation id (a whole number)');
    const wanted = claims.org ?? (chosen !== undefined ? Number(chosen) : undefined);
    if (claims.dev) {
      if (claims.machineClientId !== undefined) return this.machineCaller(await this.machines.byId(claims.machineClientId), claims, wanted);
      return this.userCaller(claims.userId, wanted);
    }
    const userId = claims.sub === undefined ? undefined : await this.findOidcUser(claims.sub, claims.emailVerified ? claims.email : undefined);
    if (userId === undefined && !claims.person && claims.clientId !== undefined) {
      const client = await this.machines.byClientId(claims.clientId);
      if (client) return this.machineCaller(client, claims, wanted);
      throw unauthenticated(
        `The token names no known Torg user, and its client ${JSON.stringify(claims.clientId)} is not a registered machine client (an ADMIN of its organisation registers it with registerMachineClient)`,
      );
    }
    return this.userCaller(userId, wanted);
  }

  private async userCaller(userId: number | undefined, wanted: number | undefined): Promise<Caller> {
    // The user and all their memberships in one round trip.
    const rows: { email: string; organisation_id: number | null; roles: string[] | null }[] =
      userId === undefined || !Number.isInteger(userId)
        ? []
        : await this.ds.query('SELECT u.email, m.organisation_id, m.roles FROM app_user u LEFT JOIN membership m ON m.user_id = u.id WHERE u.id = $1 ORDER BY m.organisation_id', [userId]);
    if (!rows.length) throw unauthenticated('The token names no known Torg user');
    const user = { id: userId!, email: rows[0].email };
    const memberships = rows.filter((r) => r.organisation_id !== null) as { organisation_id: number; roles: string[] }[];
    const membership = wanted === undefined ? (memberships.length === 1 ? memberships[0] : undefined) : memberships.find((m) => m.organisation_id === wanted);
    if (!memberships.length) throw unauthenticated('You belong to no organisation in Torg');
    if (!membership) {
      throw unauthenticated(wanted === undefined ? 'You belong to several organisations: choose one with the X-Torg-Organisation header' : `You are not a member of organisation ${wanted}`);
    }
    return {
      userId: user.id,
      email: user.email,
      organisationId: membership.organisation_id,
      roles: membership.roles,
      platformOperator: isPlatformOperator(this.config.platformOperators, user.email),
    };
  }

  /** A machine client acts for its one organisation, with its registered roles, while it is not revoked. */
  private machineCaller(client: MachineClientRecord | undefined, claims: TokenClaims, wanted: number | undefined): Caller {
    const name = JSON.stringify(claims.clientId ?? null);
    if (!client || client.clientId !== claims.clientId) throw unauthenticated(`The token names machine client ${name}, which is not registered in Torg`);
    if (client.revokedAt) throw unauthenticated(`Machine client ${name} was revoked on ${client.revokedAt.toISOString()}: Torg refuses its tokens`);
    if (claims.consumerOrgNumber !== undefined && claims.consumerOrgNumber !== client.orgNumber) {
      throw unauthenticated(`The token's consumer organisation ${claims.consumerOrgNumber} is not the organisation machine client ${name} is registered for`);
    }
    if (wanted !== undefined && wanted !== client.organisationId) throw unauthenticated(`Machine client ${name} acts for organisation ${client.organisationId} only, not ${wanted}`);
    return { machineClientId: client.id, clientId: client.clientId, organisationId: client.organisationId, roles: client.roles };
  }

  /**
   * OIDC users are matched on their subject, or on first login by e-mail (then linked). Only an
   * e-mail the provider verified links: else anyone who can put the admin's address in their
   * profile would become the admin (and lock the real one out).
   */
  private async findOidcUser(sub: string, verifiedEmail?: string): Promise<number | undefined> {
    const bySubject: { id: number }[] = await this.ds.query('SELECT id FROM app_user WHERE external_subject = $1', [sub]);
    if (bySubject.length || !verifiedEmail) return bySubject[0]?.id;
    const [linked] = await this.ds.query('UPDATE app_user SET external_subject = $1 WHERE email = $2 AND external_subject IS NULL RETURNING id', [sub, verifiedEmail]);
    return (linked as { id: number }[] | undefined)?.[0]?.id;
  }
}
