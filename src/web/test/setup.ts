// Vitest setup for the component tests: the app's texts in bokmål, and a clean DOM after each test.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../i18n/i18n';

afterEach(() => cleanup());
