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

/** Documents counted between two turns of the event loop (a few milliseconds' work). */
const SLICE = 2000;

/** Runs `each` over `docs`, giving the event loop a turn every SLICE documents. */
async function countInSlices<T>(docs: readonly T[], each: (doc: T) => void): Promise<void> {
  for (let i = 0; i < docs.length; i += SLICE) {
    if (i) await new Promise((resolve) => setImmediate(resolve));
    for (const doc of docs.slice(i, i + SLICE)) each(doc);
  }
}

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
      handle: (m) => (m.key === 'titles' ? this.rebuildTitles() : this.rebuildItems()),
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
   * In the import's transaction: the title vocabulary is rebuilt once it has committed (2.8M rows
   * for the full code set: minutes on a busy machine, which the import should not wait for).
   */
  titlesChanged(tx: RequestContext): Promise<void> {
    return this.outbox.enqueue(tx, VOCABULARY_CHANGED, 'titles');
  }

  /**
   * The title vocabulary from the code set as committed. Read in one statement and counted outside
   * any transaction (counting the full code set's 156,510 titles takes seconds, minutes on a
   * loaded machine: a transaction held open meanwhile was ended by
   * idle_in_transaction_session_timeout), a slice at a time so the service keeps answering; then
   * written in one short transaction. An import committed meanwhile enqueued another rebuild.
   * A failure is the outbox's to report and retry.
   */
  async rebuildTitles(): Promise<void> {
    const ctx = new RequestContext(undefined, this.ds.manager);
    const counts = new VocabularyCounts(false);
    await countInSlices(await this.features.titles(ctx), (node) => counts.add({ name: node.title }, node.code));
    await inTransaction(this.ds, ctx, (tx) => this.features.replace(tx, 'title', counts, counts.documents));
  }

  /**
   * The item vocabulary from the catalogues in force now, read a page at a time and counted
   * outside any transaction (a publish meanwhile enqueued another rebuild), written in one.
   */
  async rebuildItems(): Promise<void> {
    const ctx = new RequestContext(undefined, this.ds.manager);
    const counts = new VocabularyCounts();
    await this.items.forEachPublished(ctx, async (batch) => {
      await countInSlices(batch, (item) => counts.add(item, item.code));
    });
    await inTransaction(this.ds, ctx, (tx) => this.features.replace(tx, 'item', counts, counts.documents));
  }

  /** Waits until no rebuild is due (tests, the seed). */
  drain(): Promise<void> {
    return this.dispatcher.drain(VOCABULARY_CHANGED);
  }
}
