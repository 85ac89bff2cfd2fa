/**
 * Preloaded into a bench's service (`node --require`): a stop signal ends the process with
 * process.exit, so that Node writes what `--cpu-prof` (BENCH_SERVICE_NODE_ARGS) collected. Nest's
 * shutdown hooks close the app and then raise the signal again, and a process killed by a signal
 * writes no profile. The bench's database is its own, so nothing is lost by not closing the app.
 */
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
