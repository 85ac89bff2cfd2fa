import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { TtlCache } from '../cache/ttl-cache';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { unauthenticated } from '../errors/domain-error';

/** The standard claims Torg reads from a token (ID-porten / any OIDC provider, or its own dev tokens). */
export interface TokenClaims {
  sub: string;
  email?: string;
  /** Organisation the caller acts for (Torg's own tokens; OIDC callers send X-Torg-Organisation). */
  org?: number;
}

const DEV_ISSUER = 'torg-dev';

/**
 * Verifies bearer tokens: in production against the OIDC issuer's JWKS (RS256/ES256), outside
 * production also tokens Torg signed itself for demo users (HS256, short-lived).
 */
@Injectable()
export class TokenService {
  private readonly jwks?: JwksClient;
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
    if (config.oidc) this.jwks = new JwksClient({ jwksUri: config.oidc.jwksUri, cache: true, rateLimit: true });
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

  get devTokensEnabled(): boolean {
    return this.config.env !== 'production';
  }

  signDevToken(userId: number, email: string, organisationId: number, ttlSeconds = 8 * 3600): string {
    if (!this.devTokensEnabled) throw unauthenticated('Torg issues no tokens in production; log in through the OIDC provider');
    return jwt.sign({ email, org: organisationId }, this.devKey, {
      algorithm: 'HS256',
      subject: `user:${userId}`,
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
      if ((decoded.payload as jwt.JwtPayload).iss === DEV_ISSUER && this.devTokensEnabled) {
        const claims = jwt.verify(token, this.devKey, { algorithms: ['HS256'], issuer: DEV_ISSUER }) as jwt.JwtPayload;
        return { claims: { sub: claims.sub!, email: claims.email, org: claims.org, dev: true }, expiresAt: claims.exp };
      }
      if (!this.jwks || !this.config.oidc) throw unauthenticated('Tokens from an OIDC provider are not configured (OIDC_ISSUER)');
      const key = await this.jwks.getSigningKey(decoded.header.kid);
      const claims = jwt.verify(token, this.publicKey(key.getPublicKey()), {
        algorithms: ['RS256', 'ES256', 'PS256'],
        issuer: this.config.oidc.issuer,
        audience: this.config.oidc.audience,
      }) as jwt.JwtPayload;
      if (!claims.sub) throw unauthenticated('The token has no subject');
      return { claims: { sub: claims.sub, email: typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined, dev: false }, expiresAt: claims.exp };
    } catch (e) {
      if (e instanceof jwt.JsonWebTokenError || e instanceof jwt.TokenExpiredError || e instanceof jwt.NotBeforeError) {
        throw unauthenticated(`The bearer token was refused: ${e.message}`);
      }
      if ((e as Error).name === 'SigningKeyNotFoundError' || (e as Error).name === 'JwksError') throw unauthenticated(`The bearer token was refused: ${(e as Error).message}`);
      throw e;
    }
  }
}
