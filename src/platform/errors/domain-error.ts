/**
 * Coded errors for expected failures that are thrown (not returned as result unions).
 * One place (errors/graphql-error-format.ts and errors/http-exception.filter.ts) maps them to
 * GraphQL `extensions.code` and HTTP statuses, so a bad input never turns into a 500.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'TOO_MANY_REQUESTS' | 'SERVICE_UNAVAILABLE';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new DomainError('BAD_USER_INPUT', message, details);
export const notFound = (what: string, id: string | number) => new DomainError('NOT_FOUND', `${what} ${id} was not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', message, details);
/** Torg is too busy (or its database too slow) right now; `retryAfterSeconds` becomes a Retry-After header. */
export const serviceUnavailable = (message: string, details?: Record<string, unknown>) => new DomainError('SERVICE_UNAVAILABLE', message, details);
export const unauthenticated = (message = 'A valid bearer token is required') => new DomainError('UNAUTHENTICATED', message);

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

const CODE_OF_STATUS = new Map(Object.entries(HTTP_STATUS).map(([code, status]) => [status, code as ErrorCode]));

/**
 * The code a client sees for an HTTP status raised outside Torg's own errors (a Nest or library
 * HttpException): the one HTTP_STATUS maps to it, INTERNAL_SERVER_ERROR for 5xx, else BAD_USER_INPUT.
 */
export function errorCodeForStatus(status: number): ErrorCode | 'INTERNAL_SERVER_ERROR' {
  return CODE_OF_STATUS.get(status) ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT');
}

/**
 * The caller has used up their requests for now. `extensions.http` is how Apollo sets the HTTP
 * status of a GraphQL response from an error thrown while executing (REST gets it from HTTP_STATUS).
 */
export class TooManyRequestsError extends DomainError {
  readonly extensions = { http: { status: HTTP_STATUS.TOO_MANY_REQUESTS } };

  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many requests: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
