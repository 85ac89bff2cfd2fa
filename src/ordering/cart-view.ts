import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { CataloguesService } from '../catalogues/catalogues.service';
import { purchaseRefusal } from '../catalogues/purchasable-item';
import type { ItemNow } from '../catalogues/purchasable-item';
import { osloToday } from '../platform/time/oslo-date';
import { IdentityService } from '../identity/identity.service';
import { RequestContext } from '../platform/context/request-context';
import { LineKind, LineStatus } from './cart-line-kinds';
import type { CartLineEntity } from './cart-line.entity';
import type { CartEntity } from './cart.entity';
import { lineAmount, lineVat, Totals, totals } from './cart-totals';
import type { CartLine, CartLineCheck, CartTotal } from './cart.types';
import { AgreementStanding, checkCatalogueLine } from './line-check';

export type LineView = CartLine;

export interface SupplierGroupView {
  key: string;
  supplierId: number | null;
  supplierName: string | null;
  lines: LineView[];
  totals: CartTotal[];
}

export interface CartView {
  id: number | null;
  lines: LineView[];
  supplierGroups: SupplierGroupView[];
  totals: CartTotal[];
  allOrderable: boolean;
  updatedAt: Date | null;
}

const ESTIMATE: CartLineCheck = { status: LineStatus.ESTIMATE, reason: null, currentPrice: null, currentItemId: null };

/** Each line's group: one per registered supplier, one per supplier named in free text, and one for lines with none. */
const groupKey = (l: Pick<CartLineEntity, 'supplierId' | 'supplierName'>) =>
  l.supplierId !== null ? `supplier:${l.supplierId}` : l.supplierName ? `name:${l.supplierName.toLocaleLowerCase('nb')}` : 'unassigned';

const asTotal = (t: Totals): CartTotal => ({
  currency: t.currency,
  lineExtensionAmount: t.lineExtensionAmount.toDecimalString(),
  vatAmount: t.vatAmount.toDecimalString(),
  taxInclusiveAmount: t.taxInclusiveAmount.toDecimalString(),
  vatBreakdown: t.vatBreakdown.map((v) => ({ rate: v.rate, taxableAmount: v.taxableAmount.toDecimalString(), vatAmount: v.vatAmount.toDecimalString() })),
});

/**
 * The cart as the requester sees it: every catalogue line re-checked against the agreements
 * and catalogues as they are now (in the caller's transaction, a few queries for the whole
 * cart), amounts and totals computed, lines grouped per supplier.
 */
@Injectable()
export class CartViewBuilder {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly catalogues: CataloguesService,
    private readonly identity: IdentityService,
  ) {}

  async build(ctx: RequestContext, cart: CartEntity | null, lines: CartLineEntity[]): Promise<CartView> {
    const checks = await this.check(ctx, lines);
    const names = await this.supplierNames(ctx, lines);
    const views: LineView[] = lines.map((l, i) => ({
      ...l,
      supplierName: l.supplierName ?? (l.supplierId !== null ? (names.get(l.supplierId) ?? null) : null),
      lineAmount: lineAmount(l).toDecimalString(),
      lineVat: lineVat(l).toDecimalString(),
      check: checks[i],
    }));
    const groups = new Map<string, SupplierGroupView>();
    for (const v of views) {
      const key = groupKey(lines.find((l) => l.id === v.id)!);
      const group = groups.get(key) ?? { key, supplierId: v.supplierId, supplierName: v.supplierName, lines: [], totals: [] };
      group.lines.push(v);
      groups.set(key, group);
    }
    for (const g of groups.values()) g.totals = totals(g.lines).map(asTotal);
    return {
      id: cart?.id ?? null,
      lines: views,
      supplierGroups: [...groups.values()],
      totals: totals(views).map(asTotal),
      allOrderable: views.every((v) => v.check.status === LineStatus.ORDERABLE || v.check.status === LineStatus.ESTIMATE),
      updatedAt: cart?.updatedAt ?? null,
    };
  }

  /** The check of each line, in order: free-text lines are estimates; catalogue lines are compared with what is in force now. */
  async check(ctx: RequestContext, lines: CartLineEntity[]): Promise<CartLineCheck[]> {
    const catalogueLines = lines.filter((l) => l.kind === LineKind.CATALOGUE);
    if (!catalogueLines.length) return lines.map(() => ESTIMATE);
    const orderable = new Set((await this.agreements.inForceFor(ctx, ctx.user.organisationId)).map((a) => a.id));
    const agreementIds = [...new Set(catalogueLines.map((l) => l.agreementId!))];
    const standing = await this.agreements.standing(ctx, agreementIds);
    const now = await this.catalogues.itemsNow(
      ctx,
      catalogueLines.map((l) => ({ versionId: l.catalogueVersionId!, agreementId: l.agreementId!, sellerItemId: l.sellerItemId! })),
    );
    const today = osloToday();
    const nowByLine = new Map<number, ItemNow>(catalogueLines.map((l, i) => [l.id, now[i]]));
    return lines.map((l) => {
      if (l.kind !== LineKind.CATALOGUE) return ESTIMATE;
      const s = standing.get(l.agreementId!);
      const agreement: AgreementStanding = {
        reference: s?.reference ?? String(l.agreementId),
        orderable: orderable.has(l.agreementId!),
        inForce: s?.inForce ?? false,
        validFrom: s?.validFrom ?? '',
        validTo: s?.validTo ?? '',
      };
      const itemNow = nowByLine.get(l.id)!;
      const unavailable = itemNow.current ? purchaseRefusal(itemNow.current, today) : null;
      return checkCatalogueLine({ ...l, sellerItemId: l.sellerItemId! }, agreement, itemNow.versionInForce, itemNow.current, unavailable);
    });
  }

  private async supplierNames(ctx: RequestContext, lines: CartLineEntity[]): Promise<Map<number, string>> {
    const ids = [...new Set(lines.map((l) => l.supplierId).filter((id): id is number => id !== null))];
    const orgs = await Promise.all(ids.map((id) => this.identity.find(ctx, id)));
    return new Map(orgs.filter((o) => o !== null).map((o) => [o.id, o.name]));
  }
}
