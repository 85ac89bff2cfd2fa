/**
 * When a bearer token stops being good: the `exp` claim of a JWT (seconds since the epoch), read
 * without verifying (the server verifies; the client only wants to know when to ask the user to
 * sign in again). Null for a token that is not a JWT or has no expiry. Pure, unit-tested.
 */
export function tokenExpiresAt(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** setTimeout takes at most 2^31 − 1 ms (about 24.8 days); a later expiry is checked again then. */
export const MAX_TIMER_MS = 2_147_483_647;

/** How long until the session should end (never below 0), capped for setTimeout; null when the token does not say. */
export function msUntilExpiry(token: string, now: number): number | null {
  const at = tokenExpiresAt(token);
  return at === null ? null : Math.min(Math.max(0, at - now), MAX_TIMER_MS);
}
