// Builds the web app into dist/web/, which Torg serves at /: GraphQL types from src/schema.gql
// (GraphQL Code Generator), a type check (a schema change that breaks a screen fails here), and
// the Vite build, which prints the first screen's gzipped JavaScript. Plain JavaScript, as it
// runs before anything is compiled. `--if-stale` builds only when an input changed since the
// last build made here (npm start, the browser test).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GENERATED = join(root, 'src', 'web', 'gql');
const VITE_TEMP = join(root, 'src', 'web', 'node_modules');
/** What the build reads; a folder's own time changes when a file in it is added or removed. */
const INPUTS = ['src/web', 'src/schema.gql', 'package-lock.json'].map((p) => join(root, p));
const OUTPUT = join(root, 'dist', 'web', 'index.html');
/** Written after each build made here, dated when that build started. */
const STAMP = join(root, 'dist', 'web', '.build-stamp');

function newestChange(path) {
  // Written by the build itself: the generated types, and Vite's temporary config under node_modules/.vite-temp.
  if (path === GENERATED || path === VITE_TEMP) return 0;
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  // src/web's own time changes when the generator recreates gql/ in it; its files and subfolders count.
  let newest = path === INPUTS[0] ? 0 : st.mtimeMs;
  if (st.isDirectory()) for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

function stale() {
  const stamp = statSync(STAMP, { throwIfNoEntry: false });
  if (!existsSync(OUTPUT) || !stamp) return 'no build yet';
  return Math.max(...INPUTS.map(newestChange)) >= stamp.mtimeMs ? 'sources changed since the last build' : null;
}

const run = (bin, args, env = process.env) => execFileSync(process.execPath, [join(root, 'node_modules', ...bin), ...args], { cwd: root, stdio: 'inherit', env });

if (process.argv.includes('--if-stale')) {
  const why = stale();
  if (!why) process.exit(0);
  process.stderr.write(`Building the web app into dist/web/ (${why})…\n`);
}
const started = new Date();
try {
  run(['@graphql-codegen', 'cli', 'cjs', 'bin.js'], ['--config', 'src/web/codegen.yml', '--silent']);
  run(['typescript', 'bin', 'tsc'], ['-p', 'src/web/tsconfig.json']);
  // Vite follows NODE_ENV when it is set: under Jest (test) it would bundle React's development build.
  run(['vite', 'bin', 'vite.js'], ['build', '--config', 'src/web/vite.config.mts', '--logLevel', 'warn'], { ...process.env, NODE_ENV: 'production' });
} catch (e) {
  process.exit(typeof e.status === 'number' ? e.status : 1);
}
writeFileSync(STAMP, '');
utimesSync(STAMP, started, started);
