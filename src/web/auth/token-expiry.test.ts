import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, msUntilExpiry, tokenExpiresAt } from './token-expiry';

const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

describe('token expiry', () => {
  it('reads exp of a JWT in milliseconds, and how long is left', () => {
    expect(tokenExpiresAt(jwt({ sub: 'x', exp: 1_800_000_000, name: 'Bjørn Bestiller' }))).toBe(1_800_000_000_000);
    expect(msUntilExpiry(jwt({ exp: 100 }), 40_000)).toBe(60_000);
    expect(msUntilExpiry(jwt({ exp: 100 }), 500_000)).toBe(0);
    expect(msUntilExpiry(jwt({ exp: 4_000_000_000 }), 0)).toBe(MAX_TIMER_MS);
  });

  it('says nothing of a token that is not a JWT or has no expiry', () => {
    expect(tokenExpiresAt('opaque-token')).toBeNull();
    expect(tokenExpiresAt('a.%%%.c')).toBeNull();
    expect(tokenExpiresAt(jwt({ sub: 'x' }))).toBeNull();
    expect(msUntilExpiry('opaque', 0)).toBeNull();
  });
});
