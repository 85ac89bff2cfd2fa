import type { OutboxHandlers } from './outbox-handlers';

/**
 * When a settling topic's key has settled (OutboxHandler.settle), said once for the dispatcher's
 * claim and for the counts on /health and /metrics: over a key's due pending messages `m`, with
 * the topic's rule `s` (quiet_ms, max_wait_ms), either none has come for quiet_ms and no message
 * of a handled topic that does not settle is due or running (the work the burst set off goes
 * first), or max_wait_ms have passed since the oldest was written and since the key's last run
 * ended (its newest done message). The last run counts because a run of a burst's key may take
 * minutes: messages written meanwhile are already older than max_wait_ms when it ends, and from
 * the oldest alone the key ran again at once, back to back through the whole burst. An aggregate
 * condition: use it in a HAVING grouped by topic and key. The arguments are the SQL (parameters)
 * of the handled topics and of the settling ones, each a text[]. A run in the last max_wait_ms is
 * looked for through outbox_message_done: it reads the messages done in that time, not the days
 * of them kept.
 */
export function keySettledSql(handledTopics: string, settlingTopics: string): string {
  return `((max(m.created_at) <= now() - make_interval(secs => s.quiet_ms / 1000.0)
        AND NOT EXISTS (SELECT 1 FROM outbox_message o
                         WHERE o.state = 'pending' AND o.next_attempt_at <= now() AND o.topic = ANY(${handledTopics}) AND o.topic <> ALL(${settlingTopics})))
      OR (min(m.created_at) <= now() - make_interval(secs => s.max_wait_ms / 1000.0)
          AND NOT EXISTS (SELECT 1 FROM outbox_message d
                           WHERE d.state = 'done' AND d.done_at > now() - make_interval(secs => s.max_wait_ms / 1000.0) AND d.topic = m.topic AND d.key = m.key)))`;
}

/** The settling topics' rules as three parallel arrays, for `unnest($a::text[], $b::int[], $c::int[]) AS s(topic, quiet_ms, max_wait_ms)`. */
export function settleRules(handlers: OutboxHandlers, except: { has(topic: string): boolean } = new Set<string>()): [string[], number[], number[]] {
  const settling = handlers
    .topics()
    .map((topic) => handlers.get(topic)!)
    .filter((h) => h.settle && !except.has(h.topic));
  return [settling.map((h) => h.topic), settling.map((h) => h.settle!.quietMs), settling.map((h) => h.settle!.maxWaitMs)];
}
