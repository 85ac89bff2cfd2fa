import { Injectable } from '@nestjs/common';
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
    // The rule itself is the SQL function torg_visible_agreements (migration 1763800000011).
    const rows: { id: number | null; mandatory: boolean; kind: string }[] = await ctx.manager.query(
      'SELECT agreement_id AS id, is_mandatory AS mandatory, caller_kind AS kind FROM torg_visible_agreements($1)',
      [ctx.user.organisationId],
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
