import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../health/metrics';

/** Handler runs by topic and outcome: done, failed (to be retried) or dead (failed the last time and parked). */
export const outboxHandled = new Counter({
  name: 'torg_outbox_handled_total',
  help: 'Outbox handler runs by topic and outcome (done, failed: retried later, dead: parked after the last attempt)',
  labelNames: ['topic', 'outcome'],
  registers: [metricsRegistry],
});

/** Who counts before a scrape: the newest app still running (tests and the CLI start several in one process). */
const counters: (() => Promise<void>)[] = [];

/** Messages waiting (pending), held back until their key goes quiet (settling) or parked (dead), by topic; counted in the database when scraped. */
export const outboxMessages = new Gauge({
  name: 'torg_outbox_messages',
  help: 'Outbox messages by topic and state (pending: to be handled, settling: held back on purpose until their key goes quiet, dead: parked after the last failed attempt)',
  labelNames: ['topic', 'state'],
  registers: [metricsRegistry],
  async collect() {
    await counters[counters.length - 1]?.();
  },
});

/** Lets `fn` set outboxMessages before each scrape; returns the way to stop (a closed app must not be asked). */
export function countOutboxMessagesWith(fn: () => Promise<void>): () => void {
  counters.push(fn);
  return () => {
    const at = counters.indexOf(fn);
    if (at >= 0) counters.splice(at, 1);
  };
}
