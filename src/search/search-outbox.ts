import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../platform/context/request-context';
import { Outbox } from '../platform/outbox/outbox';

/** The outbox topic of search indexing: an agreement's published catalogue changed (key: the agreement id). */
export const CATALOGUE_CHANGED = 'search.catalogue-changed';

export interface CatalogueChanged {
  agreementId: number;
  versionId: number | null;
}

/**
 * Tells the indexer (SearchIndexer, the topic's handler) that an agreement's catalogue changed.
 * Written in the transaction that publishes, so the index can never miss a committed change;
 * the indexer is woken once that transaction has committed.
 */
@Injectable()
export class SearchOutbox {
  constructor(private readonly outbox: Outbox) {}

  enqueue(target: RequestContext | EntityManager, agreementId: number, versionId: number | null): Promise<void> {
    const payload: CatalogueChanged = { agreementId, versionId };
    return this.outbox.enqueue(target, CATALOGUE_CHANGED, String(agreementId), payload);
  }
}
