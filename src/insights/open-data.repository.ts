import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../platform/context/request-context';

/** One month of an agreement's use, as published: counts and sums only. */
export interface UsageMonth {
  month: string;
  orders: number;
  orderedAmount: string;
  invoices: number;
  invoicedAmount: string;
  buyingOrganisations: number;
}

/** Which agreements publish their usage as open data, and the usage itself (aggregates of insights' facts). */
@Injectable()
export class OpenDataRepository {
  async isPublished(ctx: RequestContext, agreementId: number): Promise<boolean> {
    const rows: unknown[] = await ctx.manager.query('SELECT 1 FROM insights_open_agreement WHERE agreement_id = $1', [agreementId]);
    return rows.length > 0;
  }

  /** Switches publication on or off; true when that changed anything. */
  async setPublished(ctx: RequestContext, agreementId: number, published: boolean, byUserId: number | null): Promise<boolean> {
    const [change, params] = published
      ? ['INSERT INTO insights_open_agreement (agreement_id, published_by) VALUES ($1, $2) ON CONFLICT (agreement_id) DO NOTHING RETURNING 1', [agreementId, byUserId]]
      : ['DELETE FROM insights_open_agreement WHERE agreement_id = $1 RETURNING 1', [agreementId]];
    const [{ changed }]: { changed: number }[] = await ctx.manager.query(`WITH c AS (${change}) SELECT count(*)::int AS changed FROM c`, params);
    return changed > 0;
  }

  /** Ordered (on the agreement, less cancelled orders, closed ones as delivered) and invoiced spend per month, with how many organisations bought. */
  usage(ctx: RequestContext, agreementId: number): Promise<UsageMonth[]> {
    return ctx.manager.query(
      `WITH o AS (SELECT date_trunc('month', spend_date)::date AS month, count(DISTINCT order_id)::int AS orders, sum(amount) AS ordered,
                         array_agg(DISTINCT buyer_organisation_id) AS buyers
                    FROM insights_order_line WHERE agreement_id = $1 AND NOT cancelled GROUP BY 1),
            i AS (SELECT date_trunc('month', spend_date)::date AS month, count(DISTINCT invoice_id)::int AS invoices, sum(amount) AS invoiced,
                         array_agg(DISTINCT buyer_organisation_id) AS buyers
                    FROM insights_invoice_line WHERE agreement_id = $1 GROUP BY 1)
       SELECT month::text AS month, coalesce(o.orders, 0) AS orders, round(coalesce(o.ordered, 0), 2)::text AS "orderedAmount",
              coalesce(i.invoices, 0) AS invoices, round(coalesce(i.invoiced, 0), 2)::text AS "invoicedAmount",
              (SELECT count(DISTINCT b)::int FROM unnest(coalesce(o.buyers, '{}') || coalesce(i.buyers, '{}')) AS b) AS "buyingOrganisations"
         FROM o FULL JOIN i USING (month) ORDER BY month`,
      [agreementId],
    );
  }
}
