import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity';
import { AgreementsService } from '../agreements/agreements.service';
import { ClassificationService } from '../classification/classification.service';
import { IdentityService } from '../identity/identity.service';
import { isUnspscCode, normaliseUnspsc } from '../classification/unspsc-code';
import { AuditService } from '../platform/audit/audit.service';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { textArrayLiteral } from '../platform/database/array-literal';
import { allowBulkWork } from '../platform/database/bulk-work';
import { copyRows } from '../platform/database/copy-rows';
import { inTransaction } from '../platform/database/transaction';
import { databaseErrorToDomain } from '../platform/errors/database-errors';
import { conflict, DomainError, forbidden, notFound } from '../platform/errors/domain-error';
import { decodeOffset, toConnection } from '../platform/graphql/connection';
import { catalogueUploads } from '../platform/health/metrics';
import { attributeFacets } from '../search/attribute-facets';
import { SearchOutbox } from '../search/search-outbox';
import { CatalogueHeader, CatalogueItemInput, CatalogueProblem, RawCatalogueLine } from './catalogue-line';
import { CatalogueFormat, ProblemReport, readCatalogueFile } from './catalogue-import';
import { CatalogueStatus, CatalogueTransition, mayReplaceInForce } from './catalogue-status';
import { catalogueVersionMachine, CatalogueVersionMachine } from './catalogue-version.machine';
import { CatalogueVersionEntity } from './catalogue-version.entity';
import { CatalogueStateError, CatalogueVersionOutdatedError } from './catalogues.types';
import { UPLOAD_RETRY_AFTER_SECONDS, UploadGate } from './upload-gate';
import { validateHeader } from './validation/header-validator';
import { LineRules, validateLine } from './validation/line-validator';

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
  createdAt: Date;
}

export interface UploadResult {
  version?: UploadedVersion;
  lineCount: number;
  problemCount: number;
  problems: CatalogueProblem[];
}

const BATCH = 2000;
/** The stored columns of a catalogue item, in the order the writers below give them. */
const ITEM_COLUMNS = ['version_id', 'line_no', 'seller_item_id', 'name', 'description', 'unspsc_code', 'price', 'currency', 'vat_rate', 'unit_code', 'gtin', 'manufacturer', 'attributes', 'valid_from', 'valid_to', 'attr_facets'];

/** Thrown inside the upload transaction to roll it back when the file has errors. */
class InvalidCatalogue extends Error {}

/** Refusals that say "busy, try again", not "your file is bad". */
const isRefusal = (e: unknown) =>
  (e instanceof DomainError && ['CONFLICT', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE'].includes(e.code)) || databaseErrorToDomain(e) !== null;

@Injectable()
export class CataloguesService {
  private readonly uploadGate: UploadGate;
  private readonly versionMachine: CatalogueVersionMachine;

  constructor(
    private readonly ds: DataSource,
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
    private readonly outbox: SearchOutbox,
    private readonly classification: ClassificationService,
    private readonly identity: IdentityService,
    @Inject(TORG_CONFIG) config: TorgConfig,
  ) {
    this.uploadGate = new UploadGate(config.uploadConcurrency, config.uploadConcurrencyPerSupplier);
    this.versionMachine = catalogueVersionMachine(audit);
  }

  /**
   * Reads, validates and stores an uploaded catalogue as a new DRAFT version, in one
   * transaction. Any bad line rolls everything back and the full report is returned instead.
   * Every read runs on the transaction's connection: one that reached for another connection
   * while holding the agreement lock deadlocked the pool once uploads had taken every other one.
   */
  async upload(ctx: RequestContext, agreementId: number, path: string, fileName: string, format: CatalogueFormat): Promise<UploadResult> {
    const caller = ctx.user;
    const report = new ProblemReport();
    let lineCount = 0;
    let agreement: AgreementEntity | undefined;
    let leaveGate: (() => void) | undefined;
    try {
      leaveGate = this.uploadGate.enter(caller.organisationId);
      const version = await inTransaction(this.ds, ctx, async (tx) => {
        const m = tx.manager;
        await allowBulkWork(m);
        const found = await m.findOneBy(AgreementEntity, { id: agreementId });
        if (!found || found.supplierId !== caller.organisationId) throw notFound('Agreement', agreementId);
        agreement = found;
        // One upload at a time per agreement (across replicas), so version numbers and bases stay consistent.
        await this.lockAgreement(m, found.id, `agreement ${found.reference}`, 'nowait');
        const rules = await this.rulesFor(m, found);
        const [{ next }] = await m.query('SELECT coalesce(max(version_no), 0) + 1 AS next FROM catalogue_version WHERE agreement_id = $1', [agreementId]);
        let header: CatalogueHeader | undefined;
        let version: CatalogueVersionEntity | undefined;
        const seen = new Map<string, number>();
        let batch: CatalogueItemInput[] = [];

        const start = async (h: CatalogueHeader) => {
          header = h;
          const supplier = await this.identity.organisation(tx, found.supplierId);
          report.add(...validateHeader(h, { agreementReference: found.reference, agreementValidFrom: found.validFrom, agreementValidTo: found.validTo, supplierOrgNumber: supplier.orgNumber }));
          const base = h.action === 'Update' ? await this.published(m, agreementId) : null;
          if (h.action === 'Update' && !base) report.add({ line: null, location: '/Catalogue/cbc:ActionCode', field: 'ActionCode', reason: 'Update needs a published catalogue to apply the changes to; send the full catalogue with Add or Replace' });
          version = await m.save(
            CatalogueVersionEntity,
            m.create(CatalogueVersionEntity, {
              agreementId,
              supplierId: found.supplierId,
              versionNo: Number(next),
              status: CatalogueStatus.DRAFT,
              sourceFormat: format,
              fileName,
              headerAction: h.action,
              documentId: h.documentId ?? null,
              basedOnId: base?.id ?? null,
              itemCount: 0,
              createdBy: caller.userId,
            }),
          );
          if (base) {
            await m.query(
              `INSERT INTO catalogue_item (${ITEM_COLUMNS.join(', ')})
               SELECT $1, line_no, seller_item_id, name, description, unspsc_code, price, currency, vat_rate, unit_code, gtin, manufacturer, attributes, valid_from, valid_to, attr_facets
                 FROM catalogue_item WHERE version_id = $2`,
              [version.id, base.id],
            );
          }
        };
        const flush = async () => {
          if (!batch.length) return;
          if (report.count === 0) await this.applyBatch(m, version!, header!, batch, report);
          batch = [];
        };

        // Lines are validated in batches, so each batch needs one look-up of its UNSPSC codes.
        let pending: RawCatalogueLine[] = [];
        const validatePending = async () => {
          const codes = [...new Set(pending.map((r) => normaliseUnspsc(r.unspsc ?? '')).filter(isUnspscCode))];
          const known = await this.classification.existing(m, codes);
          const batchRules: LineRules = { ...rules, unspscExists: (c) => known.has(c) };
          for (const raw of pending) {
            const { item, problems } = validateLine(raw, batchRules);
            report.add(...problems);
            if (!item || header!.action === 'Delete') continue;
            const key = item.sellerItemId || `gtin:${item.gtin}`;
            const firstLine = seen.get(key);
            if (firstLine !== undefined) {
              report.add({ line: raw.lineNo, location: raw.location, field: raw.paths?.sellerItemId ?? 'sellerItemId', reason: `duplicate seller item id (first on line ${firstLine})`, value: item.sellerItemId });
              continue;
            }
            seen.set(key, raw.lineNo);
            batch.push(item);
          }
          pending = [];
          await flush();
        };

        for await (const lines of readCatalogueFile(path, format, (h) => (header = h))) {
          if (!version) await start(header!);
          lineCount += lines.length;
          for (const raw of lines) pending.push(raw);
          if (pending.length >= BATCH) await validatePending();
        }
        if (!version) await start(header ?? { action: 'Replace' });
        await validatePending();
        if (lineCount === 0 && header!.action !== 'Delete') report.add({ line: null, location: 'file', field: null, reason: 'The catalogue holds no lines' });
        if (report.count > 0) throw new InvalidCatalogue();
        const [{ n }] = await m.query('SELECT count(*)::int AS n FROM catalogue_item WHERE version_id = $1', [version!.id]);
        version!.itemCount = n;
        await m.update(CatalogueVersionEntity, version!.id, { itemCount: n });
        await this.audit.record(tx, 'catalogue.uploaded', 'catalogue_version', version!.id, { agreementId, fileName, format, lines: lineCount, items: n, headerAction: header!.action });
        return version!;
      });
      catalogueUploads.inc({ format, outcome: 'accepted' });
      return { version: uploadedVersion(version, agreement!), lineCount, problemCount: 0, problems: [] };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw e;
      if (!(e instanceof InvalidCatalogue)) {
        catalogueUploads.inc({ format, outcome: isRefusal(e) ? 'refused' : 'malformed' });
        throw e;
      }
      catalogueUploads.inc({ format, outcome: 'invalid' });
      return { lineCount, problemCount: report.count, problems: report.problems };
    } finally {
      leaveGate?.();
    }
  }

  /**
   * Locks the agreement's row: uploads and the review steps of its catalogue take turns. An
   * upload asks with NOWAIT (it may hold the lock for a minute, and a waiting upload would hold
   * a connection meanwhile); a review step waits up to DATABASE_LOCK_TIMEOUT_MS. Either way a
   * busy agreement is a 409 that says why.
   */
  private async lockAgreement(m: EntityManager, agreementId: number, label: string, mode: 'nowait' | 'wait') {
    try {
      await m.query(`SELECT id FROM agreement WHERE id = $1 FOR UPDATE${mode === 'nowait' ? ' NOWAIT' : ''}`, [agreementId]);
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '55P03') throw e;
      throw conflict(`A catalogue upload to ${label}, or a step in the review of its catalogue, is running; nothing was changed. Try again when it has finished`, {
        retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
      });
    }
  }

  /** The agreement's rules; `unspscExists` is filled in per batch of lines. */
  private async rulesFor(m: EntityManager, agreement: AgreementEntity): Promise<Omit<LineRules, 'unspscExists'>> {
    const scopeRows: { unspsc_code: string }[] = await m.query('SELECT unspsc_code FROM agreement_scope WHERE agreement_id = $1', [agreement.id]);
    return {
      agreementValidFrom: agreement.validFrom,
      agreementValidTo: agreement.validTo,
      agreementCurrency: agreement.currency,
      scope: scopeRows.map((r) => r.unspsc_code),
    };
  }

  /** Writes one batch of valid lines: inserts for full catalogues, Add/Update/Delete for UBL Update. */
  private async applyBatch(m: EntityManager, version: CatalogueVersionEntity, header: CatalogueHeader, items: CatalogueItemInput[], report: ProblemReport) {
    if (header.action !== 'Update') {
      await this.insertItems(m, version.id, items.filter((i) => i.action !== 'Delete'), false);
      return;
    }
    const deletes = items.filter((i) => i.action === 'Delete');
    for (const d of deletes) {
      const res = await m.query('DELETE FROM catalogue_item WHERE version_id = $1 AND (seller_item_id = $2 OR ($2 = \'\' AND gtin = $3)) RETURNING id', [version.id, d.sellerItemId, d.gtin]);
      if (!res[1] && !(Array.isArray(res[0]) && res[0].length)) {
        report.add({ line: d.lineNo, location: `/Catalogue/CatalogueLine[${d.lineNo}]`, field: 'cac:Item', reason: `Delete: no item ${d.sellerItemId || 'with GTIN ' + d.gtin} in the catalogue in force` });
      }
    }
    const upserts = items.filter((i) => i.action !== 'Delete');
    if (!upserts.length) return;
    const existing: { seller_item_id: string }[] = await m.query('SELECT seller_item_id FROM catalogue_item WHERE version_id = $1 AND seller_item_id = ANY($2)', [version.id, upserts.map((u) => u.sellerItemId)]);
    const present = new Set(existing.map((e) => e.seller_item_id));
    for (const u of upserts) {
      if (u.action === 'Update' && !present.has(u.sellerItemId)) {
        report.add({ line: u.lineNo, location: `/Catalogue/CatalogueLine[${u.lineNo}]`, field: 'cbc:ActionCode', reason: `Update: item ${u.sellerItemId} is not in the catalogue in force (use Add)`, value: u.sellerItemId });
      }
    }
    if (report.count === 0) await this.insertItems(m, version.id, upserts, true);
  }

  private async insertItems(m: EntityManager, versionId: number, items: CatalogueItemInput[], upsert: boolean) {
    if (!items.length) return;
    if (!upsert) {
      await copyRows(m, 'catalogue_item', ITEM_COLUMNS, items.map((i) => [
        versionId, i.lineNo, i.sellerItemId, i.name, i.description, i.unspsc, i.price, i.currency, i.vatRate, i.unitCode, i.gtin, i.manufacturer, JSON.stringify(i.attributes), i.validFrom, i.validTo,
        textArrayLiteral(attributeFacets(i.attributes)),
      ]));
      return;
    }
    await m.query(
      `INSERT INTO catalogue_item (${ITEM_COLUMNS.join(', ')})
       -- The facets travel as array literals: unnest would flatten a two-dimensional array.
       SELECT $1, l, s, n, d, c, p, cur, vat, unit, g, man, a, vf, vt, f::text[]
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::char(8)[], $7::numeric[], $8::char(3)[], $9::numeric[], $10::text[], $11::text[], $12::text[], $13::jsonb[], $14::date[], $15::date[], $16::text[])
              AS u(l, s, n, d, c, p, cur, vat, unit, g, man, a, vf, vt, f)
       ON CONFLICT (version_id, seller_item_id) DO UPDATE SET line_no = EXCLUDED.line_no, name = EXCLUDED.name, description = EXCLUDED.description, unspsc_code = EXCLUDED.unspsc_code,
           price = EXCLUDED.price, currency = EXCLUDED.currency, vat_rate = EXCLUDED.vat_rate, unit_code = EXCLUDED.unit_code, gtin = EXCLUDED.gtin, manufacturer = EXCLUDED.manufacturer,
           attributes = EXCLUDED.attributes, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, attr_facets = EXCLUDED.attr_facets`,
      [
        versionId,
        items.map((i) => i.lineNo),
        items.map((i) => i.sellerItemId),
        items.map((i) => i.name),
        items.map((i) => i.description),
        items.map((i) => i.unspsc),
        items.map((i) => i.price),
        items.map((i) => i.currency),
        items.map((i) => i.vatRate),
        items.map((i) => i.unitCode),
        items.map((i) => i.gtin),
        items.map((i) => i.manufacturer),
        items.map((i) => JSON.stringify(i.attributes)),
        items.map((i) => i.validFrom),
        items.map((i) => i.validTo),
        items.map((i) => textArrayLiteral(attributeFacets(i.attributes))),
      ],
    );
  }

  private async published(m: EntityManager, agreementId: number): Promise<CatalogueVersionEntity | null> {
    return m.findOneBy(CatalogueVersionEntity, { agreementId, status: CatalogueStatus.PUBLISHED });
  }

  /** A version the caller may see: the supplier’s own, or one of the purchasing unit’s agreements. */
  async version(ctx: RequestContext, id: number): Promise<CatalogueVersionEntity> {
    const version = await ctx.manager.findOneBy(CatalogueVersionEntity, { id });
    if (!version) throw notFound('Catalogue version', id);
    const agreement = await ctx.manager.findOneByOrFail(AgreementEntity, { id: version.agreementId });
    const org = ctx.user.organisationId;
    if (agreement.supplierId !== org && agreement.purchasingUnitId !== org) throw notFound('Catalogue version', id);
    return version;
  }

  async versions(ctx: RequestContext, agreementId: number, first: number, after?: string) {
    const agreement = await this.agreements.get(ctx, agreementId);
    const org = ctx.user.organisationId;
    if (agreement.supplierId !== org && agreement.purchasingUnitId !== org) throw forbidden('Only the supplier and the purchasing unit see catalogue versions');
    const offset = decodeOffset(after);
    const [rows, total] = await ctx.manager.findAndCount(CatalogueVersionEntity, { where: { agreementId }, order: { versionNo: 'DESC' }, skip: offset, take: first });
    return toConnection(rows, offset, first, total);
  }

  async items(ctx: RequestContext, versionId: number, first: number, after?: string) {
    await this.version(ctx, versionId);
    const offset = decodeOffset(after);
    const [{ total }] = await ctx.manager.query('SELECT count(*)::int AS total FROM catalogue_item WHERE version_id = $1', [versionId]);
    const rows = await ctx.manager.query(
      `SELECT id::text, line_no AS "lineNo", seller_item_id AS "sellerItemId", name, description, unspsc_code AS "unspscCode", price::text, currency, vat_rate::text AS "vatRate",
              unit_code AS "unitCode", gtin, manufacturer, attributes, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
         FROM catalogue_item WHERE version_id = $1 ORDER BY line_no, id OFFSET $2 LIMIT $3`,
      [versionId, offset, first],
    );
    return toConnection(rows, offset, first, total);
  }

  submit(ctx: RequestContext, versionId: number) {
    return this.transition(ctx, versionId, 'submit', 'supplier');
  }

  publish(ctx: RequestContext, versionId: number) {
    return this.transition(ctx, versionId, 'publish', 'purchaser');
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
  ): Promise<CatalogueVersionEntity | CatalogueStateError | CatalogueVersionOutdatedError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const m = tx.manager;
      const [locked] = await m.query('SELECT agreement_id FROM catalogue_version WHERE id = $1', [versionId]);
      if (!locked) throw notFound('Catalogue version', versionId);
      await this.lockAgreement(m, locked.agreement_id, `agreement ${locked.agreement_id}`, 'wait');
      const version = await m.findOneByOrFail(CatalogueVersionEntity, { id: versionId });
      const agreement = await m.findOneByOrFail(AgreementEntity, { id: version.agreementId });
      const org = tx.user.organisationId;
      const party = actor === 'supplier' ? agreement.supplierId : agreement.purchasingUnitId;
      if (party !== org) {
        if (agreement.supplierId === org || agreement.purchasingUnitId === org) throw forbidden(actor === 'supplier' ? 'Only the supplier submits its catalogue' : 'Only the purchasing unit of the agreement decides on its catalogue');
        throw notFound('Catalogue version', versionId);
      }
      const now = new Date();
      if (step === 'submit') {
        return this.versionMachine.fire(tx, version, 'submit', {
          effect: (v) => {
            v.submittedAt = now;
          },
        });
      }
      if (step === 'reject') {
        return this.versionMachine.fire(tx, version, 'reject', {
          effect: (v) => {
            Object.assign(v, { decidedAt: now, decidedBy: tx.user.userId, rejectionReason: reason ?? null });
          },
          audit: reason ? { reason } : {},
        });
      }
      let current: CatalogueVersionEntity | null = null;
      return this.versionMachine.fire(tx, version, 'publish', {
        guard: async (v) => {
          current = await this.published(m, v.agreementId);
          if (!current) return undefined;
          if (!mayReplaceInForce(v.versionNo, current.versionNo)) return CatalogueVersionOutdatedError.of(v, current);
          if (v.basedOnId && current.id !== v.basedOnId) {
            throw conflict(`Catalogue version ${v.id} holds changes to version ${v.basedOnId}, but version ${current.id} has been published since; ask the supplier for a new Update`);
          }
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
          Object.assign(v, { decidedAt: now, decidedBy: tx.user.userId, publishedAt: now });
          await this.outbox.enqueue(tx, version.agreementId, version.id);
        },
      });
    });
  }

  /** Counts and item-by-item differences against the version in force. */
  async review(ctx: RequestContext, versionId: number, first: number, after?: string) {
    const version = await this.version(ctx, versionId);
    const current = version.status === CatalogueStatus.PUBLISHED ? null : await this.published(ctx.manager, version.agreementId);
    const diffSql = `
      WITH n AS (SELECT * FROM catalogue_item WHERE version_id = $1),
           o AS (SELECT * FROM catalogue_item WHERE version_id = $2),
           d AS (
             SELECT coalesce(n.seller_item_id, o.seller_item_id) AS seller_item_id,
                    CASE WHEN o.id IS NULL THEN 'ADDED' WHEN n.id IS NULL THEN 'REMOVED' ELSE 'CHANGED' END AS change,
                    coalesce(n.name, o.name) AS name, o.price AS old_price, n.price AS new_price,
                    CASE WHEN o.price IS NOT NULL AND n.price IS NOT NULL AND o.price <> n.price THEN round((n.price - o.price) / o.price * 100, 2) END AS pct,
                    array_remove(ARRAY[
                      CASE WHEN n.name IS DISTINCT FROM o.name THEN 'name' END,
                      CASE WHEN n.price IS DISTINCT FROM o.price THEN 'price' END,
                      CASE WHEN n.unspsc_code IS DISTINCT FROM o.unspsc_code THEN 'unspscCode' END,
                      CASE WHEN n.vat_rate IS DISTINCT FROM o.vat_rate THEN 'vatRate' END,
                      CASE WHEN n.unit_code IS DISTINCT FROM o.unit_code THEN 'unitCode' END,
                      CASE WHEN n.gtin IS DISTINCT FROM o.gtin THEN 'gtin' END,
                      CASE WHEN n.description IS DISTINCT FROM o.description THEN 'description' END,
                      CASE WHEN n.attributes IS DISTINCT FROM o.attributes THEN 'attributes' END], NULL) AS fields
               FROM n FULL JOIN o ON o.seller_item_id = n.seller_item_id)
      SELECT * FROM d WHERE change <> 'CHANGED' OR cardinality(fields) > 0`;
    const params = [version.id, current?.id ?? -1];
    const [summary] = await ctx.manager.query(
      `SELECT count(*) FILTER (WHERE change = 'ADDED')::int AS added, count(*) FILTER (WHERE change = 'REMOVED')::int AS removed,
              count(*) FILTER (WHERE change = 'CHANGED')::int AS changed, count(pct)::int AS "priceChanges", round(avg(pct), 2)::float AS "averagePct", count(*)::int AS total
         FROM (${diffSql}) x`,
      params,
    );
    const offset = decodeOffset(after);
    const rows = await ctx.manager.query(
      `${diffSql} ORDER BY abs(pct) DESC NULLS LAST, change, seller_item_id OFFSET $3 LIMIT $4`,
      [...params, offset, first],
    );
    const changes = rows.map((r: Record<string, unknown>) => ({
      sellerItemId: r.seller_item_id,
      change: r.change,
      name: r.name,
      oldPrice: r.old_price,
      newPrice: r.new_price,
      priceChangePercent: r.pct === null ? null : Number(r.pct),
      changedFields: r.change === 'CHANGED' ? r.fields : [],
    }));
    return {
      version,
      current,
      added: summary.added,
      removed: summary.removed,
      changed: summary.changed,
      priceChanges: summary.priceChanges,
      averagePriceChangePercent: summary.averagePct,
      changes: toConnection(changes, offset, first, summary.total),
    };
  }
}

function uploadedVersion(v: CatalogueVersionEntity, agreement: AgreementEntity): UploadedVersion {
  return {
    id: v.id,
    agreementId: v.agreementId,
    agreementReference: agreement.reference,
    versionNo: v.versionNo,
    status: v.status,
    sourceFormat: v.sourceFormat,
    fileName: v.fileName,
    headerAction: v.headerAction,
    documentId: v.documentId,
    basedOnId: v.basedOnId,
    itemCount: v.itemCount,
    createdAt: v.createdAt,
  };
}
