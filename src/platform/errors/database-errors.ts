import { conflict, DomainError, serviceUnavailable } from './domain-error';

/** What a PostgreSQL (or pool) failure tells the caller; null for failures that are Torg's bug. */
interface Mapped {
  kind: 'busy' | 'conflict';
  message: string;
  retryAfterSeconds: number;
}

const SQLSTATE: Record<string, Mapped> = {
  // statement_timeout (a lock wait counts too when lock_timeout is longer)
  '57014': { kind: 'busy', message: 'The database did not finish this request in the time one statement may take; nothing was changed. Try again later', retryAfterSeconds: 5 },
  // lock_timeout or NOWAIT: another request holds what this one would change
  '55P03': { kind: 'conflict', message: 'Another request is changing the same data right now; nothing was changed. Try again when it has finished', retryAfterSeconds: 2 },
  // idle_in_transaction_session_timeout: the server ended a transaction left waiting
  '25P03': { kind: 'busy', message: 'The request held its database transaction idle for too long and was ended; nothing was changed. Try again', retryAfterSeconds: 5 },
  // serialization failure / deadlock, still failing after inTransaction's retries
  '40001': { kind: 'conflict', message: 'The request collided with a concurrent change; nothing was changed. Try again', retryAfterSeconds: 1 },
  '40P01': { kind: 'conflict', message: 'The request collided with a concurrent change; nothing was changed. Try again', retryAfterSeconds: 1 },
  // unique or exclusion violation: two requests created the same thing at once (services check
  // first; this is the race between the check and the insert, answered as what it is)
  '23505': { kind: 'conflict', message: 'A concurrent request has just created the same thing (the same code, name or key); nothing was changed. Look it up, or try again', retryAfterSeconds: 1 },
  '23P01': { kind: 'conflict', message: 'A concurrent request has just made a change that overlaps this one; nothing was changed. Look it up, or try again', retryAfterSeconds: 1 },
  '53300': { kind: 'busy', message: 'The database accepts no more connections right now. Try again shortly', retryAfterSeconds: 5 },
  '57P01': { kind: 'busy', message: 'The database is shutting down or restarting. Try again shortly', retryAfterSeconds: 5 },
  '57P02': { kind: 'busy', message: 'The database is shutting down or restarting. Try again shortly', retryAfterSeconds: 5 },
  '57P03': { kind: 'busy', message: 'The database is starting up. Try again shortly', retryAfterSeconds: 5 },
};

/** Failures of node-postgres' pool and client, which carry no SQLSTATE. */
const DRIVER_MESSAGES: [RegExp, Mapped][] = [
  // The two ways the acquire timeout ends, told apart so that a 503 says which it was: a full
  // pool's queue (every connection was in use the whole time) or a new connection the database
  // did not open in time (a cold pool on a loaded machine).
  [/timeout exceeded when trying to connect/, { kind: 'busy', message: 'Every database connection is busy and none came free in time; nothing was changed. Try again shortly', retryAfterSeconds: 5 }],
  [/Connection terminated due to connection timeout/, { kind: 'busy', message: 'A new database connection could not be opened in time; nothing was changed. Try again shortly', retryAfterSeconds: 5 }],
  // The last alternative is before-commit.ts's, left when each of inTransaction's attempts lost its connection.
  [
    /Connection terminated unexpectedly|not queryable|Connection terminated|lost its database connection before/,
    { kind: 'busy', message: 'The database connection was lost; nothing was changed. Try again', retryAfterSeconds: 5 },
  ],
];

function codeOf(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The one place where a database stall or refusal becomes an answer the caller can act on:
 * a timeout or a full pool → SERVICE_UNAVAILABLE (503), a lock held elsewhere, a collision or a
 * duplicate created by a concurrent request → CONFLICT (409), each with `retryAfterSeconds` (a Retry-After header over REST). Anything else
 * returns null and stays an internal error. Used by both the REST filter and the GraphQL formatter.
 */
export function databaseErrorToDomain(e: unknown): DomainError | null {
  if (!(e instanceof Error)) return null;
  const mapped = SQLSTATE[codeOf(e) ?? ''] ?? DRIVER_MESSAGES.find(([re]) => re.test(e.message))?.[1];
  if (!mapped) return null;
  const details = { retryAfterSeconds: mapped.retryAfterSeconds };
  return mapped.kind === 'busy' ? serviceUnavailable(mapped.message, details) : conflict(mapped.message, details);
}
