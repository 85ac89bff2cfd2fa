import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityService } from '../identity/identity.service';
import { Role } from '../identity/role';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction, RollBackWith } from '../platform/database/transaction';
import { notFound } from '../platform/errors/domain-error';
import { Connection, decodeOffset, toConnection } from '../platform/graphql/connection';
import { postingCsv, postingJson } from './posting-export-format';
import { PostingExportBatchRow, PostingExportRepository } from './posting-export.repository';
import { NothingToExportError, PostingExportBatch } from './posting-export.types';
import { PostingRows } from './posting-rows';

export type PostingFileFormat = 'csv' | 'json';

const view = (b: PostingExportBatchRow): PostingExportBatch => ({
  id: b.id,
  organisationId: b.organisationId,
  invoiceCount: b.invoiceCount,
  createdAt: b.createdAt,
  csvPath: `/posting-exports/${b.id}.csv`,
  jsonPath: `/posting-exports/${b.id}.json`,
});

/**
 * Approved invoices and credit notes handed to the buyer's finance system, each exactly once.
 * Accounts payable (a person or the finance system as a machine client) of a buyer organisation
 * makes a batch of every approved invoice of that organisation and those below it that no batch
 * holds yet; the batch's files are fixed when it is made and read back byte for byte.
 */
@Injectable()
export class PostingExports {
  constructor(
    private readonly ds: DataSource,
    private readonly batches: PostingExportRepository,
    private readonly postingRows: PostingRows,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext): Promise<PostingExportBatch | NothingToExportError> {
    const caller = ctx.requireRole(Role.ACCOUNTS_PAYABLE);
    return inTransaction(this.ds, ctx, async (tx) => {
      const organisationIds = await this.identity.selfAndDescendantIds(tx, [caller.organisationId]);
      const invoiceIds = await this.batches.unexported(tx, organisationIds);
      if (!invoiceIds.length) return NothingToExportError.of(caller.organisationId);
      const rows = await this.postingRows.of(tx, invoiceIds);
      const batch = await this.batches.createBatch(tx, {
        organisationId: caller.organisationId,
        invoiceCount: rows.length,
        createdByUserId: caller.userId ?? null,
        createdByClientId: caller.machineClientId ?? null,
      });
      // A concurrent export may have taken some (or all) of them since they were read: they stay in its batch.
      const added = await this.batches.addItems(tx, batch.id, rows);
      if (!added.length) throw new RollBackWith(NothingToExportError.of(caller.organisationId));
      if (added.length !== rows.length) await this.batches.setCount(tx, batch.id, (batch.invoiceCount = added.length));
      await this.audit.record(tx, 'posting-export.created', 'posting_export_batch', batch.id, { invoiceCount: added.length, invoiceIds: added });
      return view(batch);
    });
  }

  /** A page of the batches of the caller's organisation and those below it, newest first. */
  async list(ctx: RequestContext, first: number, after?: string): Promise<Connection<PostingExportBatch>> {
    const caller = ctx.requireRole(Role.ACCOUNTS_PAYABLE);
    const offset = decodeOffset(after);
    const organisationIds = await this.identity.selfAndDescendantIds(ctx, [caller.organisationId]);
    const [rows, total] = await this.batches.page(ctx, organisationIds, offset, first);
    return toConnection(rows.map(view), offset, first, total);
  }

  /** The batch as a file, the same bytes every time; NOT_FOUND for a batch of an organisation not at or below the caller's. */
  async file(ctx: RequestContext, batchId: number, format: PostingFileFormat): Promise<string> {
    const caller = ctx.requireRole(Role.ACCOUNTS_PAYABLE);
    const batch = await this.batches.batch(ctx, batchId);
    if (!batch || !(await this.identity.selfAndAncestorIds(ctx, batch.organisationId)).includes(caller.organisationId)) throw notFound('Posting export', batchId);
    const rows = await this.batches.rows(ctx, batch.id);
    const header = { id: String(batch.id), organisationId: batch.organisationId, createdAt: batch.createdAt.toISOString() };
    return format === 'csv' ? postingCsv(header, rows) : postingJson(header, rows);
  }
}
