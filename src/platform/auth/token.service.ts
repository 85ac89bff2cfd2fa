import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
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

  async verify(token: string): Promise<TokenClaims & { dev: boolean }> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw unauthenticated('The bearer token is not a JWT');
    try {
      if ((decoded.payload as jwt.JwtPayload).iss === DEV_ISSUER && this.devTokensEnabled) {
        const claims = jwt.verify(token, this.devKey, { algorithms: ['HS256'], issuer: DEV_ISSUER }) as jwt.JwtPayload;
        return { sub: claims.sub!, email: claims.email, org: claims.org, dev: true };
      }
      if (!this.jwks || !this.config.oidc) throw unauthenticated('Tokens from an OIDC provider are not configured (OIDC_ISSUER)');
      const key = await this.jwks.getSigningKey(decoded.header.kid);
      const claims = jwt.verify(token, this.publicKey(key.getPublicKey()), {
        algorithms: ['RS256', 'ES256', 'PS256'],
        issuer: this.config.oidc.issuer,
        audience: this.config.oidc.audience,
      }) as jwt.JwtPayload;
      if (!claims.sub) throw unauthenticated('The token has no subject');
      return { sub: claims.sub, email: typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined, dev: false };
    } catch (e) {
      if (e instanceof jwt.JsonWebTokenError || e instanceof jwt.TokenExpiredError || e instanceof jwt.NotBeforeError) {
        throw unauthenticated(`The bearer token was refused: ${e.message}`);
      }
      if ((e as Error).name === 'SigningKeyNotFoundError' || (e as Error).name === 'JwksError') throw unauthenticated(`The bearer token was refused: ${(e as Error).message}`);
      throw e;
    }
  }
}
