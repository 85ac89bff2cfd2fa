import { Injectable } from '@nestjs/common';

/** A message as its handler gets it. */
export interface OutboxMessage<P = unknown> {
  topic: string;
  key: string;
  /** The payload of the newest message handled (a coalescing handler gets several at once). */
  payload: P;
  /** This attempt, counted from 1. */
  attempt: number;
  /** The rows this call covers (more than one only when the handler coalesces). */
  ids: string[];
}

/**
 * The work behind one topic. Delivery is at least once (a crash between the handler's success
 * and the row's update repeats it), so a handler must be safe to run again.
 */
export interface OutboxHandler<P = unknown> {
  topic: string;
  /**
   * Whether due messages of one key are handled by one call (with the newest payload): right
   * when a handler brings something up to date rather than sends something, e.g. "reindex
   * agreement 7" after three publishes needs doing once.
   */
  coalesce?: boolean;
  /**
   * Work that may lag behind a burst (it runs after it, once, instead of beside each message,
   * leaving the workers and the database to the topics that must not lag): a key's messages wait
   * until none has come for `quietMs` and no message of a topic that does not settle is due or
   * running (the work the burst set off, a catalogue's indexing, goes first), but no longer than
   * `maxWaitMs` after its oldest pending one was written and after the key's last run ended (a
   * burst that never ends still gets a run every `maxWaitMs` or so, not one after another).
   * drain() runs them at once.
   */
  settle?: { quietMs: number; maxWaitMs: number };
  /**
   * Runs the first due message of each of several keys in one call (one transaction, one write
   * per table instead of one per message), when a claim holds more than one key of the topic; the
   * keys' later messages then run one by one through `handle`, in order. All or nothing: when it
   * throws, the messages are run one by one through `handle` instead, so a failing message is
   * retried alone and the others are not held back; a message that has failed before is never
   * batched again (its retries run through `handle` alone). Not with `coalesce`.
   */
  batch?(messages: OutboxMessage<P>[]): Promise<void>;
  /**
   * Run by one worker of this process at a time (its claims take several keys, and batch them,
   * as without it); the other workers run the other topics meanwhile. Right when different keys'
   * runs write the same rows (a rollup's month): side by side they would only queue on each
   * other's row locks, holding a worker and a connection each while they wait. Replicas each run
   * one (the row locks keep them exact; they wait only on each other).
   */
  serial?: boolean;
  handle(message: OutboxMessage<P>): Promise<void>;
}

/**
 * Which handler runs which topic. Domain modules register theirs (at init); platform/ knows
 * no topic of its own. One handler per topic per process.
 */
@Injectable()
export class OutboxHandlers {
  private readonly handlers = new Map<string, OutboxHandler>();

  register<P>(handler: OutboxHandler<P>): void {
    if (this.handlers.has(handler.topic)) throw new Error(`outbox topic ${handler.topic} has a handler already`);
    this.handlers.set(handler.topic, handler);
  }

  get(topic: string): OutboxHandler | undefined {
    return this.handlers.get(topic);
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }
}
