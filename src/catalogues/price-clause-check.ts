import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { priceIncreaseBeyond } from '../agreements/price-clause/price-limit';
import { RequestContext } from '../platform/context/request-context';
import { osloToday } from '../platform/time/oslo-date';
import { CatalogueItemRepository } from './catalogue-item.repository';
import type { CatalogueVersionEntity } from './catalogue-version.entity';
import { PriceClauseKind } from '../agreements/price-clause/price-clause.types';
import { CataloguePriceClauseCheck, PriceIncreaseFlag, PriceIncreasesBeyondClauseError } from './price-clause-check.types';

/** How many flags the review's summary and the publish refusal list (each change carries its own). */
export const LISTED_FLAGS = 100;

/** Every flag of a version, by seller item id, beside the summary the API shows. */
export interface PriceClauseCheck {
  summary: CataloguePriceClauseCheck;
  all: PriceIncreaseFlag[];
  bySellerItemId: Map<string, PriceIncreaseFlag>;
}

/**
 * Measures a version's price increases against the agreement's price-adjustment clause, today:
 * the agreement decides what the clause allows, the catalogue history gives each item's base
 * price, the pure priceIncreaseBeyond decides item by item. Null without a clause or without a
 * version in force (nothing is an increase then).
 */
@Injectable()
export class CataloguePriceCheck {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly items: CatalogueItemRepository,
  ) {}

  async check(tx: RequestContext, version: CatalogueVersionEntity, inForce: CatalogueVersionEntity | null): Promise<PriceClauseCheck | null> {
    if (!inForce?.publishedAt) return null;
    const standing = (await this.agreements.standing(tx, [version.agreementId])).get(version.agreementId);
    if (!standing) return null;
    const today = osloToday();
    const found = await this.agreements.priceAllowance(tx, { id: version.agreementId, validFrom: standing.validFrom }, { today, inForceSince: osloToday(inForce.publishedAt) });
    if (!found) return null;
    const { clause, allowance } = found;
    const rows = await this.items.priceIncreases(tx, version.id, inForce.id, version.agreementId, allowance.baseIsInForce ? null : allowance.anchorDate);
    const all: PriceIncreaseFlag[] = [];
    for (const r of rows) {
      const beyond = priceIncreaseBeyond({ base: r.basePrice, old: r.oldPrice, new: r.newPrice }, allowance);
      if (beyond) all.push({ sellerItemId: r.sellerItemId, name: r.name, oldPrice: r.oldPrice, newPrice: r.newPrice, basePrice: r.basePrice, ...beyond, clause: allowance.description });
    }
    all.sort((a, b) => b.increaseFromBasePercent.comparedTo(a.increaseFromBasePercent) || a.sellerItemId.localeCompare(b.sellerItemId));
    return {
      summary: {
        kind: clause.kind as PriceClauseKind,
        clause: allowance.description,
        referenceDate: allowance.anchorDate,
        allowedPercent: allowance.allowedPercent,
        flaggedCount: all.length,
        flagged: all.slice(0, LISTED_FLAGS),
      },
      all,
      bySellerItemId: new Map(all.map((f) => [f.sellerItemId, f])),
    };
  }
}

/** The publish refusal: every flag counted, the largest listed. */
export function beyondClauseError(version: Pick<CatalogueVersionEntity, 'id' | 'versionNo'>, check: PriceClauseCheck): PriceIncreasesBeyondClauseError {
  const e = new PriceIncreasesBeyondClauseError();
  const n = check.summary.flaggedCount;
  Object.assign(e, {
    clause: check.summary.clause,
    flaggedCount: n,
    flagged: check.summary.flagged,
    message: `Catalogue version ${version.id} (no. ${version.versionNo} of its agreement) raises ${n} price${n === 1 ? '' : 's'} beyond the agreement's price-adjustment clause (${check.summary.clause}); publish it with priceClauseOverride and a reason, or reject it`,
  });
  return e;
}
