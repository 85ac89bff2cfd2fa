import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';

/** A failed request, said so that the user knows what to do (the server's message where it says why). */
export function errorMessage(error: CombinedError, t: TFunction): string {
  if (error.networkError && !error.graphQLErrors.length) return t('errors.network');
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  if (code === 'UNAUTHENTICATED') return t('errors.unauthenticated');
  // Bad input, not found, forbidden, conflicts: the server's message says where and why.
  if (first && code !== 'INTERNAL_SERVER_ERROR') return first.message;
  return t('errors.server', { message: first?.message ?? error.message });
}
