/**
 * Preloaded (`--require`) into a service the bench profiles: Node writes a `--cpu-prof` profile
 * only when the process exits normally, but Nest's shutdown hook closes the app and then sends
 * the stop signal to the process again, which kills it before the profile is written. This
 * listener stays registered, so that second signal exits normally instead (the app is closed by
 * then); the first one is left to Nest.
 */
let stops = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (++stops > 1) process.exit(0);
  });
}
