import { describe, expect, it } from 'vitest';
import { CALLBACK_PATH, oidcSettings } from './oidc';

describe('OpenID Connect settings', () => {
  it('use the authorization code flow against the configured issuer, back to /auth/callback', () => {
    const s = oidcSettings({ issuer: 'https://idporten.example', clientId: 'torg', scope: 'openid profile email' }, 'https://torg.example');
    expect(s).toMatchObject({
      authority: 'https://idporten.example',
      client_id: 'torg',
      response_type: 'code',
      redirect_uri: `https://torg.example${CALLBACK_PATH}`,
      post_logout_redirect_uri: 'https://torg.example/sign-in',
      scope: 'openid profile email',
    });
  });

  it('makes a sign-in request with a PKCE challenge (S256), code flow, back to the callback', async () => {
    const { OidcClient } = await import('oidc-client-ts');
    const settings = oidcSettings({ issuer: 'https://idporten.example', clientId: 'torg', scope: 'openid' }, 'https://torg.example');
    // The provider's metadata given directly: no network in a unit test. OidcClient builds the
    // request UserManager.signinRedirect sends the browser to.
    const client = new OidcClient({
      ...settings,
      metadata: { issuer: 'https://idporten.example', authorization_endpoint: 'https://idporten.example/authorize', token_endpoint: 'https://idporten.example/token' },
    });
    const request = await client.createSigninRequest({ state: { returnTo: '/cart' } });
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('https://idporten.example/authorize');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('client_id')).toBe('torg');
    expect(url.searchParams.get('redirect_uri')).toBe('https://torg.example/auth/callback');
    expect(url.searchParams.get('state')).toMatch(/\w{16,}/);
  });
});
