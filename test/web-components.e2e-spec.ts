/**
 * The web app's component and unit tests (Vitest, src/web/**\/*.test.ts[x]) as part of `npm test`,
 * the one command CI runs: they need a browser-like DOM (happy-dom) and Vite's TSX compiler,
 * which Jest here has not, so Vitest runs them in a child process. `npm run test:web` runs them
 * alone. The GraphQL types are generated first (src/web/gql is not committed).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const bin = (...path: string[]) => join(root, 'node_modules', ...path);

function run(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('the web app', () => {
  it('passes its Vitest suite (components, formatting, search filters, checkout, OIDC request)', () => {
    const codegen = run([bin('@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'src/web/codegen.yml', '--silent']);
    expect([codegen.status, codegen.output]).toEqual([0, expect.any(String)]);
    const vitest = run([bin('vitest', 'vitest.mjs'), 'run', '--config', 'src/web/vite.config.mts', '--reporter', 'default']);
    const summary = vitest.output.split('\n').filter((l) => /^\s*(Test Files|Tests)\s/.test(l));
    console.log(`web app (Vitest):\n${summary.join('\n')}`);
    if (vitest.status !== 0) console.error(vitest.output);
    expect(vitest.status).toBe(0);
    expect(summary.join('\n')).toMatch(/Tests\s+\d+ passed/);
    expect(summary.join('\n')).not.toMatch(/failed|skipped/);
  }, 600_000);
});
