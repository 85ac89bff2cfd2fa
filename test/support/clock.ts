import type { TestApp } from './test-app';

/** Every clock function but Date: timers, microtasks and performance keep running for real. */
const NOT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/**
 * Runs `fn` with the app's clock (Date, in this process) on another day (YYYY-MM-DD, midday in
 * Norway), moving on with real time: what Torg decides by "today" (osloToday) sees that day. The
 * database's own clock is not moved, so only rules that take today from the service are tested so.
 */
export async function onDay<T>(day: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ doNotFake: [...NOT_DATE], now: new Date(`${day}T11:00:00Z`), advanceTimers: true });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

/** A new token for a demo user, issued now (a token from before a jump in time may have expired). */
export async function freshToken(t: TestApp, email: string): Promise<string> {
  const res = await t.gql(null, 'mutation($e: String!) { devLogin(email: $e) { token } }', { e: email });
  if (!res.data) throw new Error(`devLogin ${email} failed: ${JSON.stringify(res.errors)}`);
  return res.data.devLogin.token;
}

/** The day `days` after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
