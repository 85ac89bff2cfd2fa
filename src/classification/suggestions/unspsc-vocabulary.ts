import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { Outbox } from '../../platform/outbox/outbox';
import { OutboxDispatcher } from '../../platform/outbox/outbox-dispatcher';
import { OutboxHandlers } from '../../platform/outbox/outbox-handlers';
import { ClassifiedItems } from './classified-items';
import { UnspscFeatureRepository } from './unspsc-feature.repository';
import { VocabularyCounts } from './vocabulary-counts';

/** Outbox topic: a vocabulary's documents changed (key `items`: published catalogues; `titles`: the code set), so it is rebuilt (coalesced). */
export const VOCABULARY_CHANGED = 'classification.vocabulary-changed';

/**
 * Keeps the two vocabularies suggestions vote with: the code titles (rebuilt after every import)
 * and the published items (rebuilt after a publish), each from scratch through the outbox, so an
 * import or the publishing of a large catalogue does not wait for it and a burst costs one rebuild. A rebuild reads what is published now, so running it twice is harmless.
 */
@Injectable()
export class UnspscVocabulary implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly features: UnspscFeatureRepository,
    private readonly items: ClassifiedItems,
    private readonly outbox: Outbox,
    private readonly handlers: OutboxHandlers,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  onModuleInit() {
    this.handlers.register({
      topic: VOCABULARY_CHANGED,
      coalesce: true,
      handle: (m) => (m.key === 'titles' ? inTransaction(this.ds, new RequestContext(undefined, this.ds.manager), (tx) => this.rebuildTitles(tx)) : this.rebuildItems()),
    });
  }

  /** In the publishing transaction: the item vocabulary is rebuilt once it has committed. */
  publishedChanged(tx: RequestContext): Promise<void> {
    return this.outbox.enqueue(tx, VOCABULARY_CHANGED, 'items');
  }

  async hasTitles(ctx: RequestContext): Promise<boolean> {
    return (await this.features.documents(ctx, 'title')) !== null;
  }

  /**
   * In the import's transaction: the title vocabulary is rebuilt once it has committed (1.5M rows
   * for the full code set: minutes on a busy machine, which the import should not wait for).
   */
  titlesChanged(tx: RequestContext): Promise<void> {
    return this.outbox.enqueue(tx, VOCABULARY_CHANGED, 'titles');
  }

  /** The title vocabulary from the code set as it stands in `tx`. */
  async rebuildTitles(tx: RequestContext): Promise<void> {
    const counts = new VocabularyCounts(false);
    for (const node of await this.features.titles(tx)) counts.add({ name: node.title }, node.code);
    await this.features.replace(tx, 'title', counts.rows(), counts.documents);
  }

  /** The item vocabulary from the catalogues in force now. */
  rebuildItems(): Promise<void> {
    return inTransaction(this.ds, new RequestContext(undefined, this.ds.manager), async (tx) => {
      const counts = new VocabularyCounts();
      await this.items.forEachPublished(tx, (batch) => {
        for (const item of batch) counts.add(item, item.code);
      });
      await this.features.replace(tx, 'item', counts.rows(), counts.documents);
    });
  }

  /** Waits until no rebuild is due (tests, the seed). */
  drain(): Promise<void> {
    return this.dispatcher.drain(VOCABULARY_CHANGED);
  }
}
