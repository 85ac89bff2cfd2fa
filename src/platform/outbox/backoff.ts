/** How the dispatcher retries a message whose handler failed. */
export interface RetryPolicy {
  /** Attempts in all before a message is parked as dead. */
  maxAttempts: number;
  /** Wait before the first retry; each further retry waits twice as long as the one before. */
  baseMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
}

/** What becomes of a message after its `attempts`-th attempt (counted from 1) failed. */
export type AfterFailure = { state: 'pending'; retryInMs: number } | { state: 'dead' };

/** Wait after the `attempts`-th failed attempt: base, 2·base, 4·base, … up to maxMs. */
export function retryDelayMs(attempts: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>): number {
  const doublings = Math.max(0, attempts - 1);
  // 2^40 ms is decades: beyond it the cap applies anyway, and the power stays exact.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(doublings, 40));
}

export function afterFailure(attempts: number, policy: RetryPolicy): AfterFailure {
  if (attempts >= policy.maxAttempts) return { state: 'dead' };
  return { state: 'pending', retryInMs: retryDelayMs(attempts, policy) };
}
