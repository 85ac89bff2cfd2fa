/**
 * What rebuilding the UNSPSC title vocabulary costs after the full code set is imported
 * (../shared/data/unspsc, 156,510 codes): `npm run build && node dist/test/bench/unspsc-vocabulary.js`.
 *
 * The rebuild runs as the service runs it (the outbox message `titles` of
 * `classification.vocabulary-changed`, drained), three times. Printed per run: the time, the
 * statements sent (every pg query, BEGIN and COMMIT included, the outbox's own claim too), the
 * longest time a transaction sat idle between two statements (what
 * idle_in_transaction_session_timeout ends) and the longest event-loop stall (how long the
 * service could not answer anything). The wall-clock figure is noisy on the shared machine; the
 * other three are not.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { UnspscVocabulary } from '../../src/classification/suggestions/unspsc-vocabulary';
import { RequestContext } from '../../src/platform/context/request-context';
import { inTransaction } from '../../src/platform/database/transaction';
import { importFullCodeSet, sharedUnspsc, startSuggestionApp } from './unspsc-accuracy';

interface Tally {
  statements: number;
  longestIdleInTransactionMs: number;
}

/** Counts every statement any pg client sends, and the longest idle gap inside a transaction. */
function watchStatements(): { tally: Tally; reset: () => void } {
  const tally: Tally = { statements: 0, longestIdleInTransactionMs: 0 };
  const inTransaction = new WeakSet<Client>();
  const idleSince = new WeakMap<Client, number>();
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: Client, ...args: unknown[]) {
    tally.statements++;
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? 'COPY');
    const since = idleSince.get(this);
    if (since !== undefined) tally.longestIdleInTransactionMs = Math.max(tally.longestIdleInTransactionMs, performance.now() - since);
    idleSince.delete(this);
    if (/^\s*(BEGIN|START TRANSACTION)/i.test(text)) inTransaction.add(this);
    if (/^\s*(COMMIT|ROLLBACK)/i.test(text)) inTransaction.delete(this);
    const result = query.apply(this, args);
    const done = () => {
      if (inTransaction.has(this)) idleSince.set(this, performance.now());
    };
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
    else if (result && typeof (result as NodeJS.EventEmitter).on === 'function') (result as NodeJS.EventEmitter).on('finish', done).on('error', done);
    return result;
  };
  return {
    tally,
    reset: () => {
      tally.statements = 0;
      tally.longestIdleInTransactionMs = 0;
    },
  };
}

async function main() {
  const file = sharedUnspsc();
  if (!file) throw new Error('../shared/data/unspsc/unspsc.csv not found');
  const log = (m: string) => process.stderr.write(m + '\n');
  const { app, close } = await startSuggestionApp(() => undefined);
  try {
    const imported = await importFullCodeSet(app, file);
    log(`imported ${imported.codes} codes and built the title vocabulary in ${imported.seconds.toFixed(1)} s`);
    const ds = app.get(DataSource);
    const vocabulary = app.get(UnspscVocabulary);
    const { tally, reset } = watchStatements();
    const rows = ['| run | time | statements | longest idle in a transaction | longest event-loop stall | title rows | outcome |', '| --- | --- | --- | --- | --- | --- | --- |'];
    for (let run = 1; run <= 3; run++) {
      const loop = monitorEventLoopDelay({ resolution: 10 });
      await inTransaction(ds, new RequestContext(undefined, ds.manager), (tx) => vocabulary.titlesChanged(tx));
      reset();
      loop.enable();
      const t0 = performance.now();
      await vocabulary.drain();
      const seconds = (performance.now() - t0) / 1000;
      loop.disable();
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM unspsc_feature WHERE source = 'title'`);
      // drain() returns when nothing is due: a failed rebuild waits for its retry, and says why here.
      const failed: { last_error: string }[] = await ds.query(`SELECT last_error FROM outbox_message WHERE topic = 'classification.vocabulary-changed' AND state <> 'done'`);
      const outcome = failed.length ? `failed: ${failed[0].last_error.slice(0, 60)}` : 'done';
      process.stderr.write(`run ${run}: ${seconds.toFixed(1)} s, ${tally.statements} statements\n`);
      rows.push(`| ${run} | ${seconds.toFixed(1)} s | ${tally.statements} | ${tally.longestIdleInTransactionMs.toFixed(0)} ms | ${(loop.max / 1e6).toFixed(0)} ms | ${n} | ${outcome} |`);
    }
    process.stdout.write(`UNSPSC title vocabulary rebuild after the full code set (load average ${loadavg()[0].toFixed(1)})\n${rows.join('\n')}\n`);
  } finally {
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
