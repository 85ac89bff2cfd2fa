import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { needShared, sharedData } from './support/shared-data';

/**
 * The one rule for tests that read ../shared/data (issue 16): without it a developer's run skips
 * them with a warning, but CI fails, so a CI run can never pass with the conformance tests
 * quietly skipped. No app is started: this is the rule itself, and .ci/run's part in it.
 */

const missing = sharedData('no-such-folder-of-shared-data');
const present = sharedData('peppol');
let ci: string | undefined;
beforeEach(() => {
  ci = process.env.CI;
});
afterEach(() => {
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
  jest.restoreAllMocks();
});

it('fails in CI when a shared folder is missing, naming the tests and the folder', () => {
  expect(missing.found).toBe(false);
  process.env.CI = 'true';
  expect(() => needShared('the example tests', missing)).toThrow(
    `the example tests need ../shared/data beside the repository, and ${missing.dir} was not found. CI is set (true): in CI a missing shared folder fails the run instead of skipping these tests quietly.`,
  );
});

it('skips with a SKIPPED warning outside CI (CI unset, or "false")', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  for (const value of [undefined, 'false']) {
    if (value === undefined) delete process.env.CI;
    else process.env.CI = value;
    expect(needShared('the example tests', missing)).toBe(false);
  }
  expect(warn).toHaveBeenCalledTimes(2);
  expect(warn.mock.calls[0][0]).toBe(`SKIPPED: the example tests need ../shared/data beside the repository, and ${missing.dir} was not found.`);
});

it('runs the tests when every folder is there, in CI or not', () => {
  process.env.CI = 'true';
  // This machine has the shared data; without it this file fails in CI like the others.
  expect(needShared('the published examples', present)).toBe(true);
});

it('.ci/run runs the tests with CI set (it exports CI=true unless the caller set it)', () => {
  const run = readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8');
  const exported = run.indexOf('export CI="${CI:-true}"');
  expect(exported).toBeGreaterThan(-1);
  expect(exported).toBeLessThan(run.indexOf('npm test'));
});
