import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AgreementInForce } from '../agreements/agreement-in-force';
import { AgreementsService } from '../agreements/agreements.service';
import { CataloguesService } from '../catalogues/catalogues.service';
import type { PurchasableItem } from '../catalogues/purchasable-item';
import { isUnitCode, ISO_4217, NORWEGIAN_VAT_RATES } from '../catalogues/validation/code-lists';
import { norwegianVatRate } from '../catalogues/validation/line-validator';
import { ClassificationService } from '../classification/classification.service';
import { IdentityService } from '../identity/identity.service';
import { OrganisationKind } from '../identity/organisation-kind';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { badInput, notFound } from '../platform/errors/domain-error';
import { requestLoader } from '../platform/graphql/request-loader';
import { Money, MoneyDecimal } from '../platform/money/money';
import { LineKind, LineLoyalty } from './cart-line-kinds';
import type { CartLineEntity } from './cart-line.entity';
import type { CartEntity } from './cart.entity';
import { CartRepository, NewCartLine } from './cart.repository';
import { AddFreeTextToCartInput, AddItemToCartInput, AgreementAlternative, CartLineAdded, ItemNotOrderable, MandatoryAgreementRefusal } from './cart.types';
import { CartView, CartViewBuilder, LineView } from './cart-view';
import { alternativePrefixes, decideLoyalty, saving } from './loyalty';

/** Lines one cart may hold: each is re-checked on every read. */
export const MAX_CART_LINES = 200;
/** Agreement items offered instead of an off-agreement line. */
export const ALTERNATIVES_LIMIT = 5;
const MAX_QUANTITY = new MoneyDecimal(1_000_000);

/** What an alternative is measured against: the line's category, requested unit price and quantity. */
interface Requested {
  unspscCode: string;
  unitPrice: string;
  currency: string;
  quantity: string;
}

/**
 * The requester's cart (issue 15 §2–3): one open cart per user and organisation. Catalogue
 * items are added by id, with the buyer's right to buy decided in the database inside the
 * transaction; free-text lines get their agreement loyalty decided when added. Every change is
 * audited; the view re-checks each line and totals the PEPPOL way.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly ds: DataSource,
    private readonly carts: CartRepository,
    private readonly agreements: AgreementsService,
    private readonly catalogues: CataloguesService,
    private readonly classification: ClassificationService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly views: CartViewBuilder,
  ) {}

  /** The caller's open cart, each line checked now; empty (id null) when there is none. */
  async cart(ctx: RequestContext): Promise<CartView> {
    const caller = ctx.person;
    const cart = await this.carts.findOpen(ctx, caller.organisationId, caller.userId);
    return this.views.build(ctx, cart, cart ? await this.carts.lines(ctx, cart.id) : []);
  }

  /** Adds a catalogue item by id with its terms as published now (a snapshot), if the caller's organisation may buy it today. */
  async addItem(ctx: RequestContext, input: AddItemToCartInput): Promise<CartLineAdded | ItemNotOrderable> {
    const quantity = checkQuantity(input.quantity);
    return inTransaction(this.ds, ctx, async (tx) => {
      const item = await this.orderableItem(tx, input.itemId);
      if (!item) return ItemNotOrderable.of(input.itemId, await this.refusal(tx, input.itemId));
      return this.added(ctx, await this.appendItem(tx, item, quantity), []);
    });
  }

  /** Appends an item the caller may order (see `orderableItem`) to their open cart, in the caller's transaction, and audits it. */
  async appendItem(tx: RequestContext, item: PurchasableItem, quantity: string): Promise<CartLineEntity> {
    return (await this.appendItems(tx, [{ item, quantity }]))[0];
  }

  /** Appends several orderable items at once (a template): the cart is locked and its room checked once. */
  async appendItems(tx: RequestContext, entries: { item: PurchasableItem; quantity: string }[]): Promise<CartLineEntity[]> {
    if (!entries.length) return [];
    const cart = await this.openCartWithRoom(tx, entries.length);
    const lines: CartLineEntity[] = [];
    for (const { item, quantity } of entries) {
      const line = await this.carts.addLine(tx, cart, { ...snapshot(item), quantity });
      await this.audit.record(tx, 'cart.line-added', 'cart', cart.id, { lineId: line.id, kind: line.kind, itemId: item.itemId, versionId: item.versionId, quantity, unitPrice: item.price });
      lines.push(line);
    }
    return lines;
  }

  /** The caller's open cart, locked, when it has room for `adding` more lines. */
  private async openCartWithRoom(tx: RequestContext, adding: number): Promise<CartEntity> {
    const cart = await this.carts.openLocked(tx, tx.person.organisationId, tx.person.userId);
    const count = await this.carts.countLines(tx, cart.id);
    if (count + adding > MAX_CART_LINES) throw badInput(`A cart holds at most ${MAX_CART_LINES} lines; it has ${count} and this would add ${adding}`);
    return cart;
  }

  /**
   * Adds a need no catalogue covers. In the category of a mandatory agreement in force for the
   * buyer it is refused unless justified (the refusal names the agreements and offers their
   * items); justified, or in a voluntary agreement's category, it is flagged off-agreement.
   */
  async addFreeText(ctx: RequestContext, input: AddFreeTextToCartInput): Promise<CartLineAdded | MandatoryAgreementRefusal> {
    const quantity = checkQuantity(input.quantity);
    const estimatedPrice = new MoneyDecimal(input.estimatedPrice).toFixed();
    if (!isUnitCode(input.unitCode)) throw badInput(`unitCode "${input.unitCode}" is not a UN/ECE Recommendation 20 unit code`, { field: 'unitCode' });
    if (!ISO_4217.has(input.currency)) throw badInput(`currency "${input.currency}" is not an ISO 4217 currency code`, { field: 'currency' });
    const vatRate = norwegianVatRate(input.vatRate);
    if (vatRate === undefined) throw badInput(`vatRate must be one of ${NORWEGIAN_VAT_RATES.join(', ')} (percent)`, { field: 'vatRate' });
    if (input.preferredSupplierId !== undefined && input.preferredSupplierName !== undefined) {
      throw badInput('Give preferredSupplierId or preferredSupplierName, not both', { field: 'preferredSupplierName' });
    }
    const description = input.description.trim();
    if (description.length < 3) throw badInput('description must say what is needed (at least 3 characters)', { field: 'description' });
    const justificationText = input.justification?.text.trim();
    if (justificationText !== undefined && justificationText.length < 3) throw badInput('justification.text must say why (at least 3 characters)', { field: 'justification.text' });
    const supplierName = input.preferredSupplierName?.trim();
    if (supplierName === '') throw badInput('preferredSupplierName must not be blank', { field: 'preferredSupplierName' });
    return inTransaction(this.ds, ctx, async (tx) => {
      if (!(await this.classification.existing(tx, [input.unspscCode])).has(input.unspscCode)) {
        throw badInput(`unspscCode ${input.unspscCode} is not in the UNSPSC code set`, { field: 'unspscCode' });
      }
      const supplierId = input.preferredSupplierId ?? null;
      if (supplierId !== null) {
        const supplier = await this.identity.find(tx, supplierId);
        if (supplier?.kind !== OrganisationKind.SUPPLIER) throw badInput(`preferredSupplierId ${supplierId} is not a supplier organisation`, { field: 'preferredSupplierId' });
      }
      const inForce = await this.agreements.inForceFor(tx, tx.person.organisationId);
      const requested = { unspscCode: input.unspscCode, unitPrice: estimatedPrice, currency: input.currency, quantity };
      const decision = decideLoyalty(input.unspscCode, inForce, !!input.justification);
      if (decision.refused) {
        const refs = decision.mandatory.map((a) => ({ id: a.id, reference: a.reference, title: a.title }));
        return MandatoryAgreementRefusal.of(refs, await this.alternativesAmong(tx, inForce, requested), input.unspscCode);
      }
      const cart = await this.openCartWithRoom(tx, 1);
      const line = await this.carts.addLine(tx, cart, {
        kind: LineKind.FREE_TEXT,
        name: description,
        unspscCode: input.unspscCode,
        quantity,
        unitCode: input.unitCode,
        unitPrice: estimatedPrice,
        currency: input.currency,
        vatRate,
        catalogueItemId: null,
        catalogueVersionId: null,
        agreementId: null,
        sellerItemId: null,
        gtin: null,
        supplierId,
        supplierName: supplierName ?? null,
        loyalty: decision.loyalty,
        coveringAgreementIds: decision.covering.map((a) => a.id),
        justificationCode: input.justification?.code ?? null,
        justificationText: justificationText ?? null,
        // A free-text need names no item: whether it is eco-labelled is unknown, not "no".
        ecoLabelled: null,
      });
      await this.audit.record(tx, 'cart.line-added', 'cart', cart.id, {
        lineId: line.id,
        kind: line.kind,
        unspscCode: line.unspscCode,
        quantity,
        estimatedPrice,
        currency: line.currency,
        loyalty: line.loyalty,
        coveringAgreementIds: line.coveringAgreementIds,
        justificationCode: line.justificationCode,
      });
      const alternatives = line.loyalty === LineLoyalty.OFF_AGREEMENT ? await this.alternativesAmong(tx, inForce, requested) : [];
      return this.added(ctx, line, alternatives);
    });
  }

  /**
   * Replaces a line (typically an off-agreement one, or a catalogue line whose item was
   * repriced) with a catalogue item in one step: the line keeps its number and quantity and
   * takes the item's terms as published now.
   */
  async replaceWithItem(ctx: RequestContext, lineId: number, itemId: string): Promise<CartLineAdded | ItemNotOrderable> {
    if (!/^\d{1,18}$/.test(itemId)) throw badInput('itemId must be a catalogue item id', { field: 'itemId' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const { cart, line } = await this.ownLine(tx, lineId);
      const item = await this.orderableItem(tx, itemId);
      if (!item) return ItemNotOrderable.of(itemId, await this.refusal(tx, itemId));
      const replaced = await this.carts.updateLine(tx, cart, line.id, snapshot(item));
      await this.audit.record(tx, 'cart.line-replaced', 'cart', cart.id, {
        lineId: line.id,
        from: { kind: line.kind, itemId: line.catalogueItemId, unspscCode: line.unspscCode, unitPrice: line.unitPrice, currency: line.currency, loyalty: line.loyalty },
        to: { itemId: item.itemId, versionId: item.versionId, unitPrice: item.price, currency: item.currency },
      });
      return this.added(ctx, replaced, []);
    });
  }

  async updateQuantity(ctx: RequestContext, lineId: number, quantityText: string): Promise<CartView> {
    const quantity = checkQuantity(quantityText);
    return inTransaction(this.ds, ctx, async (tx) => {
      const { cart, line } = await this.ownLine(tx, lineId);
      await this.carts.updateLine(tx, cart, line.id, { quantity });
      await this.audit.record(tx, 'cart.line-quantity-changed', 'cart', cart.id, { lineId: line.id, from: line.quantity, to: quantity });
      return this.views.build(tx, cart, await this.carts.lines(tx, cart.id));
    });
  }

  async removeLine(ctx: RequestContext, lineId: number): Promise<CartView> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const { cart, line } = await this.ownLine(tx, lineId);
      await this.carts.deleteLine(tx, cart, line.id);
      await this.audit.record(tx, 'cart.line-removed', 'cart', cart.id, { lineId: line.id, kind: line.kind, name: line.name, quantity: line.quantity });
      return this.views.build(tx, cart, await this.carts.lines(tx, cart.id));
    });
  }

  async clear(ctx: RequestContext): Promise<CartView> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const cart = await this.carts.findOpenLocked(tx, tx.person.organisationId, tx.person.userId);
      if (!cart) return this.views.build(tx, null, []);
      const removed = await this.carts.deleteLines(tx, cart);
      await this.audit.record(tx, 'cart.cleared', 'cart', cart.id, { removed });
      return this.views.build(tx, cart, []);
    });
  }

  /** For an off-agreement line of the caller's cart: agreement items that could replace it, cheapest first. */
  async alternatives(ctx: RequestContext, line: Pick<LineView, 'loyalty' | 'unspscCode' | 'unitPrice' | 'currency' | 'quantity'>, limit = ALTERNATIVES_LIMIT): Promise<AgreementAlternative[]> {
    if (line.loyalty !== LineLoyalty.OFF_AGREEMENT) return [];
    // Looked up once per request, however many lines ask.
    const inForce = await requestLoader<number, AgreementInForce[]>(ctx, 'orderingAgreementsInForce', (orgs) => Promise.all(orgs.map((org) => this.agreements.inForceFor(ctx, org)))).load(
      ctx.person.organisationId,
    );
    return this.alternativesAmong(ctx, inForce, line, limit);
  }

  /** Every UNSPSC code a cart line uses (the UNSPSC re-import keeps those codes). */
  unspscCodesInUse(tx: RequestContext): Promise<string[]> {
    return this.carts.codesInUseHeld(tx);
  }

  /**
   * The item, when it is in the version in force of an agreement the caller's organisation may
   * order under today; decided by the database in the caller's transaction, by the rule search
   * uses (never the search's cached visibility).
   */
  async orderableItem(tx: RequestContext, itemId: string): Promise<PurchasableItem | null> {
    const item = await this.catalogues.itemForPurchase(tx, itemId);
    if (!item) return null;
    const inForce = await this.agreements.inForceFor(tx, tx.person.organisationId);
    return inForce.some((a) => a.id === item.agreementId) ? item : null;
  }

  /**
   * Why an item the caller may not order is refused, when the reason is the item itself (not
   * orderable by itself, outside its validity) and the caller could see it otherwise; null for
   * anything else (the caller is then told only that it is not in a catalogue it may order from).
   */
  private async refusal(tx: RequestContext, itemId: string): Promise<string | null> {
    const refused = await this.catalogues.purchaseRefusal(tx, itemId);
    if (!refused) return null;
    const inForce = await this.agreements.inForceFor(tx, tx.person.organisationId);
    return inForce.some((a) => a.id === refused.agreementId) ? refused.reason : null;
  }

  /** A line of the caller's own open cart (locked), or NOT_FOUND: another's line is no different from a missing one. */
  private async ownLine(tx: RequestContext, lineId: number): Promise<{ cart: CartEntity; line: CartLineEntity }> {
    const cart = await this.carts.findOpenLocked(tx, tx.person.organisationId, tx.person.userId);
    const line = cart ? await this.carts.line(tx, cart.id, lineId) : null;
    if (!cart || !line) throw notFound('Cart line', lineId);
    return { cart, line };
  }

  /**
   * The answer to an add: the line and the cart after it are built only when the client asks
   * for them, after the change has committed (so with `ctx`, the caller's, never the finished
   * transaction's), at most once per answer.
   */
  private added(ctx: RequestContext, line: CartLineEntity, alternatives: AgreementAlternative[]): CartLineAdded {
    let built: Promise<CartView> | undefined;
    const cartView = () => (built ??= this.cart(ctx));
    const lineView = async () => (await cartView()).lines.find((l) => l.id === line.id) ?? (await this.views.build(ctx, null, [line])).lines[0];
    return Object.assign(new CartLineAdded(), { lineView, cartView, alternatives });
  }

  private async alternativesAmong(ctx: RequestContext, inForce: readonly AgreementInForce[], requested: Requested, limit = ALTERNATIVES_LIMIT): Promise<AgreementAlternative[]> {
    const ids = inForce.map((a) => a.id);
    for (const prefix of alternativePrefixes(requested.unspscCode)) {
      const items = await this.catalogues.cheapestUnder(ctx, ids, prefix, limit);
      if (items.length) return items.map((item) => alternative(item, requested));
    }
    return [];
  }
}

/** A positive quantity of at most MAX_QUANTITY, as decimal text. */
function checkQuantity(text: string): string {
  const quantity = new MoneyDecimal(text);
  if (!quantity.gt(0) || quantity.gt(MAX_QUANTITY)) throw badInput(`quantity must be more than 0 and at most ${MAX_QUANTITY.toFixed()}`, { field: 'quantity' });
  return quantity.toFixed();
}

/** A catalogue line's fields from the item as published now. */
function snapshot(item: PurchasableItem): Omit<NewCartLine, 'quantity'> {
  return {
    kind: LineKind.CATALOGUE,
    name: item.name,
    unspscCode: item.unspscCode,
    unitCode: item.unitCode,
    unitPrice: item.price,
    currency: item.currency,
    vatRate: item.vatRate,
    catalogueItemId: item.itemId,
    catalogueVersionId: item.versionId,
    agreementId: item.agreementId,
    sellerItemId: item.sellerItemId,
    gtin: item.gtin,
    supplierId: item.supplierId,
    supplierName: null,
    loyalty: LineLoyalty.ON_AGREEMENT,
    coveringAgreementIds: [],
    justificationCode: null,
    justificationText: null,
    ecoLabelled: item.ecoLabelled,
  };
}

function alternative(item: PurchasableItem, requested: Requested): AgreementAlternative {
  const saved = saving(Money.of(requested.unitPrice, requested.currency), Money.of(item.price, item.currency), requested.quantity);
  return {
    itemId: item.itemId,
    name: item.name,
    sellerItemId: item.sellerItemId,
    unspscCode: item.unspscCode,
    price: item.price,
    currency: item.currency,
    unitCode: item.unitCode,
    agreementId: item.agreementId,
    supplierId: item.supplierId,
    savingPerUnit: saved?.perUnit.toDecimalString() ?? null,
    savingForLine: saved?.forLine.toDecimalString() ?? null,
  };
}
