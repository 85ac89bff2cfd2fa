import { afterFailure, retryDelayMs } from './backoff';

describe('outbox back-off', () => {
  const policy = { maxAttempts: 5, baseMs: 1000, maxMs: 300_000 };

  it('waits the base after the first failure and twice as long after each further one', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(retryDelayMs(9, policy)).toBe(256_000);
    expect(retryDelayMs(10, policy)).toBe(300_000);
    expect(retryDelayMs(1_000_000, policy)).toBe(300_000);
  });

  it('treats attempt counts below one as the first failure', () => {
    expect(retryDelayMs(0, policy)).toBe(1000);
  });

  it('retries until the last allowed attempt has failed, then parks the message as dead', () => {
    expect(afterFailure(1, policy)).toEqual({ state: 'pending', retryInMs: 1000 });
    expect(afterFailure(4, policy)).toEqual({ state: 'pending', retryInMs: 8000 });
    expect(afterFailure(5, policy)).toEqual({ state: 'dead' });
    expect(afterFailure(6, policy)).toEqual({ state: 'dead' });
    expect(afterFailure(1, { ...policy, maxAttempts: 1 })).toEqual({ state: 'dead' });
  });
});
