/**
 * Unit tests (*.spec.ts beside the code) and end-to-end tests (test/*.e2e-spec.ts).
 * One embedded PostgreSQL cluster is started for the whole run (test/support/global-setup.mjs);
 * each e2e file creates its own database in it.
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/bench/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/migrations/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 120000,
};
