import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Outbox rows tell the indexer which agreements' catalogues changed. They are written in the
 * transaction that publishes, so the index can never miss a committed change.
 */
@Injectable()
export class SearchOutbox {
  private listeners: (() => void)[] = [];

  async enqueue(m: EntityManager, agreementId: number, versionId: number | null): Promise<void> {
    await m.query('INSERT INTO search_outbox (agreement_id, version_id) VALUES ($1, $2)', [agreementId, versionId]);
    // Wake the indexer once the transaction has committed (a rollback leaves no row to find).
    const qr = m.queryRunner;
    const wake = () => this.listeners.forEach((l) => l());
    if (qr && qr.isTransactionActive) setImmediate(() => setTimeout(wake, 0));
    else wake();
  }

  onEnqueue(listener: () => void) {
    this.listeners.push(listener);
  }
}
