/**
 * Production sign-in: OpenID Connect authorization code with PKCE (oidc-client-ts) against the
 * issuer Torg is configured with (ID-porten or a compatible provider). Loaded only when used, so
 * the first screen of a development run does not carry it. The provider's tokens stay in
 * sessionStorage (oidc-client-ts's default store); Torg sends the access token as bearer.
 */
import type { UserManager, UserManagerSettings } from 'oidc-client-ts';
import type { WebConfig } from '../app/web-config';

export const CALLBACK_PATH = '/auth/callback';

/** The client settings for Torg's web app (pure, unit-tested). */
export function oidcSettings(oidc: NonNullable<WebConfig['oidc']>, origin: string): UserManagerSettings {
  return {
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/sign-in`,
    response_type: 'code', // authorization code; oidc-client-ts always adds PKCE (S256) to it
    scope: oidc.scope,
    loadUserInfo: false,
    automaticSilentRenew: false,
  };
}

async function manager(oidc: NonNullable<WebConfig['oidc']>): Promise<UserManager> {
  const { UserManager } = await import('oidc-client-ts');
  return new UserManager(oidcSettings(oidc, window.location.origin));
}

/** Sends the browser to the provider; `returnTo` is where to land after signing in. */
export async function startOidcSignIn(oidc: NonNullable<WebConfig['oidc']>, returnTo: string): Promise<void> {
  await (await manager(oidc)).signinRedirect({ state: { returnTo } });
}

/** On /auth/callback: exchanges the code (with the PKCE verifier) for tokens. */
export async function completeOidcSignIn(oidc: NonNullable<WebConfig['oidc']>): Promise<{ accessToken: string; returnTo: string }> {
  const user = await (await manager(oidc)).signinRedirectCallback();
  const state = user.state as { returnTo?: string } | undefined;
  return { accessToken: user.access_token, returnTo: state?.returnTo ?? '/' };
}

/** Ends the session at the provider as well (its end_session_endpoint), when it has one. */
export async function oidcSignOut(oidc: NonNullable<WebConfig['oidc']>): Promise<void> {
  const m = await manager(oidc);
  await m.removeUser();
  try {
    await m.signoutRedirect();
  } catch {
    // A provider without end_session_endpoint: the local sign-out is all there is.
  }
}
