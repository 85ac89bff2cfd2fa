import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';

/** What Torg's server puts on a thrown error (src/platform/errors): a code, and details that are data. */
export interface ServerError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** Codes with a text of their own in errors.codes (the server's ErrorCode, and Apollo's request codes). */
const CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE']);
/** The request itself did not fit the server's schema: the page is older than the server. */
const OUTDATED = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'PERSISTED_QUERY_NOT_FOUND']);
/** Refusals with a text of their own, by code and field (`CONFLICT_name`: a template's name taken). */
const KNOWN = new Set(['CONFLICT_name']);

/** The field's label in the user's language, or the field's own name (it is data, not prose). */
function fieldLabel(field: string, t: TFunction): string {
  return t(`errors.fields.${field}`, { defaultValue: field });
}

/**
 * One server error in the user's language, with what to do. The server's message is English prose
 * and is not shown; only its structured details are (the field, seconds to wait).
 */
export function serverErrorText(error: ServerError, t: TFunction): string {
  const ext = error.extensions ?? {};
  const code = typeof ext.code === 'string' ? ext.code : '';
  const field = typeof ext.field === 'string' ? ext.field : undefined;
  if (code === 'UNAUTHENTICATED') return t('errors.unauthenticated');
  if (OUTDATED.has(code)) return t('errors.outdated');
  if (field && KNOWN.has(`${code}_${field}`)) return t(`errors.known.${code}_${field}`);
  if (code === 'TOO_MANY_REQUESTS' && typeof ext.retryAfterSeconds === 'number') return t('errors.codes.TOO_MANY_REQUESTS_AFTER', { seconds: ext.retryAfterSeconds });
  if (CODES.has(code)) return field ? t(`errors.fieldCodes.${code}`, { defaultValue: t(`errors.codes.${code}`), field: fieldLabel(field, t) }) : t(`errors.codes.${code}`);
  return t('errors.server');
}

/** A failed request, said in the user's language so that they know what to do. */
export function errorMessage(error: CombinedError, t: TFunction): string {
  if (error.networkError && !error.graphQLErrors.length) return t('errors.network');
  const first = error.graphQLErrors[0];
  return first ? serverErrorText(first, t) : t('errors.server');
}
