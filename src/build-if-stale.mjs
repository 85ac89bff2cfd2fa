// Builds dist/ (tsc -p tsconfig.build.json) only when a source changed since the last build made
// here, or the given output is missing: `npm run cli` then starts in about a second, where tsc
// alone takes 3 to 6 s even with nothing to compile. Plain JavaScript, as it runs before the
// build. Usage: node src/build-if-stale.mjs dist/src/cli.js
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build compiles, and its settings; a folder's own time changes when a file in it is added or removed. */
const INPUTS = ['src', 'migrations', 'test/bench', 'tsconfig.json', 'tsconfig.build.json'];
/** Written after each build made here, dated when that build started. */
const STAMP = join(root, 'dist', '.build-stamp');

function newestChange(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  let newest = st.mtimeMs;
  if (st.isDirectory()) for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

const output = join(root, process.argv[2] ?? 'dist/src/main.js');
const stamp = statSync(STAMP, { throwIfNoEntry: false });
const changed = Math.max(...INPUTS.map((p) => newestChange(join(root, p))));
if (!existsSync(output) || !stamp || changed >= stamp.mtimeMs) {
  const started = new Date();
  process.stderr.write(`Building dist/ (${!existsSync(output) || !stamp ? 'no build yet' : 'sources changed since the last build'})…\n`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  } catch (e) {
    process.exit(typeof e.status === 'number' ? e.status : 1);
  }
  writeFileSync(STAMP, '');
  utimesSync(STAMP, started, started);
}
