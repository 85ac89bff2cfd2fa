import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { nb } from '../i18n/nb';
import { errorMessage, serverErrorText } from './errors';

beforeAll(async () => {
  await i18n.init({ lng: 'nb', resources: { nb: { translation: nb }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

const failed = (message: string, extensions: Record<string, unknown>) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });

describe('server errors in the user’s language', () => {
  it('says each code in bokmål with what to do, never the server’s English prose', () => {
    for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE'] as const) {
      const text = errorMessage(failed('Order 7 was not found in your organisation', { code }), i18n.getFixedT('nb'));
      expect(text).toBe(nb.errors.codes[code]);
      expect(text).not.toContain('Order 7');
    }
    expect(serverErrorText({ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }, i18n.getFixedT('nb'))).toBe('Innloggingen er utløpt. Logg inn igjen.');
  });

  it('names the field in the user’s words, or by its own name when it has no label', () => {
    const nbT = i18n.getFixedT('nb');
    expect(serverErrorText({ message: 'dueDate must not be before issueDate', extensions: { code: 'BAD_USER_INPUT', field: 'dueDate' } }, nbT)).toBe(
      'Sjekk «Forfallsdato»: Torg kunne ikke bruke verdien. Rett den og prøv igjen.',
    );
    expect(serverErrorText({ message: 'x', extensions: { code: 'BAD_USER_INPUT', field: 'maxIncrease.percent' } }, nbT)).toBe(
      'Sjekk «maxIncrease.percent»: Torg kunne ikke bruke verdien. Rett den og prøv igjen.',
    );
    expect(serverErrorText({ message: 'x', extensions: { code: 'NOT_FOUND', field: 'orderId' } }, nbT)).toBe(nb.errors.codes.NOT_FOUND);
    expect(serverErrorText({ message: 'x', extensions: { code: 'BAD_USER_INPUT', field: 'dueDate' } }, i18n.getFixedT('en'))).toBe(
      'Check “Due date”: Torg could not use the value. Correct it and try again.',
    );
  });

  it('has its own text for a known refusal (a name taken) and keeps structured details (seconds to wait)', () => {
    const nbT = i18n.getFixedT('nb');
    expect(errorMessage(failed('You have a template named "Kopipapir" already', { code: 'CONFLICT', field: 'name' }), nbT)).toBe(
      'Du har allerede en med dette navnet. Velg et annet navn og prøv igjen.',
    );
    expect(serverErrorText({ message: 'Too many requests: try again in 30 s', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 30 } }, nbT)).toBe(
      'Du har sendt mange forespørsler på kort tid. Vent 30 sekunder og prøv igjen.',
    );
  });

  it('falls back to a bokmål text with what to do for internal and unknown errors, and an outdated page', () => {
    const nbT = i18n.getFixedT('nb');
    expect(errorMessage(failed('Internal server error', { code: 'INTERNAL_SERVER_ERROR' }), nbT)).toBe(nb.errors.server);
    expect(errorMessage(failed('Something odd', {}), nbT)).toBe(nb.errors.server);
    expect(errorMessage(failed('Cannot query field "x"', { code: 'GRAPHQL_VALIDATION_FAILED' }), nbT)).toBe(nb.errors.outdated);
    expect(errorMessage(new CombinedError({ networkError: new Error('Failed to fetch') }), nbT)).toBe(nb.errors.network);
    expect(nb.errors.server).toMatch(/Prøv igjen/);
  });
});
