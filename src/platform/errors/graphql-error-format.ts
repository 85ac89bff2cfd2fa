import { HttpException } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { databaseErrorToDomain } from './database-errors';
import { DomainError, errorCodeForStatus } from './domain-error';

/** Codes Apollo itself puts on errors about the request (parse, validation, variables). */
const REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']);

function messagesOf(response: unknown): string | undefined {
  if (response && typeof response === 'object' && 'message' in response) {
    const m = response.message;
    if (Array.isArray(m)) return m.join('; ');
    if (typeof m === 'string') return m;
  }
  return undefined;
}

/**
 * The one place where errors become what a GraphQL client sees: coded domain errors keep their
 * code and message, Nest HTTP exceptions get the matching code, and anything unexpected is
 * reported as INTERNAL_SERVER_ERROR without internals (and logged by the caller).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, onUnexpected: (e: unknown) => void): GraphQLFormattedError {
  const raw = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const original = raw instanceof DomainError ? raw : (databaseErrorToDomain(raw) ?? raw);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { code: original.code, ...(original.details ?? {}) } };
  }
  if (original instanceof HttpException) {
    const code = errorCodeForStatus(original.getStatus());
    const message = messagesOf(original.getResponse()) ?? original.message;
    return { ...formatted, message, extensions: { code } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && REQUEST_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    // Errors graphql-js raises itself while executing (e.g. a value that does not fit a scalar).
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  onUnexpected(original);
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
