import { describe, expect, it, vi } from 'vitest';
import { CALLBACK_PATH, keepRenewed, oidcSettings, renewalDelay } from './oidc';

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

/** A JWT whose only claim is exp (seconds): what renewalDelay reads. */
const jwt = (expMs: number) => `h.${btoa(JSON.stringify({ exp: expMs / 1000 })).replace(/=+$/, '')}.s`;

describe('OIDC token renewal', () => {
  it('is due a minute before exp, at once when less is left, never for a token without exp', () => {
    expect(renewalDelay(jwt(1_000_000 + 5 * 60_000), 1_000_000)).toBe(4 * 60_000);
    expect(renewalDelay(jwt(1_000_000 + 30_000), 1_000_000)).toBe(0);
    expect(renewalDelay('not-a-jwt', 1_000_000)).toBeNull();
  });

  it('renews before exp, hands on the new token, and schedules the next renewal from it', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const first = jwt(5 * 60_000);
      const second = jwt(15 * 60_000);
      const renew = vi.fn<() => Promise<string | null>>().mockResolvedValueOnce(second).mockResolvedValueOnce(null);
      const renewed: string[] = [];
      keepRenewed(first, renew, (t) => renewed.push(t));
      await vi.advanceTimersByTimeAsync(4 * 60_000 - 1);
      expect(renew).not.toHaveBeenCalled(); // not before exp − 1 min
      await vi.advanceTimersByTimeAsync(1);
      expect(renew).toHaveBeenCalledTimes(1);
      expect(renewed).toEqual([second]);
      // The next one from the new token's exp (15 min − 1 min), not the old one's.
      await vi.advanceTimersByTimeAsync(14 * 60_000 - 4 * 60_000 - 1);
      expect(renew).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(renew).toHaveBeenCalledTimes(2);
      // A renewal that gave nothing stops the loop: the session then ends at exp.
      await vi.advanceTimersByTimeAsync(60 * 60_000);
      expect(renew).toHaveBeenCalledTimes(2);
      expect(renewed).toEqual([second]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops on a failed renewal and when stopped (sign-out)', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const failing = vi.fn<() => Promise<string | null>>().mockRejectedValue(new Error('login_required'));
      const onRenewed = vi.fn();
      keepRenewed(jwt(2 * 60_000), failing, onRenewed);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(failing).toHaveBeenCalledTimes(1);
      expect(onRenewed).not.toHaveBeenCalled();

      const renew = vi.fn<() => Promise<string | null>>().mockResolvedValue(jwt(20 * 60_000));
      const stop = keepRenewed(jwt(12 * 60_000), renew, onRenewed);
      stop();
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      expect(renew).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
