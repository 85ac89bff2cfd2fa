import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { TtlCache } from '../cache/ttl-cache';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { unauthenticated } from '../errors/domain-error';

/** The standard claims Torg reads from a token (ID-porten / any OIDC provider, or its own dev tokens). */
export interface TokenClaims {
  /** The subject; a client-credentials token may have none (Maskinporten's have none). */
  sub?: string;
  /** Torg's user id: dev user tokens name it in their subject (`user:<id>`); OIDC tokens do not. */
  userId?: number;
  /** Torg's machine client id: dev client tokens name it in their subject (`client:<id>`). */
  machineClientId?: number;
  /**
   * The OAuth2 client the token was issued to: `client_id` (RFC 9068, Maskinporten, ID-porten,
   * Keycloak), else `azp` (OIDC's authorised party: Keycloak, Entra ID v2, Auth0).
   */
  clientId?: string;
  /** The token carries a person's claims (`email`, or ID-porten's `pid`): it is never a machine client's. */
  person?: boolean;
  /** The organisation number in Maskinporten's `consumer` claim (`0192:<number>`), when present. */
  consumerOrgNumber?: string;
  email?: string;
  /** The provider vouches that the caller controls `email` (only then may a first login link by it). */
  emailVerified?: boolean;
  /** Organisation the caller acts for (Torg's own tokens; OIDC callers send X-Torg-Organisation). */
  org?: number;
}

const DEV_ISSUER = 'torg-dev';
/** A dev token's subject: `user:<id>` or `client:<id>`, the id a PostgreSQL integer. */
const DEV_SUBJECT = /^(user|client):([1-9]\d{0,9})$/;
/** Longest subject or client id Torg takes from a token (the columns hold 255). */
const MAX_ID_LENGTH = 255;
const MAX_USER_ID = 2 ** 31 - 1;
/** How long a key fetch from the provider may take before the token is refused. */
const JWKS_TIMEOUT_MS = 5_000;

/**
 * Verifies bearer tokens: in production against the OIDC issuer's JWKS (RS256/ES256), outside
 * production also tokens Torg signed itself for demo users (HS256, short-lived).
 */
@Injectable()
export class TokenService {
  private readonly jwks?: JwksClient;
  private readonly logger = new Logger('TokenService');
  /**
   * Keys as KeyObjects, made once: given a string, jsonwebtoken parses it as a PEM public key on
   * every call (and for an HS256 secret fails first) — about a millisecond per request.
   */
  private readonly devKey: KeyObject;
  private readonly publicKeys = new Map<string, KeyObject>();
  /**
   * Claims of tokens verified lately, by the token itself, until the token expires (at most a
   * minute): a client sends the same token with every call, and checking its signature again
   * gives the same answer. A minute bounds how long a token signed with a key the provider has
   * since withdrawn stays accepted.
   */
  private readonly verified = new TtlCache<Readonly<TokenClaims & { dev: boolean }>>(60_000, 10_000);

  constructor(@Inject(TORG_CONFIG) private readonly config: TorgConfig) {
    if (config.oidc) this.jwks = new JwksClient({ jwksUri: config.oidc.jwksUri, cache: true, rateLimit: true, timeout: JWKS_TIMEOUT_MS });
    this.devKey = createSecretKey(Buffer.from(config.devJwtSecret));
  }

  private publicKey(pem: string): KeyObject {
    let key = this.publicKeys.get(pem);
    if (!key) {
      if (this.publicKeys.size > 100) this.publicKeys.clear(); // key rotation leaves old keys behind
      key = createPublicKey(pem);
      this.publicKeys.set(pem, key);
    }
    return key;
  }

  /** Torg's own tokens exist only where devLogin does (see config.devLogin). */
  get devTokensEnabled(): boolean {
    return this.config.devLogin;
  }

  signDevToken(userId: number, email: string, organisationId: number, ttlSeconds = 8 * 3600): string {
    if (!this.devTokensEnabled) throw unauthenticated('Torg issues no tokens of its own here; log in through the OIDC provider');
    return jwt.sign({ email, org: organisationId }, this.devKey, {
      algorithm: 'HS256',
      subject: `user:${userId}`,
      issuer: DEV_ISSUER,
      expiresIn: ttlSeconds,
    });
  }

  /** A token for a registered machine client, as a client-credentials token from the provider would be. */
  signDevClientToken(machineClientId: number, clientId: string, organisationId: number, ttlSeconds = 8 * 3600): string {
    if (!this.devTokensEnabled) throw unauthenticated('Torg issues no tokens of its own here; get a client-credentials token from the OIDC provider');
    return jwt.sign({ client_id: clientId, org: organisationId }, this.devKey, {
      algorithm: 'HS256',
      subject: `client:${machineClientId}`,
      issuer: DEV_ISSUER,
      expiresIn: ttlSeconds,
    });
  }

  async verify(token: string): Promise<Readonly<TokenClaims & { dev: boolean }>> {
    const known = this.verified.get(token);
    if (known) return known;
    const { claims, expiresAt } = await this.verifySignature(token);
    const frozen = Object.freeze(claims);
    this.verified.set(token, frozen, expiresAt === undefined ? Infinity : expiresAt * 1000 - Date.now());
    return frozen;
  }

  private async verifySignature(token: string): Promise<{ claims: TokenClaims & { dev: boolean }; expiresAt?: number }> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw unauthenticated('The bearer token is not a JWT');
    try {
      if (decoded.payload.iss === DEV_ISSUER && this.devTokensEnabled) {
        const claims = this.verifyDevSignature(token);
        const subject = devSubject(claims.sub);
        const org = claims.org === undefined || isPgInteger(claims.org) ? (claims.org as number | undefined) : refuse('its org claim is not an organisation id');
        if (subject.kind === 'client') {
          const clientId = shortString(claims.client_id) ?? refuse('a dev client token must name its client_id');
          return { claims: { sub: claims.sub, machineClientId: subject.id, clientId, org, dev: true }, expiresAt: claims.exp };
        }
        return { claims: { sub: claims.sub, userId: subject.id, email: claims.email, org, dev: true }, expiresAt: claims.exp };
      }
      if (!this.jwks || !this.config.oidc) throw unauthenticated('Tokens from an OIDC provider are not configured (OIDC_ISSUER)');
      const key = await this.signingKey(decoded.header.kid);
      const claims = jwt.verify(token, this.publicKey(key), {
        algorithms: ['RS256', 'ES256', 'PS256'],
        issuer: this.config.oidc.issuer,
        audience: this.config.oidc.audience,
      }) as jwt.JwtPayload;
      // jsonwebtoken checks exp only when present; a token that never expires is refused.
      if (typeof claims.exp !== 'number') refuse('it has no expiry (exp)');
      const clientId = clientIdOf(claims);
      // A client-credentials token may go without a subject; any other token names one.
      if (claims.sub === undefined ? !clientId : !shortString(claims.sub)) refuse('its subject (sub) is missing or not a short string');
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
      return {
        claims: {
          sub: claims.sub,
          email,
          emailVerified: claims.email_verified === true,
          clientId,
          person: email !== undefined || claims.pid !== undefined,
          consumerOrgNumber: consumerOrgNumberOf(claims.consumer),
          dev: false,
        },
        expiresAt: claims.exp,
      };
    } catch (e) {
      if (e instanceof jwt.JsonWebTokenError || e instanceof jwt.TokenExpiredError || e instanceof jwt.NotBeforeError) {
        throw unauthenticated(`The bearer token was refused: ${e.message}`);
      }
      throw e;
    }
  }

  /**
   * A dev token whose signature does not match was, as a rule (forgeries aside), issued before
   * this service restarted (the secret is new each start unless JWT_DEV_SECRET is set): say so.
   */
  private verifyDevSignature(token: string): jwt.JwtPayload {
    try {
      return jwt.verify(token, this.devKey, { algorithms: ['HS256'], issuer: DEV_ISSUER }) as jwt.JwtPayload;
    } catch (e) {
      if (e instanceof jwt.JsonWebTokenError && e.message === 'invalid signature') {
        throw unauthenticated(
          'The bearer token was refused: its signature does not match. A token issued before Torg restarted (or by another Torg) is no longer valid: sign in again with devLogin (JWT_DEV_SECRET keeps tokens valid across restarts)',
        );
      }
      throw e;
    }
  }

  /**
   * The provider's public key for the token's key id, as PEM. Any failure to get it (unknown
   * key id, the client's fetch limit, the provider unreachable or answering garbage) refuses
   * the token: the caller can do nothing about it but log in again, and it is no server fault.
   */
  private async signingKey(kid: string | undefined): Promise<string> {
    try {
      return (await this.jwks!.getSigningKey(kid)).getPublicKey();
    } catch (e) {
      const name = (e as Error).name;
      // The client learns which; the provider's own error (addresses, bodies) goes to the log only.
      const reason =
        name === 'SigningKeyNotFoundError'
          ? 'the provider publishes no such key'
          : name === 'JwksRateLimitError'
            ? 'too many unknown key ids lately, try again in a minute'
            : "the provider's keys could not be fetched";
      if (name !== 'SigningKeyNotFoundError') this.logger.warn(`JWKS ${this.config.oidc?.jwksUri}: ${(e as Error).message}`);
      throw unauthenticated(`The bearer token was refused: no signing key for key id ${String(JSON.stringify(kid ?? null)).slice(0, 100)} (${reason})`);
    }
  }
}

function refuse(why: string): never {
  throw unauthenticated(`The bearer token was refused: ${why}`);
}

function isPgInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_USER_ID;
}

/** The user or machine client a dev token's subject names, or a clear refusal (no subject, another shape, too large). */
function devSubject(sub: unknown): { kind: 'user' | 'client'; id: number } {
  const match = typeof sub === 'string' ? DEV_SUBJECT.exec(sub) : null;
  const id = match ? Number(match[2]) : NaN;
  if (!isPgInteger(id)) refuse(`its subject must be "user:<id>" with an id from 1 to ${MAX_USER_ID}, not ${String(JSON.stringify(sub ?? null)).slice(0, 100)} (a machine client's: "client:<id>")`);
  return { kind: match![1] as 'user' | 'client', id };
}

function shortString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH ? v : undefined;
}

/** `client_id`, else `azp`; one that is there but no short string refuses the token rather than being passed over. */
function clientIdOf(claims: jwt.JwtPayload): string | undefined {
  for (const name of ['client_id', 'azp'] as const) {
    const value: unknown = claims[name];
    if (value === undefined) continue;
    return shortString(value) ?? refuse(`its ${name} claim is not a short string`);
  }
  return undefined;
}

/** Maskinporten names the client's organisation: `consumer: { authority: "iso6523-actorid-upis", ID: "0192:<org number>" }`. */
function consumerOrgNumberOf(consumer: unknown): string | undefined {
  if (consumer === undefined) return undefined;
  const id = typeof consumer === 'object' && consumer !== null ? (consumer as { ID?: unknown }).ID : undefined;
  const match = typeof id === 'string' ? /^0192:(\d{9})$/.exec(id) : null;
  return match ? match[1] : refuse('its consumer claim names no Norwegian organisation number (0192:<9 digits>)');
}
