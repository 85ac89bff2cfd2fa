import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxDispatcher } from '../platform/outbox/outbox-dispatcher';
import { OutboxHandlers } from '../platform/outbox/outbox-handlers';
import { ProductSearch } from './product-search';
import { CATALOGUE_CHANGED } from './search-outbox';

const HOUSEKEEPING_MS = 30_000;

/**
 * Brings the search engine up to date: the outbox handler of `search.catalogue-changed`. Due
 * messages of one agreement coalesce into one sync (it reads what is published now, so ten
 * publishes need one), and the dispatcher runs one agreement at a time across workers and
 * replicas, retrying with back-off until the engine confirms. Also runs the engine's housekeeping.
 */
@Injectable()
export class SearchIndexer implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SearchIndexer');
  private housekeepingTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly search: ProductSearch,
    private readonly handlers: OutboxHandlers,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  onModuleInit() {
    this.handlers.register({ topic: CATALOGUE_CHANGED, coalesce: true, handle: (m) => this.search.syncAgreement(Number(m.key)) });
  }

  onApplicationBootstrap() {
    this.housekeepingTimer = setInterval(() => void this.housekeeping(), HOUSEKEEPING_MS);
    this.housekeepingTimer.unref();
  }

  onApplicationShutdown() {
    this.stopped = true;
    clearInterval(this.housekeepingTimer);
  }

  /** Waits until no catalogue change is left to index (tests, the seed). */
  drain(): Promise<void> {
    return this.dispatcher.drain(CATALOGUE_CHANGED);
  }

  private async housekeeping() {
    if (this.stopped || !this.ds.isInitialized) return;
    await this.search.housekeeping().catch((e) => this.logger.warn(`search housekeeping: ${(e as Error).message}`));
  }
}
