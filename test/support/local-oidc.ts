import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/**
 * A stand-in OIDC provider on loopback: a JWKS with one RS256 key, and tokens signed with it as
 * the provider would sign them (issuer, audience, expiry, key id). Start it, configure Torg with
 * `env()`, sign tokens with `sign()`, and stop it after the tests.
 */
export class LocalOidcProvider {
  readonly issuer = 'https://idporten.test.example';
  readonly audience = 'torg';
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: Server;
  private jwksUri?: string;

  async start(): Promise<this> {
    const jwk = { ...this.keys.publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
    this.server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.jwksUri = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks`;
    return this;
  }

  /** Torg's OIDC configuration for this provider. */
  env(): Record<string, string> {
    return { OIDC_ISSUER: this.issuer, OIDC_JWKS_URI: this.jwksUri!, OIDC_AUDIENCE: this.audience };
  }

  sign(claims: Record<string, unknown>, opts: jwt.SignOptions = {}): string {
    return jwt.sign(claims, this.keys.privateKey, { algorithm: 'RS256', keyid: 'test-key', issuer: this.issuer, audience: this.audience, expiresIn: 300, ...opts });
  }

  stop(): void {
    this.server?.close();
  }
}
