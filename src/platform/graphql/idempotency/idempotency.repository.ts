import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TORG_CONFIG } from '../../config/config';
import type { TorgConfig } from '../../config/config';

/**
 * A claim whose request never completed (its process died between claiming and storing) is
 * taken over by a retry of the same request after this long. No GraphQL request runs longer:
 * Node answers none after 5 minutes (its requestTimeout), and statements stop after
 * DATABASE_STATEMENT_TIMEOUT_MS.
 */
const ABANDONED_AFTER_SECONDS = 300;
/** Expired keys are deleted at most this often per process, and at most this many at a time. */
const CLEANUP_EVERY_MS = 10 * 60_000;
const CLEANUP_BATCH = 10_000;

/** What a request with a key finds when it tries to claim it. */
export type ClaimOutcome = { kind: 'claimed'; claim: string } | { kind: 'replay'; status: number; body: string } | { kind: 'in-progress' } | { kind: 'other-request' };

/**
 * The `idempotency_key` table: per caller (scope) and key, the request's fingerprint and, once it
 * has run, its answer. Every statement commits on its own (no transaction is held while the
 * mutation runs): the claim before the mutation, the answer after it.
 */
@Injectable()
export class IdempotencyRepository {
  private readonly logger = new Logger('Idempotency');
  private lastCleanup = 0;

  constructor(
    private readonly ds: DataSource,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {}

  /**
   * Claims (scope, key) for this request, unless a live claim exists: then says what it holds. An
   * expired key is claimed afresh; an abandoned claim of the same request is taken over.
   */
  async claim(scope: string, key: string, requestHash: string): Promise<ClaimOutcome> {
    this.cleanupNowAndThen();
    const claim = randomUUID();
    // The claimant may release its claim between our insert and our read: then try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed: unknown[] = await this.ds.query(
        `INSERT INTO idempotency_key (scope, key, request_hash, claim) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, claim = EXCLUDED.claim, created_at = now(),
                response_status = NULL, response_body = NULL, completed_at = NULL
          WHERE idempotency_key.created_at <= now() - make_interval(hours => $5)
             OR (idempotency_key.response_status IS NULL AND idempotency_key.request_hash = EXCLUDED.request_hash
                 AND idempotency_key.created_at <= now() - make_interval(secs => $6))
         RETURNING claim`,
        [scope, key, requestHash, claim, this.config.idempotencyTtlHours, ABANDONED_AFTER_SECONDS],
      );
      if (claimed.length) return { kind: 'claimed', claim };
      const [held]: { request_hash: string; response_status: number | null; response_body: string | null }[] = await this.ds.query(
        'SELECT request_hash, response_status, response_body FROM idempotency_key WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      if (!held) continue;
      if (held.request_hash !== requestHash) return { kind: 'other-request' };
      if (held.response_status === null || held.response_body === null) return { kind: 'in-progress' };
      return { kind: 'replay', status: held.response_status, body: held.response_body };
    }
    return { kind: 'in-progress' };
  }

  /** Keeps the answer for retries (only the claim's own request may). */
  async complete(scope: string, key: string, claim: string, status: number, body: string): Promise<void> {
    await this.ds.query('UPDATE idempotency_key SET response_status = $4, response_body = $5, completed_at = now() WHERE scope = $1 AND key = $2 AND claim = $3', [scope, key, claim, status, body]);
  }

  /** Gives the key up (the request failed on the server's side), so a retry runs again. */
  async release(scope: string, key: string, claim: string): Promise<void> {
    await this.ds.query('DELETE FROM idempotency_key WHERE scope = $1 AND key = $2 AND claim = $3', [scope, key, claim]);
  }

  /** Deletes expired keys in the background, at most every CLEANUP_EVERY_MS: a claim finds an expired key expired anyway. */
  private cleanupNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = now;
    this.ds
      .query(
        `DELETE FROM idempotency_key WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM idempotency_key WHERE created_at <= now() - make_interval(hours => $1) LIMIT ${CLEANUP_BATCH}))`,
        [this.config.idempotencyTtlHours],
      )
      .catch((e: unknown) => this.logger.warn(`clean-up of expired idempotency keys: ${(e as Error).message}`));
  }
}
