// ESLint for Torg (`npm run lint:es`). It lives in .ci/ so the top level of the repository stays as
// README describes, which is why it is passed with `eslint -c .ci/eslint.config.mjs`. Patterns
// below are relative to the checkout (basePath), not to this folder, whatever the working directory.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '..');

const unused = {
  args: 'all',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrors: 'all',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

export default tseslint.config(
  {
    basePath: root,
    ignores: ['dist/**', 'coverage/**', '.data/**', 'catalogs/**', 'test/fixtures/**', 'test-output/**', 'src/web/gql/**'],
  },
  {
    basePath: root,
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    basePath: root,
    // The web app (src/web) is checked with its own tsconfig, which the project service finds.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // Type-aware rules (floating and misused promises above all): about 15 s for the whole
      // repository on two cores, most of it the TypeScript program tsc builds as well.
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', unused],
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Rows from pg, JSON bodies and XML trees are `any` at the boundary by design; typing each
      // read is the job of the module that owns the data, not of a lint rule over 800 lines.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Apollo plugin hooks and Nest interfaces return promises; an `async` without `await` that
      // implements them is correct.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    basePath: root,
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'src/web/**/*.test.{ts,tsx}', 'src/web/test/**'],
    rules: {
      // Tests read untyped JSON bodies; `any` there says "whatever the API answered".
      '@typescript-eslint/no-explicit-any': 'off',
      // expect(obj.method) and handler references are how Jest and Nest tests name a method.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    basePath: root,
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', globalThis: 'readonly' },
    },
  },
);
