import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { afterCommit } from '../database/after-commit';
import { BatchStatement, writeBeforeCommit } from '../database/before-commit';

interface Message {
  topic: string;
  key: string;
  /** JSON, made when enqueued. */
  payload: string;
}

/** The batch kind of outbox messages in a transaction. */
const OUTBOX_MESSAGES = {};

/** The messages in one statement, in the order enqueued (their ids keep it: a key's messages run oldest first). */
function writeMessages(messages: Message[]): BatchStatement {
  return {
    sql: 'INSERT INTO outbox_message (topic, key, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])',
    params: [messages.map((x) => x.topic), messages.map((x) => x.key), messages.map((x) => x.payload)],
  };
}

/**
 * Writes outbox messages in the caller's transaction, so the work is recorded if and only if
 * the business change commits, and wakes the dispatcher once that commit has happened (a wake
 * before it would find nothing and leave the message to the next poll).
 */
@Injectable()
export class Outbox {
  private readonly listeners: (() => void)[] = [];

  async enqueue(target: RequestContext | EntityManager, topic: string, key: string, payload: object = {}): Promise<void> {
    const m = target instanceof RequestContext ? target.manager : target;
    // Inside a transaction, written with its other messages just before it commits (one statement).
    await writeBeforeCommit<Message>(m, OUTBOX_MESSAGES, { topic, key, payload: JSON.stringify(payload) }, writeMessages);
    afterCommit(m, () => this.listeners.forEach((l) => l()));
  }

  /** Called after each commit that enqueued messages (the dispatcher listens). */
  onCommitted(listener: () => void): void {
    this.listeners.push(listener);
  }
}
