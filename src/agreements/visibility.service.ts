import { Injectable } from '@nestjs/common';
import { TtlCache } from '../platform/cache/ttl-cache';
import { RequestContext } from '../platform/context/request-context';
import { osloToday } from '../platform/time/oslo-date';

export interface Visibility {
  /** Agreements whose published catalogues the caller may see. */
  agreementIds: number[];
  /** Of those, the ones mandatory for the caller (their items are marked and ranked first). */
  mandatoryIds: number[];
}

/** Today's date where Torg's users are; agreements run from and to whole days. */
export const TODAY_SQL = `(now() AT TIME ZONE 'Europe/Oslo')::date`;

/**
 * How long an organisation's visible agreements are remembered by a replica. A new agreement is
 * seen at once by the replica that created it (it forgets everything then) and within this time
 * by the others; a published catalogue reaches the search index on a similar time scale. Looking
 * the scope up on every search was a measurable share of a search's CPU (test/bench/README.md).
 */
export const VISIBILITY_TTL_MS = 5_000;

/**
 * Who sees which agreements' catalogues. Buyers: agreements in force today in which their
 * organisation or one above it participates. Purchasing units: the agreements they manage
 * that are in force. Suppliers: their own agreements.
 */
@Injectable()
export class VisibilityService {
  /** Per organisation and Oslo date, so an agreement ends at midnight without waiting for expiry. */
  private readonly remembered = new TtlCache<Visibility>(VISIBILITY_TTL_MS);

  async forCaller(ctx: RequestContext): Promise<Visibility> {
    const key = `${ctx.user.organisationId}:${osloToday()}`;
    const known = this.remembered.get(key);
    if (known) return known;
    // Shared by the requests that follow: frozen, so none can change it for the others.
    const visibility = await this.lookUp(ctx);
    Object.freeze(visibility.agreementIds);
    Object.freeze(visibility.mandatoryIds);
    this.remembered.set(key, Object.freeze(visibility));
    return visibility;
  }

  /** After a change to agreements has committed: the next searches look the scope up again. */
  forget(): void {
    this.remembered.clear();
  }

  private async lookUp(ctx: RequestContext): Promise<Visibility> {
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
