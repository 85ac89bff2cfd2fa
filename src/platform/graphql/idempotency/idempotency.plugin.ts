import { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestListener, GraphQLResponse, HeaderMap } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import { OperationTypeNode, print } from 'graphql';
import { CallerAuthenticator } from '../../auth/caller-authenticator';
import { Caller } from '../../context/request-context';
import { IDEMPOTENCY_HEADER, isRetryableFailure, parseIdempotencyKey, REPLAYED_HEADER, requestFingerprint } from './idempotency-key';
import { IdempotencyRepository } from './idempotency.repository';

type Context = { req: Request };
/** The answer a concurrent duplicate gets: the first request usually finishes within a second. */
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

/**
 * `Idempotency-Key` on GraphQL mutations: the first request with a key runs and its answer
 * (status and JSON body) is kept for IDEMPOTENCY_TTL_HOURS; a retry of the same request with the
 * same key gets that answer again without running (header `Idempotent-Replayed: true`); the key
 * with another request is refused (422 IDEMPOTENCY_KEY_REUSED). Keys are per caller (a user or a
 * machine client), so callers never see each other's answers. Queries, and callers without a
 * token (devLogin), ignore the header; a token the AccessGuard refuses is refused as always.
 *
 * An Apollo plugin rather than Express middleware: Apollo has parsed the document (a mutation or
 * not?) before `responseForOperation`, which may answer instead of executing, and
 * `willSendResponse` sees the whole answer, formatted, with its status.
 *
 * A second request while the first still runs is answered 409 IDEMPOTENCY_KEY_IN_PROGRESS with
 * Retry-After (as Stripe does) rather than made to wait: waiting would hold a request (and a poll
 * of the database) for as long as the first runs, and the client retries anyway.
 *
 * Server failures and "try again" answers (5xx, INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE, an
 * error with retryAfterSeconds: see isRetryableFailure) are not kept: the key is released and a
 * retry runs again; a document of several mutation fields that failed so runs them all again. The answer is stored after the mutation's own transaction has committed, in a
 * statement of its own before the answer is sent: should the process die in between (or that
 * statement fail), the key stays claimed without an answer, a retry gets 409 until the claim is
 * 5 minutes old, and then runs again. Nothing better is simple: the answer exists only after
 * the resolvers' transactions have committed.
 */
@Plugin()
export class IdempotencyPlugin implements ApolloServerPlugin<Context> {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyRepository,
    private readonly authenticator: CallerAuthenticator,
  ) {}

  async requestDidStart(start: GraphQLRequestContext<Context>): Promise<GraphQLRequestListener<Context> | void> {
    const header = start.request.http?.headers.get(IDEMPOTENCY_HEADER);
    if (header === undefined) return;
    /** Set once this request holds the key: its answer is kept (or the key released) when it is sent. */
    let held: { scope: string; key: string; claim: string } | undefined;
    return {
      responseForOperation: async (rc) => {
        if (rc.operation.operation !== OperationTypeNode.MUTATION) return null;
        const parsed = parseIdempotencyKey(header);
        if ('problem' in parsed) return refusal(400, 'BAD_USER_INPUT', parsed.problem);
        const caller = await this.authenticator.callerOf(rc.contextValue.req).catch(() => undefined);
        // No caller: the mutation runs as it would without the key (devLogin), or the AccessGuard refuses it.
        if (!caller) return null;
        const scope = scopeOf(caller);
        const requestHash = requestFingerprint({ document: print(rc.document), operationName: rc.request.operationName, variables: rc.request.variables, organisationId: caller.organisationId });
        let outcome;
        try {
          outcome = await this.store.claim(scope, parsed.key, requestHash);
        } catch (e) {
          this.logger.error(`claiming an idempotency key: ${(e as Error).message}`);
          return refusal(503, 'SERVICE_UNAVAILABLE', 'The Idempotency-Key could not be recorded (the database is unavailable): try again', { retryAfterSeconds: 5 });
        }
        switch (outcome.kind) {
          case 'claimed':
            held = { scope, key: parsed.key, claim: outcome.claim };
            return null;
          case 'replay':
            return {
              http: { status: outcome.status, headers: new HeaderMap([[REPLAYED_HEADER, 'true']]) },
              body: { kind: 'single', singleResult: JSON.parse(outcome.body) as Record<string, never> },
            };
          case 'in-progress':
            return refusal(409, 'IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still running: retry it in a moment to get its answer', {
              retryAfterSeconds: IN_PROGRESS_RETRY_AFTER_SECONDS,
            });
          case 'other-request':
            return refusal(
              422,
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was used with a different request (another document, variables, operation name or organisation): use a new key for a new request',
            );
        }
      },
      willSendResponse: async (rc) => {
        if (!held) return;
        const { scope, key, claim } = held;
        held = undefined;
        const status = rc.response.http.status ?? 200;
        try {
          if (rc.response.body.kind !== 'single' || isRetryableFailure(status, rc.response.body.singleResult.errors)) {
            await this.store.release(scope, key, claim);
            return;
          }
          const { errors, data, extensions } = rc.response.body.singleResult;
          // The fields in the order Apollo sends them, so that a replay is the same bytes.
          await this.store.complete(scope, key, claim, status, JSON.stringify({ errors, data, extensions }));
        } catch (e) {
          // The mutation has committed: its answer goes out; a retry gets 409 until the claim is abandoned.
          this.logger.error(`storing the answer for an idempotency key: ${(e as Error).message}`);
        }
      },
    };
  }
}

/** Whose keys: a person's across their organisations (the organisation is part of the request), or a machine client's. */
function scopeOf(caller: Caller): string {
  return caller.machineClientId !== undefined ? `client:${caller.machineClientId}` : `user:${caller.userId}`;
}

function refusal(status: number, code: string, message: string, details: { retryAfterSeconds?: number } = {}): GraphQLResponse {
  const headers = new HeaderMap();
  if (details.retryAfterSeconds !== undefined) headers.set('retry-after', String(details.retryAfterSeconds));
  return { http: { status, headers }, body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code, ...details } }] } } };
}
