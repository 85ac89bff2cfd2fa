/**
 * Production sign-in: OpenID Connect authorization code with PKCE (oidc-client-ts) against the
 * issuer Torg is configured with (ID-porten or a compatible provider). Loaded only when used, so
 * the first screen of a development run does not carry it. The provider's tokens stay in
 * sessionStorage (oidc-client-ts's default store); Torg sends the access token as bearer.
 */
import type { UserManager, UserManagerSettings } from 'oidc-client-ts';
import type { WebConfig } from '../app/web-config';
import { msUntilExpiry } from './token-expiry';

export const CALLBACK_PATH = '/auth/callback';
/** The page the provider answers a silent renewal on (in a hidden iframe); main.tsx handles it without the app. */
export const SILENT_CALLBACK_PATH = '/auth/silent';
/** How long before the access token's exp it is renewed. */
export const RENEW_BEFORE_MS = 60_000;

/** The client settings for Torg's web app (pure, unit-tested). */
export function oidcSettings(oidc: NonNullable<WebConfig['oidc']>, origin: string): UserManagerSettings {
  return {
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/sign-in`,
    response_type: 'code', // authorization code; oidc-client-ts always adds PKCE (S256) to it
    scope: oidc.scope,
    silent_redirect_uri: `${origin}${SILENT_CALLBACK_PATH}`,
    loadUserInfo: false,
    // Torg schedules the renewal itself (keepRenewed), so that the token it sends is the renewed one.
    automaticSilentRenew: false,
  };
}

let shared: Promise<UserManager> | undefined;
/** One UserManager per page: its silent renewal and sign-out work on the same stored user. */
function manager(oidc: NonNullable<WebConfig['oidc']>): Promise<UserManager> {
  shared ??= import('oidc-client-ts').then(({ UserManager }) => new UserManager(oidcSettings(oidc, window.location.origin)));
  return shared;
}

/** When to renew a token: RENEW_BEFORE_MS before its exp (at once when less is left); null when it has no exp. */
export function renewalDelay(token: string, now: number): number | null {
  const ms = msUntilExpiry(token, now);
  return ms === null ? null : Math.max(0, ms - RENEW_BEFORE_MS);
}

/**
 * Renews the access token before it runs out, again and again: `renew` gets a new one (a refresh
 * token grant when the provider gave one, else a hidden-iframe sign-in with the provider's
 * session), `onRenewed` hands it to the session. A failed renewal stops trying: the session then
 * ends at exp as before (session.ts), and what was typed is kept in drafts. Returns a stop function.
 */
export function keepRenewed(token: string, renew: () => Promise<string | null>, onRenewed: (token: string) => void, now: () => number = Date.now): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = (current: string) => {
    const delay = renewalDelay(current, now());
    if (delay === null) return;
    timer = setTimeout(() => {
      void renew().then(
        (next) => {
          if (stopped || !next || next === current) return;
          onRenewed(next);
          schedule(next);
        },
        () => undefined, // the provider's session is gone: the session ends at exp
      );
    }, delay);
  };
  schedule(token);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** A new access token from the provider without leaving the page (signinSilent), or null. */
export async function renewOidcToken(oidc: NonNullable<WebConfig['oidc']>): Promise<string | null> {
  const user = await (await manager(oidc)).signinSilent();
  return user?.access_token ?? null;
}

/** On /auth/silent inside the hidden iframe: hands the provider's answer to the page that asked. */
export async function completeSilentRenew(oidc: NonNullable<WebConfig['oidc']>): Promise<void> {
  await (await manager(oidc)).signinSilentCallback();
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

/**
 * Ends the session at the provider as well (its end_session_endpoint), when it has one.
 * signoutRedirect reads the stored user for the id_token_hint (without it a provider may ask the
 * user to confirm, or refuse) and then removes it; removing it first would lose the hint.
 */
export async function oidcSignOut(oidc: NonNullable<WebConfig['oidc']>): Promise<void> {
  const m = await manager(oidc);
  try {
    await m.signoutRedirect();
  } catch {
    // A provider without end_session_endpoint: the local sign-out is all there is.
    await m.removeUser();
  }
}
