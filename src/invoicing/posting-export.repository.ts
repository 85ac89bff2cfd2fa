import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { APPROVED_INVOICE_STATES } from './invoice-status';
import type { PostingRow } from './posting-export-format';

export interface PostingExportBatchRow {
  id: number;
  organisationId: number;
  invoiceCount: number;
  createdByUserId: number | null;
  createdByClientId: number | null;
  createdAt: Date;
}

const BATCH_COLUMNS = `id, organisation_id AS "organisationId", invoice_count AS "invoiceCount", created_by_user_id AS "createdByUserId",
  created_by_client_id AS "createdByClientId", created_at AS "createdAt"`;

/** The one home of the SQL on `posting_export_batch` and `posting_export_item`. */
@Injectable()
export class PostingExportRepository {
  /** The approved (or paid since) invoices and credit notes of these buyer organisations that no batch holds yet, in id order. */
  async unexported(ctx: RequestContext, buyerOrganisationIds: readonly number[]): Promise<number[]> {
    const rows: { id: number }[] = await ctx.manager.query(
      `SELECT i.id FROM invoice i
        WHERE i.buyer_organisation_id = ANY($1) AND i.status = ANY($2)
          AND NOT EXISTS (SELECT 1 FROM posting_export_item p WHERE p.invoice_id = i.id)
        ORDER BY i.id`,
      [[...buyerOrganisationIds], [...APPROVED_INVOICE_STATES]],
    );
    return rows.map((r) => r.id);
  }

  async createBatch(tx: RequestContext, b: { organisationId: number; invoiceCount: number; createdByUserId: number | null; createdByClientId: number | null }): Promise<PostingExportBatchRow> {
    const [row]: PostingExportBatchRow[] = await tx.manager.query(
      `INSERT INTO posting_export_batch (organisation_id, invoice_count, created_by_user_id, created_by_client_id) VALUES ($1, $2, $3, $4) RETURNING ${BATCH_COLUMNS}`,
      [b.organisationId, b.invoiceCount, b.createdByUserId, b.createdByClientId],
    );
    return row;
  }

  /**
   * Puts the invoices in the batch, each with its row; returns the ids that went in. An invoice
   * another batch took meanwhile is left out: its unique index entry makes this statement wait
   * for the other transaction and then skip it (ON CONFLICT DO NOTHING), so no invoice is in two.
   */
  async addItems(tx: RequestContext, batchId: number, rows: readonly PostingRow[]): Promise<number[]> {
    if (!rows.length) return [];
    const added: { invoice_id: number }[] = await tx.manager.query(
      `INSERT INTO posting_export_item (batch_id, invoice_id, row)
       SELECT $1, u.invoice_id, u.row FROM unnest($2::int[], $3::jsonb[]) AS u(invoice_id, row)
       ON CONFLICT DO NOTHING RETURNING invoice_id`,
      [batchId, rows.map((r) => Number(r.invoiceId)), rows.map((r) => JSON.stringify(r))],
    );
    return added.map((r) => r.invoice_id);
  }

  async setCount(tx: RequestContext, batchId: number, invoiceCount: number): Promise<void> {
    await tx.manager.query(`UPDATE posting_export_batch SET invoice_count = $2 WHERE id = $1`, [batchId, invoiceCount]);
  }

  async batch(ctx: RequestContext, id: number): Promise<PostingExportBatchRow | undefined> {
    const rows: PostingExportBatchRow[] = await ctx.manager.query(`SELECT ${BATCH_COLUMNS} FROM posting_export_batch WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The rows of a batch as they were fixed when it was made. */
  async rows(ctx: RequestContext, batchId: number): Promise<PostingRow[]> {
    const rows: { row: PostingRow }[] = await ctx.manager.query(`SELECT row FROM posting_export_item WHERE batch_id = $1 ORDER BY invoice_id`, [batchId]);
    return rows.map((r) => r.row);
  }

  /** A page of the batches of these organisations, newest first, and how many there are. */
  async page(ctx: RequestContext, organisationIds: readonly number[], offset: number, limit: number): Promise<[PostingExportBatchRow[], number]> {
    const [rows, [count]]: [PostingExportBatchRow[], { total: number }[]] = await Promise.all([
      ctx.manager.query(`SELECT ${BATCH_COLUMNS} FROM posting_export_batch WHERE organisation_id = ANY($1) ORDER BY id DESC OFFSET $2 LIMIT $3`, [[...organisationIds], offset, limit]),
      ctx.manager.query(`SELECT count(*)::int AS total FROM posting_export_batch WHERE organisation_id = ANY($1)`, [[...organisationIds]]),
    ]);
    return [rows, count.total];
  }
}
