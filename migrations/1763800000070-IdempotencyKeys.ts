import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of GraphQL mutations (platform/graphql/idempotency): per caller (`user:<id>`
 * or `client:<id>`) and key, the fingerprint of the request and, once it has run, its answer
 * (HTTP status and the JSON body as sent, byte for byte). A row without an answer is a claim:
 * its request is running. Rows older than IDEMPOTENCY_TTL_HOURS are expired and deleted.
 */
export class IdempotencyKeys1763800000070 implements MigrationInterface {
  name = 'IdempotencyKeys1763800000070';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        scope            text NOT NULL,
        key              text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash     text NOT NULL,
        claim            uuid NOT NULL,
        response_status  int,
        response_body    text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        completed_at     timestamptz,
        PRIMARY KEY (scope, key),
        CHECK ((response_status IS NULL) = (response_body IS NULL))
      )`);
    await q.query('CREATE INDEX idempotency_key_created ON idempotency_key (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key');
  }
}
