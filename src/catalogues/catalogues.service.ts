import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRule, AgreementAccess } from '../agreements/agreement-access';
import { AgreementsService } from '../agreements/agreements.service';
import { ClassificationService } from '../classification/classification.service';
import { IdentityService } from '../identity/identity.service';
import { AuditService } from '../platform/audit/audit.service';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { allowBulkWork } from '../platform/database/bulk-work';
import { inTransaction } from '../platform/database/transaction';
import { databaseErrorToDomain } from '../platform/errors/database-errors';
import { conflict, DomainError, notFound } from '../platform/errors/domain-error';
import { decodeOffset, toConnection } from '../platform/graphql/connection';
import { catalogueUploads } from '../platform/health/metrics';
import { SearchOutbox } from '../search/search-outbox';
import { CatalogueItemRepository } from './catalogue-item.repository';
import { CatalogueProblem, CatalogueWarning } from './catalogue-line';
import { CatalogueLineNoteKind, CatalogueLineNoteRepository } from './catalogue-line-note.repository';
import { CatalogueStatus, CatalogueTransition, mayReplaceInForce } from './catalogue-status';
import { catalogueVersionMachine, CatalogueVersionMachine } from './catalogue-version.machine';
import { CatalogueVersionEntity } from './catalogue-version.entity';
import { CatalogueVersionRepository } from './catalogue-version.repository';
import { CatalogueStateError, CatalogueVersionOutdatedError } from './catalogues.types';
import { purchaseRefusal } from './purchasable-item';
import type { CheaperItem, CheaperNeed, ItemNow, ItemReference, PurchasableItem } from './purchasable-item';
import { osloToday } from '../platform/time/oslo-date';
import { AwaitingUnspscRepository } from './awaiting-unspsc.repository';
import type { LineSuggestions } from './upload/awaiting-codes';
import { CatalogueUpload, InvalidCatalogue, InvalidLines, StoredUpload, UploadFile, UploadStores } from './upload/catalogue-upload';
import { UPLOAD_RETRY_AFTER_SECONDS, UploadGate } from './upload-gate';
import { beyondClauseError, CataloguePriceCheck, LISTED_FLAGS, PriceClauseCheck } from './price-clause-check';
import type { PriceIncreasesBeyondClauseError } from './price-clause-check.types';

/**
 * What the supplier is told about a stored upload: the version and what it holds, without
 * internal user ids (who uploaded is in the audit trail).
 */
export interface UploadedVersion {
  id: number;
  agreementId: number;
  agreementReference: string;
  versionNo: number;
  status: CatalogueStatus;
  sourceFormat: string;
  fileName: string | null;
  headerAction: string;
  documentId: string | null;
  basedOnId: number | null;
  itemCount: number;
  invalidLines: InvalidLines;
  excludedLineCount: number;
  warningCount: number;
  createdAt: Date;
}

export interface UploadResult {
  version?: UploadedVersion;
  lineCount: number;
  problemCount: number;
  problems: CatalogueProblem[];
  /** With invalidLines EXCLUDE: the lines left out of the stored version, and the first of their problems in full. */
  excludedLineCount: number;
  excluded: CatalogueProblem[];
  /** What the supplier should know though it stopped nothing (the first in full, and the count). */
  warningCount: number;
  warnings: CatalogueWarning[];
  /** Lines stored beside the draft until the supplier accepts a UNSPSC code for each (0 on failure). */
  awaitingUnspscCount: number;
  /** For lines without a code or with one outside the scope: up to three suggested codes each. */
  unspscSuggestions: LineSuggestions[];
}

/** Who may see an agreement's catalogue versions, and who takes which step with them. */
const CATALOGUE_PARTIES: AccessRule = { allow: ['supplier', 'purchasingUnit'], reason: 'Only the supplier and the purchasing unit see catalogue versions' };
const UPLOADER: AccessRule = { allow: ['supplier'], reason: 'Only the supplier of the agreement uploads its catalogue' };
const ACTOR_RULES: Record<'supplier' | 'purchaser', AccessRule> = {
  supplier: { allow: ['supplier'], reason: 'Only the supplier submits its catalogue' },
  purchaser: { allow: ['purchasingUnit'], reason: 'Only the purchasing unit of the agreement decides on its catalogue' },
};

/** Refusals that say "busy, try again", not "your file is bad". */
const isRefusal = (e: unknown) => (e instanceof DomainError && ['CONFLICT', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE'].includes(e.code)) || databaseErrorToDomain(e) !== null;

@Injectable()
export class CataloguesService {
  private readonly uploadGate: UploadGate;
  private readonly versionMachine: CatalogueVersionMachine;

  private readonly uploadStores: UploadStores;

  constructor(
    private readonly ds: DataSource,
    private readonly versionRows: CatalogueVersionRepository,
    private readonly itemRows: CatalogueItemRepository,
    private readonly noteRows: CatalogueLineNoteRepository,
    private readonly agreements: AgreementsService,
    private readonly access: AgreementAccess,
    private readonly audit: AuditService,
    private readonly outbox: SearchOutbox,
    private readonly identity: IdentityService,
    private readonly classification: ClassificationService,
    private readonly awaitingRows: AwaitingUnspscRepository,
    @Inject(TORG_CONFIG) config: TorgConfig,
    private readonly priceCheck: CataloguePriceCheck,
  ) {
    this.uploadGate = new UploadGate(config.uploadConcurrency, config.uploadConcurrencyPerSupplier);
    this.versionMachine = catalogueVersionMachine(audit, (tx, version) => versionRows.save(tx, version));
    this.uploadStores = {
      versions: versionRows,
      items: itemRows,
      notes: noteRows,
      existingCodes: (tx, codes) => classification.existing(tx, codes),
      suggest: (tx, texts, scope) => classification.suggest(tx, texts, scope),
      holdLines: (tx, versionId, lines) => awaitingRows.insert(tx, versionId, lines),
    };
  }

  /**
   * Reads, validates and stores an uploaded catalogue as a new DRAFT version, in one
   * transaction. Any bad line rolls everything back and the full report is returned instead.
   */
  async upload(ctx: RequestContext, agreementId: number, path: string, fileName: string, format: UploadFile['format'], invalidLines: InvalidLines = 'REJECT'): Promise<UploadResult> {
    let leaveGate: (() => void) | undefined;
    try {
      leaveGate = this.uploadGate.enter(ctx.user.organisationId);
      const stored = await inTransaction(this.ds, ctx, (tx) => this.storeUpload(tx, agreementId, { path, fileName, format, invalidLines }));
      catalogueUploads.inc({ format, outcome: 'accepted' });
      return {
        version: uploadedVersion(stored.version, stored.agreementReference),
        lineCount: stored.lineCount,
        problemCount: 0,
        problems: [],
        excludedLineCount: stored.excludedLineCount,
        excluded: stored.excluded.problems,
        warningCount: stored.report.warningCount,
        warnings: stored.report.warnings,
        awaitingUnspscCount: stored.awaitingCount,
        unspscSuggestions: stored.suggestions,
      };
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) throw e;
      if (!(e instanceof InvalidCatalogue)) {
        catalogueUploads.inc({ format, outcome: isRefusal(e) ? 'refused' : 'malformed' });
        throw e;
      }
      catalogueUploads.inc({ format, outcome: 'invalid' });
      const { report } = e;
      return {
        lineCount: e.lineCount,
        problemCount: report.count,
        problems: report.problems,
        excludedLineCount: 0,
        excluded: [],
        warningCount: report.warningCount,
        warnings: report.warnings,
        awaitingUnspscCount: 0,
        unspscSuggestions: e.suggestions,
      };
    } finally {
      leaveGate?.();
    }
  }

  /**
   * One attempt at the upload's transaction; it sees only `tx`, and everything it counts lives in
   * the attempt, so a retry starts afresh. Every read runs on the transaction's connection: one
   * that reached for another connection while holding the agreement lock deadlocked the pool
   * once uploads had taken every other one.
   */
  private async storeUpload(tx: RequestContext, agreementId: number, file: UploadFile): Promise<StoredUpload & { agreementReference: string }> {
    await allowBulkWork(tx.manager);
    const agreement = await this.access.require(tx, agreementId, UPLOADER);
    // One upload at a time per agreement (across replicas), so version numbers and bases stay consistent.
    await this.lockAgreement(tx, agreement.id, `agreement ${agreement.reference}`, 'nowait');
    const supplier = await this.identity.organisation(tx, agreement.supplierId);
    const upload = new CatalogueUpload(
      tx,
      this.uploadStores,
      {
        agreementId: agreement.id,
        supplierId: agreement.supplierId,
        agreementReference: agreement.reference,
        agreementValidFrom: agreement.validFrom,
        agreementValidTo: agreement.validTo,
        agreementCurrency: agreement.currency,
        supplierOrgNumber: supplier.orgNumber,
        scope: await this.agreements.scope(tx, agreement.id),
        unspscFallback: agreement.unspscFallback,
      },
      file,
    );
    const stored = await upload.run();
    const { version, lineCount, headerAction } = stored;
    await this.audit.record(tx, 'catalogue.uploaded', 'catalogue_version', version.id, {
      agreementId,
      fileName: file.fileName,
      format: file.format,
      lines: lineCount,
      items: version.itemCount,
      headerAction,
      invalidLines: version.invalidLines,
      excludedLines: version.excludedLineCount,
      warnings: version.warningCount,
      ...(stored.awaitingCount ? { awaitingUnspsc: stored.awaitingCount } : {}),
    });
    return { ...stored, agreementReference: agreement.reference };
  }

  /**
   * Locks the agreement's row: uploads and the review steps of its catalogue take turns. An
   * upload asks with NOWAIT (it may hold the lock for a minute, and a waiting upload would hold
   * a connection meanwhile); a review step waits up to DATABASE_LOCK_TIMEOUT_MS. Either way a
   * busy agreement is a 409 that says why.
   */
  private async lockAgreement(tx: RequestContext, agreementId: number, label: string, mode: 'nowait' | 'wait') {
    if (await this.agreements.lock(tx, agreementId, mode === 'nowait')) return;
    throw conflict(`A catalogue upload to ${label}, or a step in the review of its catalogue, is running; nothing was changed. Try again when it has finished`, {
      retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
    });
  }

  /** Items under each UNSPSC node among the published catalogues of these agreements (the classification tree's counts). */
  itemCountsUnder(ctx: RequestContext, codes: string[], agreementIds: number[]): Promise<Map<string, number>> {
    return this.itemRows.countsUnder(ctx, codes, agreementIds);
  }

  /** Every UNSPSC code an item uses, with item writes held off until `tx` ends (the UNSPSC re-import keeps those codes). */
  unspscCodesInUse(tx: RequestContext): Promise<string[]> {
    return this.itemRows.codesInUseHeld(tx);
  }

  /**
   * The item as ordering snapshots it, when it belongs to the version in force of its
   * agreement; null otherwise. Whether the caller may buy under that agreement is for the
   * caller to decide (AgreementsService.inForceFor) in the same transaction.
   */
  itemForPurchase(tx: RequestContext, itemId: string, today = osloToday()): Promise<PurchasableItem | null> {
    // Only an item that can be ordered today: orderable by itself and within its own validity.
    return this.itemRows.published(tx, itemId, today);
  }

  /**
   * Why `itemForPurchase` gives nothing for an item of a version in force (not orderable by
   * itself, not valid yet, no longer valid), in words for the buyer, with the item's agreement
   * (the caller decides whether the buyer may see it); null when the item is in no version in
   * force (or can be bought after all).
   */
  async purchaseRefusal(tx: RequestContext, itemId: string, today = osloToday()): Promise<{ agreementId: number; reason: string } | null> {
    const item = await this.itemRows.published(tx, itemId);
    const reason = item && purchaseRefusal(item, today);
    return reason ? { agreementId: item.agreementId, reason } : null;
  }

  /** For items added to carts earlier: what the version in force of each agreement holds now (one query for all). */
  async itemsNow(tx: RequestContext, refs: readonly ItemReference[]): Promise<ItemNow[]> {
    const rows = await this.itemRows.now(tx, refs);
    return rows.map((r) => ({ ref: refs[r.k - 1], versionInForce: r.versionInForce, current: r.current }));
  }

  /** Each existing item's agreement and supplier's item number (one query for all): how favourites and templates recognise an item they name. */
  itemKeys(ctx: RequestContext, itemIds: readonly string[]): Promise<{ itemId: string; agreementId: number; sellerItemId: string }[]> {
    return itemIds.length ? this.itemRows.keys(ctx, itemIds) : Promise.resolve([]);
  }

  /** The item with each seller item id in its agreement's version in force now, or null where that version holds none (favourites and templates name items so). */
  async itemsInForce(tx: RequestContext, refs: readonly { agreementId: number; sellerItemId: string }[]): Promise<(PurchasableItem | null)[]> {
    const rows = await this.itemRows.now(
      tx,
      refs.map((r) => ({ ...r, versionId: 0 })),
    );
    return rows.map((r) => r.current);
  }

  /** At most `limit` items under the UNSPSC `prefix` in the versions in force of these agreements that can be ordered today, cheapest first. */
  cheapestUnder(tx: RequestContext, agreementIds: readonly number[], prefix: string, limit: number): Promise<PurchasableItem[]> {
    return this.itemRows.cheapestUnder(tx, agreementIds, prefix, limit, osloToday());
  }

  /** Per need, the cheapest item of its unit in the same commodity, else class, among these agreements' versions in force (insights' leakage). */
  cheapestPerNeed(tx: RequestContext, agreementIds: readonly number[], needs: readonly CheaperNeed[]): Promise<CheaperItem[]> {
    return this.itemRows.cheapestPerNeed(tx, agreementIds, needs);
  }

  /** A version the caller may see: the supplier’s own, or one of the purchasing unit’s agreements. */
  async version(ctx: RequestContext, id: number): Promise<CatalogueVersionEntity> {
    const version = await this.versionRows.find(ctx, id);
    if (!version) throw notFound('Catalogue version', id);
    await this.access.require(ctx, version.agreementId, CATALOGUE_PARTIES, { what: 'Catalogue version', id });
    return version;
  }

  async versions(ctx: RequestContext, agreementId: number, first: number, after?: string) {
    await this.access.require(ctx, agreementId, CATALOGUE_PARTIES);
    const offset = decodeOffset(after);
    const [rows, total] = await this.versionRows.page(ctx, agreementId, offset, first);
    return toConnection(rows, offset, first, total);
  }

  async items(ctx: RequestContext, versionId: number, first: number, after?: string) {
    await this.version(ctx, versionId);
    const offset = decodeOffset(after);
    const total = await this.itemRows.count(ctx, versionId);
    const rows = await this.itemRows.page(ctx, versionId, offset, first);
    return toConnection(rows, offset, first, total);
  }

  submit(ctx: RequestContext, versionId: number) {
    return this.transition(ctx, versionId, 'submit', 'supplier');
  }

  /** Publishes; when prices rise beyond the agreement's price clause, only with `override` (its reason is audited). */
  publish(ctx: RequestContext, versionId: number, override?: { reason: string }) {
    return this.transition(ctx, versionId, 'publish', 'purchaser', undefined, override);
  }

  reject(ctx: RequestContext, versionId: number, reason: string) {
    return this.transition(ctx, versionId, 'reject', 'purchaser', reason);
  }

  /**
   * Moves a version through its state machine (catalogue-version.machine.ts), which refuses
   * steps the table does not allow, saves and audits. Publishing supersedes the version in force
   * through the same machine, in the same transaction, and writes the outbox row that brings the
   * search index along.
   */
  private async transition(
    ctx: RequestContext,
    versionId: number,
    step: Exclude<CatalogueTransition, 'supersede'>,
    actor: 'supplier' | 'purchaser',
    reason?: string,
    priceOverride?: { reason: string },
  ): Promise<CatalogueVersionEntity | CatalogueStateError | CatalogueVersionOutdatedError | PriceIncreasesBeyondClauseError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const lockedAgreementId = await this.versionRows.agreementIdOf(tx, versionId);
      if (lockedAgreementId === undefined) throw notFound('Catalogue version', versionId);
      await this.lockAgreement(tx, lockedAgreementId, `agreement ${lockedAgreementId}`, 'wait');
      const version = (await this.versionRows.find(tx, versionId))!;
      await this.access.require(tx, version.agreementId, ACTOR_RULES[actor], { what: 'Catalogue version', id: versionId });
      const now = new Date();
      if (step === 'submit') {
        const awaiting = await this.awaitingRows.count(tx, version.id);
        if (awaiting > 0) {
          return CatalogueStateError.of(
            version.status,
            `Catalogue version ${version.id} has ${awaiting} line(s) without a UNSPSC code inside the agreement scope; accept a suggested code for each (acceptUnspscSuggestions, see unspscAwaiting) before submitting`,
          );
        }
        return this.versionMachine.fire(tx, version, 'submit', {
          effect: (v) => {
            v.submittedAt = now;
          },
        });
      }
      if (step === 'reject') {
        return this.versionMachine.fire(tx, version, 'reject', {
          effect: (v) => {
            Object.assign(v, { decidedAt: now, decidedBy: tx.person.userId, rejectionReason: reason ?? null });
          },
          audit: reason ? { reason } : {},
        });
      }
      let current: CatalogueVersionEntity | null = null;
      // Filled by the guard; the machine reads it after the guard, when it writes the audit event.
      const audit: Record<string, unknown> = {};
      return this.versionMachine.fire(tx, version, 'publish', {
        guard: async (v) => {
          current = await this.versionRows.published(tx, v.agreementId);
          if (!current) return undefined;
          if (!mayReplaceInForce(v.versionNo, current.versionNo)) return CatalogueVersionOutdatedError.of(v, current);
          if (v.basedOnId && current.id !== v.basedOnId) {
            throw conflict(`Catalogue version ${v.id} holds changes to version ${v.basedOnId}, but version ${current.id} has been published since; ask the supplier for a new Update`);
          }
          // Under the agreement lock, which setting the clause or an index value also takes: one clause decides.
          const check = await this.priceCheck.check(tx, v, current);
          if (!check?.summary.flaggedCount) return undefined;
          if (!priceOverride) return beyondClauseError(v, check);
          audit.priceClauseOverride = {
            reason: priceOverride.reason,
            flaggedCount: check.summary.flaggedCount,
            clause: check.summary.clause,
            items: check.all.slice(0, LISTED_FLAGS).map((f) => ({ sellerItemId: f.sellerItemId, oldPrice: f.oldPrice, newPrice: f.newPrice, maxPrice: f.maxPrice.toFixed() })),
          };
          return undefined;
        },
        effect: async (v) => {
          if (current) {
            await this.versionMachine.force(tx, current, 'supersede', {
              effect: (c) => {
                c.supersededAt = now;
              },
              audit: { by: v.id },
            });
          }
          Object.assign(v, { decidedAt: now, decidedBy: tx.person.userId, publishedAt: now });
          await this.outbox.enqueue(tx, version.agreementId, version.id);
          await this.classification.publishedCataloguesChanged(tx); // suggestions learn the published words
        },
        audit,
      });
    });
  }

  /** A page of what the version records about its file: the lines left out (EXCLUDED) or the warnings (WARNING), in file order. */
  async notes(ctx: RequestContext, versionId: number, kind: CatalogueLineNoteKind, first: number, after?: string) {
    await this.version(ctx, versionId);
    const offset = decodeOffset(after);
    const total = await this.noteRows.count(ctx, versionId, kind);
    const rows = await this.noteRows.page(ctx, versionId, kind, offset, first);
    return toConnection(rows, offset, first, total);
  }

  /** Counts and item-by-item differences against the version in force. */
  async review(ctx: RequestContext, versionId: number, first: number, after?: string) {
    const version = await this.version(ctx, versionId);
    const current = version.status === CatalogueStatus.PUBLISHED ? null : await this.versionRows.published(ctx, version.agreementId);
    const summary = await this.itemRows.changeSummary(ctx, version.id, current?.id ?? null);
    const offset = decodeOffset(after);
    const rows = await this.itemRows.changes(ctx, version.id, current?.id ?? null, offset, first);
    // Measured only when the client asks for priceClause or beyondPriceClause (their field
    // resolvers call it, price-clause-check.resolver.ts), and then once for the whole review.
    let measured: Promise<PriceClauseCheck | null> | undefined;
    const priceCheck = () => (measured ??= current ? this.priceCheck.check(ctx, version, current) : Promise.resolve(null));
    const changes = rows.map((r) => ({
      sellerItemId: r.seller_item_id,
      change: r.change,
      name: r.name,
      oldPrice: r.old_price,
      newPrice: r.new_price,
      priceChangePercent: r.pct === null ? null : Number(r.pct),
      changedFields: r.change === 'CHANGED' ? r.fields : [],
      measurePriceClause: priceCheck,
    }));
    return {
      version,
      current,
      added: summary.added,
      removed: summary.removed,
      changed: summary.changed,
      priceChanges: summary.priceChanges,
      averagePriceChangePercent: summary.averagePct,
      excludedLineCount: version.excludedLineCount,
      warningCount: version.warningCount,
      changes: toConnection(changes, offset, first, summary.total),
      measurePriceClause: priceCheck,
    };
  }
}

function uploadedVersion(v: CatalogueVersionEntity, agreementReference: string): UploadedVersion {
  return {
    id: v.id,
    agreementId: v.agreementId,
    agreementReference,
    versionNo: v.versionNo,
    status: v.status,
    sourceFormat: v.sourceFormat,
    fileName: v.fileName,
    headerAction: v.headerAction,
    documentId: v.documentId,
    basedOnId: v.basedOnId,
    itemCount: v.itemCount,
    invalidLines: v.invalidLines,
    excludedLineCount: v.excludedLineCount,
    warningCount: v.warningCount,
    createdAt: v.createdAt,
  };
}
