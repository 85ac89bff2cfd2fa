import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { Outbox } from '../../platform/outbox/outbox';
import { OutboxDispatcher } from '../../platform/outbox/outbox-dispatcher';
import { OutboxHandlers } from '../../platform/outbox/outbox-handlers';
import { ClassifiedItems } from './classified-items';
import { UnspscFeatureRepository, VocabularyDrift } from './unspsc-feature.repository';
import { titleFeatureRows, VocabularyCounts } from './vocabulary-counts';

/** Documents counted between two turns of the event loop (a few milliseconds' work). */
const SLICE = 2000;

/** Runs `each` over `docs`, giving the event loop a turn every SLICE documents. */
async function countInSlices<T>(docs: readonly T[], each: (doc: T) => void): Promise<void> {
  for (let i = 0; i < docs.length; i += SLICE) {
    if (i) await new Promise((resolve) => setImmediate(resolve));
    for (const doc of docs.slice(i, i + SLICE)) each(doc);
  }
}

/**
 * Outbox topic: the code set changed (key `titles`), so the title vocabulary is rebuilt
 * (coalesced). Key `items` was the item vocabulary's before it had its own topic: a message of it
 * written then (migration 186 wrote one) still makes the item vocabulary catch up.
 */
export const VOCABULARY_CHANGED = 'classification.vocabulary-changed';

/**
 * Outbox topic: which catalogues are published changed (key `items`), so the item vocabulary
 * catches up, coalesced and settled (ITEM_SETTLE): during an ingest of many catalogues it runs
 * once the publishing has paused, not beside every publish, so the search indexer has the
 * outbox's workers and the database to itself (issue 17: running beside it, the catch-up kept one
 * of the two workers busy and took most of the database's CPU, and a 1M-line ingest became
 * searchable 100 s after its last publish instead of 10 s). It only feeds code suggestions, which
 * may lag by tens of seconds.
 */
export const ITEM_VOCABULARY_CHANGED = 'classification.item-vocabulary-changed';

/**
 * The item vocabulary catches up once no publish has come for 10 s and the outbox has no other
 * work due (the publishes' search indexing goes first), and during a stream of publishes that
 * never pauses at the latest 5 minutes after the first publish it has not counted and after its
 * last run ended: code suggestions may lag that long behind a long ingest, which then has the
 * database to itself (issue 17: with 2 minutes from the oldest message, a loaded 1M ingest ran
 * the catch-up 50 times, back to back, inside the ingest).
 */
export const ITEM_SETTLE = { quietMs: 10_000, maxWaitMs: 300_000 };

/**
 * Items counted in one round of the item vocabulary's catch-up (its Map stays a few tens of MB);
 * a round holds whole versions, so one larger version makes a larger round.
 */
const ROUND_ITEMS = 20_000;

/**
 * Keeps the two vocabularies suggestions vote with, through the outbox, so an import or the
 * publishing of a large catalogue does not wait for them and a burst costs one run:
 * - the code titles, rebuilt after every import, streamed from the titles to the database (each
 *   (feature, code) occurs once: nothing to count in memory);
 * - the published items, kept per catalogue version: after a publish the versions come into force
 *   are added and the versions gone subtracted, each counted from its own items, so the work is
 *   that of the versions that changed, not of every published item (rebuilt from scratch, a
 *   200-version ingest was quadratic). `unspsc_item_vocabulary_version` says which versions are
 *   counted, so a catch-up run twice, or after a crash, counts each version once.
 *   rebuildItems counts everything again: the repair path.
 */
@Injectable()
export class UnspscVocabulary implements OnModuleInit {
  private readonly logger = new Logger(UnspscVocabulary.name);

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
      handle: (m) => (m.key === 'titles' ? this.rebuildTitles() : this.catchUpItems()),
    });
    this.handlers.register({ topic: ITEM_VOCABULARY_CHANGED, coalesce: true, settle: ITEM_SETTLE, handle: () => this.catchUpItems() });
  }

  /** In the publishing transaction: the item vocabulary catches up after it has committed, once the publishing has settled. */
  publishedChanged(tx: RequestContext): Promise<void> {
    return this.outbox.enqueue(tx, ITEM_VOCABULARY_CHANGED, 'items');
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
   * The title vocabulary from the code set as committed. The titles are read in one statement
   * (156,510 for the full set, about 30 MB), outside any transaction; their features are made one
   * title at a time while COPY sends them, in one transaction that is never idle (the connection
   * is in COPY; a transaction held open while the titles were counted beforehand was ended by
   * idle_in_transaction_session_timeout), and the stream gives the event loop a turn every chunk.
   * Nothing is counted in a Map: each code has one title, so each row is (feature, code, 1). An
   * import committed meanwhile enqueued another rebuild. A failure is the outbox's to report and
   * retry.
   */
  async rebuildTitles(): Promise<void> {
    const ctx = new RequestContext(undefined, this.ds.manager);
    const titles = await this.features.titles(ctx);
    await inTransaction(this.ds, ctx, (tx) => this.features.replace(tx, 'title', titleFeatureRows(titles), titles.length));
  }

  /**
   * Brings the item vocabulary to the versions in force: rounds of up to ROUND_ITEMS items, each
   * the versions gone (subtracted) and come (added) counted outside any transaction from their
   * own items (a published version's items do not change), then written as one signed difference
   * with the version table in one short transaction, under the vocabulary's lock. A round whose
   * versions another run counted meanwhile is dropped and the next one read again. A vocabulary
   * found not to match its version table is rebuilt whole.
   */
  async catchUpItems(): Promise<void> {
    const ctx = new RequestContext(undefined, this.ds.manager);
    for (;;) {
      const published = new Set(await this.items.publishedVersions(ctx));
      const counted = await this.features.countedVersions(ctx);
      const gone = [...counted.keys()].filter((id) => !published.has(id));
      const come = [...published].filter((id) => !counted.has(id));
      if (!gone.length && !come.length) return;
      const counts = new VocabularyCounts();
      const removed: number[] = [];
      const added = new Map<number, number>();
      let items = 0;
      for (const id of gone) {
        if (removed.length && items >= ROUND_ITEMS) break;
        items += await this.countVersion(ctx, id, counts, -1);
        removed.push(id);
      }
      for (const id of come) {
        if ((removed.length || added.size) && items >= ROUND_ITEMS) break;
        const n = await this.countVersion(ctx, id, counts, 1);
        items += n;
        added.set(id, n);
      }
      try {
        await inTransaction(this.ds, ctx, async (tx) => {
          await this.features.lockItems(tx);
          const now = await this.features.countedVersions(tx);
          if (removed.some((id) => !now.has(id)) || [...added.keys()].some((id) => now.has(id))) return; // another run counted them
          await this.features.applyItemDelta(tx, counts, counts.documents, added, removed);
        });
      } catch (e) {
        if (!(e instanceof VocabularyDrift)) throw e;
        this.logger.warn(`The item vocabulary does not match its counted versions (${e.message}): rebuilding it whole`);
        await this.rebuildItems();
      }
    }
  }

  /** Counts one version's items into `counts` (subtracted with −1); returns how many. */
  private async countVersion(ctx: RequestContext, versionId: number, counts: VocabularyCounts, by: 1 | -1): Promise<number> {
    let n = 0;
    await this.items.forEachItemOf(ctx, versionId, async (batch) => {
      n += batch.length;
      await countInSlices(batch, (item) => counts.add(item, item.code, by));
    });
    return n;
  }

  /**
   * The repair path: the item vocabulary counted again from every version in force, read a page
   * at a time outside any transaction, written whole in one under the vocabulary's lock with the
   * versions it counted (a publish meanwhile enqueued a catch-up, which adds what it lacks). Its
   * memory grows with every published item, so catchUpItems is what runs after a publish.
   */
  async rebuildItems(): Promise<void> {
    const ctx = new RequestContext(undefined, this.ds.manager);
    const counts = new VocabularyCounts();
    const versions = new Map<number, number>();
    for (const id of await this.items.publishedVersions(ctx)) versions.set(id, await this.countVersion(ctx, id, counts, 1));
    await inTransaction(this.ds, ctx, async (tx) => {
      await this.features.lockItems(tx);
      await this.features.replace(tx, 'item', counts, counts.documents);
      await this.features.setCountedVersions(tx, versions);
    });
  }

  /** Waits until both vocabularies have caught up, without waiting for the item vocabulary to settle (tests, the seed). */
  drain(): Promise<void> {
    return this.dispatcher.drain([VOCABULARY_CHANGED, ITEM_VOCABULARY_CHANGED]);
  }
}
