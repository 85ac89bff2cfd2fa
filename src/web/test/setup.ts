// Vitest setup for the component tests: the app's texts in bokmål (English loaded too, as the
// app loads it when chosen), and a clean DOM and session storage after each test (forms keep
// drafts there, which must not leak into the next test).
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { loadEnglish } from '../i18n/i18n';

beforeAll(loadEnglish);

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
