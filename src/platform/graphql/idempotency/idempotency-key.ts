import { createHash } from 'node:crypto';

/** The request header a client names its attempt with (as Stripe and the IETF draft call it). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The header on an answer that was stored earlier and is sent again, not executed again. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** 1 to 200 visible ASCII characters: a UUID, a ULID or the client's own reference all fit. */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** The key a client sent, or why it is refused. */
export function parseIdempotencyKey(header: string): { key: string } | { problem: string } {
  if (KEY.test(header)) return { key: header };
  // A header sent twice arrives joined with ", ", which holds a space: refused too.
  return { problem: `The Idempotency-Key header must be 1 to 200 visible ASCII characters (letters, digits, punctuation; no spaces), e.g. a UUID; got ${header.length} characters` };
}

/** What makes two requests the same request: the operation, its variables, and the organisation the caller acts for. */
export interface IdempotentRequest {
  /** The operation's document, printed from the parsed one (so whitespace and comments do not count). */
  document: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  organisationId: number;
}

/** SHA-256 of the request, variables with their keys sorted: a client that sends the same values in another order sends the same request. */
export function requestFingerprint(request: IdempotentRequest): string {
  const canonical = canonicalJson([request.document, request.operationName ?? null, request.variables ?? {}, request.organisationId]);
  return createHash('sha256').update(canonical).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Error codes that mean "Torg failed", not "the request was wrong". */
const SERVER_FAILURES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

/**
 * Whether an answer says "try again" rather than answering the request: a 5xx, an unexpected or
 * "unavailable" error inside a 200 GraphQL answer, or an error that names a `retryAfterSeconds`
 * (a lock held by another request, a collision: nothing was changed). Such an answer is not kept,
 * so a retry with the key runs again. Expected failures (result-union errors, BAD_USER_INPUT,
 * FORBIDDEN, NOT_FOUND, …) are the request's answer and are kept, as Stripe keeps them.
 */
export function isRetryableFailure(status: number, errors: readonly { extensions?: Record<string, unknown> }[] | undefined): boolean {
  return status >= 500 || !!errors?.some((e) => SERVER_FAILURES.has(String(e.extensions?.code)) || e.extensions?.retryAfterSeconds !== undefined);
}
