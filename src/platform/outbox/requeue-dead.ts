import type { EntityManager } from 'typeorm';

/**
 * Gives dead messages (all, one topic's, or the given ids) a fresh set of attempts, due now;
 * their last error stays until the next attempt. Returns how many were re-queued.
 */
export async function requeueDead(m: EntityManager, filter: { topic?: string; ids?: string[] } = {}): Promise<number> {
  const [{ n }] = await m.query(
    `WITH requeued AS (
       UPDATE outbox_message SET state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
        WHERE state = 'dead' AND ($1::text IS NULL OR topic = $1) AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
        RETURNING 1)
     SELECT count(*)::int AS n FROM requeued`,
    [filter.topic ?? null, filter.ids?.length ? filter.ids : null],
  );
  return n;
}
