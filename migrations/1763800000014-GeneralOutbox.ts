import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One outbox for all background work (src/platform/outbox): a message has a topic (which handler
 * runs it), a key (messages of one key never run at the same time; a coalescing handler runs
 * several due ones as one), a payload, and its attempts, next attempt and last error. After
 * OUTBOX_MAX_ATTEMPTS failures it is parked as `dead` until someone re-queues it.
 *
 * search_outbox was the search indexer's own: its undelivered rows move here as
 * `search.catalogue-changed` messages keyed by agreement (with their attempts, error and due
 * time), and it goes. Its delivered rows are history nobody reads; they go with it.
 */
export class GeneralOutbox1763800000014 implements MigrationInterface {
  name = 'GeneralOutbox1763800000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_message (
        id               bigserial PRIMARY KEY,
        topic            text NOT NULL,
        key              text NOT NULL,
        payload          jsonb NOT NULL DEFAULT '{}',
        state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
        attempts         int NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        done_at          timestamptz
      )`);
    // What the dispatcher claims, and what /health and /metrics count: both stay small while done rows pile up.
    await q.query(`CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX outbox_message_open ON outbox_message (topic, key) WHERE state <> 'done'`);
    await q.query(`CREATE INDEX outbox_message_done ON outbox_message (done_at) WHERE state = 'done'`);
    await q.query(`
      INSERT INTO outbox_message (topic, key, payload, attempts, next_attempt_at, last_error, created_at)
      SELECT 'search.catalogue-changed', agreement_id::text, jsonb_build_object('agreementId', agreement_id, 'versionId', version_id),
             attempts, available_at, last_error, created_at
        FROM search_outbox WHERE processed_at IS NULL ORDER BY id`);
    await q.query('DROP TABLE search_outbox');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_outbox (
        id            bigserial PRIMARY KEY,
        agreement_id  int NOT NULL,
        version_id    int,
        created_at    timestamptz NOT NULL DEFAULT now(),
        attempts      int NOT NULL DEFAULT 0,
        last_error    text,
        available_at  timestamptz NOT NULL DEFAULT now(),
        processed_at  timestamptz
      )`);
    await q.query(`CREATE INDEX search_outbox_pending ON search_outbox (available_at) WHERE processed_at IS NULL`);
    await q.query(`
      INSERT INTO search_outbox (agreement_id, version_id, created_at, attempts, last_error, available_at)
      SELECT key::int, (payload->>'versionId')::int, created_at, attempts, last_error, next_attempt_at
        FROM outbox_message WHERE topic = 'search.catalogue-changed' AND state <> 'done' ORDER BY id`);
    await q.query('DROP TABLE outbox_message');
  }
}
