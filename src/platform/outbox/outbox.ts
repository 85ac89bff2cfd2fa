import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { afterCommit } from '../database/after-commit';

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
    await m.query('INSERT INTO outbox_message (topic, key, payload) VALUES ($1, $2, $3)', [topic, key, JSON.stringify(payload)]);
    afterCommit(m, () => this.listeners.forEach((l) => l()));
  }

  /** Called after each commit that enqueued messages (the dispatcher listens). */
  onCommitted(listener: () => void): void {
    this.listeners.push(listener);
  }
}
