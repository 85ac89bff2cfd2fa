import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '../auth/access.decorators';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';

/** What the web app needs to know before anyone signs in. */
export interface WebConfig {
  /** True where devLogin exists (development, tests): the sign-in page lists the demo users. */
  devLogin: boolean;
  /** The OpenID Connect provider the web app signs in with (authorization code with PKCE). */
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

/** Public: the web app reads it at start to choose how to sign in. */
@Controller()
export class WebConfigController {
  constructor(@Inject(TORG_CONFIG) private readonly config: TorgConfig) {}

  @Public()
  @Get('web-config.json')
  webConfig(): WebConfig {
    const oidc = this.config.oidc;
    // Torg's client id at the provider is the audience its tokens are checked against.
    return { devLogin: this.config.devLogin, oidc: oidc ? { issuer: oidc.issuer, clientId: oidc.audience, scope: 'openid profile email' } : null };
  }
}
