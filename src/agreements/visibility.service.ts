import { Injectable } from '@nestjs/common';
import { selfAndAncestorsSql } from '../identity/organisation-tree';
import { RequestContext } from '../platform/context/request-context';

export interface Visibility {
  /** Agreements whose published catalogues the caller may see. */
  agreementIds: number[];
  /** Of those, the ones mandatory for the caller (their items are marked and ranked first). */
  mandatoryIds: number[];
}

/** Today's date where Torg's users are; agreements run from and to whole days. */
export const TODAY_SQL = `(now() AT TIME ZONE 'Europe/Oslo')::date`;

/** The same date in code, YYYY-MM-DD. */
export const osloToday = (now = new Date()) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(now);

/**
 * Who sees which agreements' catalogues. Buyers: agreements in force today in which their
 * organisation or one above it participates. Purchasing units: the agreements they manage
 * that are in force. Suppliers: their own agreements.
 */
@Injectable()
export class VisibilityService {
  async forCaller(ctx: RequestContext): Promise<Visibility> {
    const { organisationId } = ctx.user;
    const rows: { id: number | null; mandatory: boolean; kind: string }[] = await ctx.manager.query(
      `WITH me AS (SELECT id, kind FROM organisation WHERE id = $1)
       SELECT a.id, a.mandatory, me.kind FROM me LEFT JOIN agreement a ON
              (me.kind = 'SUPPLIER' AND a.supplier_id = me.id)
           OR (me.kind = 'PURCHASING_UNIT' AND a.purchasing_unit_id = me.id AND ${TODAY_SQL} BETWEEN a.valid_from AND a.valid_to)
           OR (me.kind <> 'SUPPLIER' AND ${TODAY_SQL} BETWEEN a.valid_from AND a.valid_to
               AND EXISTS (SELECT 1 FROM agreement_participant p WHERE p.agreement_id = a.id AND p.organisation_id IN (${selfAndAncestorsSql('$1')})))
        ORDER BY a.id`,
      [organisationId],
    );
    const found = rows.filter((r): r is { id: number; mandatory: boolean; kind: string } => r.id !== null);
    const supplier = rows[0]?.kind === 'SUPPLIER';
    return {
      agreementIds: found.map((r) => r.id),
      // Mandatory means something to buyers; a supplier's own items are not ranked by it.
      mandatoryIds: supplier ? [] : found.filter((r) => r.mandatory).map((r) => r.id),
    };
  }
}
