// Vitest setup for the component tests: the app's texts in bokmål, and a clean DOM and session
// storage after each test (forms keep drafts there, which must not leak into the next test).
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../i18n/i18n';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
